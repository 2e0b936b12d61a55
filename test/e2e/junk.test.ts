/**
 * Junk mail in the window: mail delivered by a real Postfix into a real Dovecot and fetched with
 * Send/Receive; the message SpamAssassin flagged goes to Junk by itself, Junk in the toolbar and the
 * message menu's Not junk move mail between Inbox and Junk (teaching the filter), with right-to-left
 * and very long subjects among them; a junk HTML message is read as plain text with its links as text,
 * and nothing of it is loaded from the network.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';
import type { MessageId } from '../../shared/i18n/messages-en';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
const LONG_SUBJECT = `Limited offer ${'really '.repeat(60)}cheap watches`;
const HEBREW_SUBJECT = 'שלום, ארוחת צהריים מחר?';

let env: MailEnvironment;

function message(
  subject: string,
  extra: readonly string[] = [],
  body: { readonly type: string; readonly text: string } = { type: 'text/plain', text: 'Text.' },
): Buffer {
  return Buffer.from(
    [
      `From: Sender <sender@example.test>`,
      `To: Alice Example <${ALICE}>`,
      `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
      `Date: Tue, 10 Mar 2026 12:00:00 +0000`,
      `Message-ID: <${Buffer.from(subject).toString('hex').slice(0, 24)}@example.test>`,
      'MIME-Version: 1.0',
      ...extra,
      `Content-Type: ${body.type}; charset=utf-8`,
      '',
      body.text,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

function rows(page: Page): Locator {
  return page.getByRole('grid', { name: ui('mail.messages') }).locator('.grid-body [role="row"][aria-selected]');
}

/** A catalog message as a pattern of the whole text (a folder's name, not a longer one holding it). */
function whole(id: MessageId): RegExp {
  return new RegExp(`^${uiPattern(id).source}$`);
}

function folder(page: Page, name: RegExp): Locator {
  return page
    .getByRole('tree', { name: ui('folder.pane') })
    .getByRole('treeitem', { name })
    .first();
}

/** Waits until the list shows exactly these subjects, in any order. */
async function waitForSubjects(page: Page, subjects: readonly string[], what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    const texts = await rows(page)
      .allTextContents()
      .catch(() => []);
    shown = texts.map((text) => subjects.find((subject) => text.includes(subject.slice(0, 40))) ?? text).sort();
    if (JSON.stringify(shown) === JSON.stringify([...subjects].sort())) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what}: expected ${JSON.stringify(subjects)}, the list shows ${JSON.stringify(shown)}`);
}

before(async () => {
  env = await startMailEnvironment();
  await env.deliver(message('Meeting notes'), { from: 'sender@example.test', to: [ALICE] });
  await env.deliver(message(HEBREW_SUBJECT), { from: 'sender@example.test', to: [ALICE] });
  await env.deliver(message(LONG_SUBJECT), { from: 'sender@example.test', to: [ALICE] });
  await env.deliver(message('You have won', ['X-Spam-Flag: YES', 'X-Spam-Status: Yes, score=12.0 required=5.0']), {
    from: 'sender@example.test',
    to: [ALICE],
  });
  await env.deliver(
    message('Claim your prize', ['X-Spam-Flag: YES'], {
      type: 'text/html',
      text: '<p>Click <a href="https://prize.example.test/claim">here</a> now</p><img src="https://tracker.example.test/pixel.png" alt="">',
    }),
    { from: 'sender@example.test', to: [ALICE] },
  );
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await env?.stop();
});

test(
  'flagged junk goes to Junk by itself and is read without loading anything; Junk and Not junk move mail between Inbox and Junk',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage({ width: 1280, height: 800 });
    await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: ui('toolbar.sendReceive') }).click();
    await waitForSubjects(page, ['Meeting notes', HEBREW_SUBJECT, LONG_SUBJECT], 'the Inbox without the message the server flagged');

    await rows(page).filter({ hasText: 'cheap watches' }).click();
    await page
      .getByRole('toolbar', { name: ui('toolbar.label') })
      .getByRole('button', { name: ui('toolbar.junk'), exact: true })
      .click();
    await waitForSubjects(page, ['Meeting notes', HEBREW_SUBJECT], 'the Inbox after Junk');

    await folder(page, whole('folder.special.junk')).click();
    let remoteRequests = 0;
    await page.context().route(/^https:\/\/[a-z.]*example\.test\//, (route) => {
      remoteRequests += 1;
      return route.fulfill({ contentType: 'image/png', body: '' });
    });
    await waitForSubjects(page, ['You have won', LONG_SUBJECT, 'Claim your prize'], 'the Junk folder');
    await rows(page).filter({ hasText: 'Claim your prize' }).click();
    await page.getByText(ui('reader.junkNote')).waitFor({ timeout: UI_TIMEOUT_MS });
    const body = page.getByRole('document', { name: ui('reader.body') });
    await body.getByText('Click here [https://prize.example.test/claim] now').waitFor({ timeout: UI_TIMEOUT_MS });
    await env.screenshot(page, 'junk-reader');
    assert.equal(await body.locator('a').count(), 0, 'links are text');
    assert.equal(await page.locator('.reader-body iframe').count(), 0, 'no HTML frame');
    assert.equal(await page.getByRole('button', { name: ui('reader.loadRemote') }).count(), 0);
    assert.equal(remoteRequests, 0, 'nothing was loaded from the network');
    await env.screenshot(page, 'junk-folder');
    assert.equal(
      await page
        .getByRole('toolbar', { name: ui('toolbar.label') })
        .getByRole('button', { name: ui('toolbar.notJunk') })
        .count(),
      1,
    );

    await rows(page).filter({ hasText: 'You have won' }).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: ui('mail.messageActions') });
    await menu.getByRole('menuitem', { name: ui('toolbar.notJunk') }).click();
    await waitForSubjects(page, [LONG_SUBJECT, 'Claim your prize'], 'Junk after Not junk');
    await folder(page, whole('folder.special.inbox')).click();
    await waitForSubjects(page, ['Meeting notes', HEBREW_SUBJECT, 'You have won'], 'the Inbox with the rescued message');
    assert.deepEqual(problems, []);
    await page.close();
  },
);
