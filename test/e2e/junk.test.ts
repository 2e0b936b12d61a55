/**
 * Junk mail in the window: mail delivered by a real Postfix into a real Dovecot and fetched with
 * Send/Receive; the message SpamAssassin flagged goes to Junk by itself, Junk in the toolbar and the
 * message menu's Not junk move mail between Inbox and Junk (teaching the filter), with right-to-left
 * and very long subjects among them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
const LONG_SUBJECT = `Limited offer ${'really '.repeat(60)}cheap watches`;
const HEBREW_SUBJECT = 'שלום, ארוחת צהריים מחר?';

let env: MailEnvironment;

function message(subject: string, extra: readonly string[] = []): Buffer {
  return Buffer.from(
    [
      `From: Sender <sender@example.test>`,
      `To: Alice Example <${ALICE}>`,
      `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
      `Date: Tue, 10 Mar 2026 12:00:00 +0000`,
      `Message-ID: <${Buffer.from(subject).toString('hex').slice(0, 24)}@example.test>`,
      'MIME-Version: 1.0',
      ...extra,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Text.',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

function rows(page: Page): Locator {
  return page.getByRole('grid', { name: 'Messages' }).locator('.grid-body [role="row"][aria-selected]');
}

function folder(page: Page, name: RegExp): Locator {
  return page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name }).first();
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
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await env?.stop();
});

test('flagged junk goes to Junk by itself; Junk and Not junk move mail between Inbox and Junk', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage({ width: 1280, height: 800 });
  await page.getByRole('tree', { name: 'Folders' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Send/Receive' }).click();
  await waitForSubjects(page, ['Meeting notes', HEBREW_SUBJECT, LONG_SUBJECT], 'the Inbox without the message the server flagged');

  await rows(page).filter({ hasText: 'cheap watches' }).click();
  await page.getByRole('toolbar', { name: 'Mail commands' }).getByRole('button', { name: 'Junk', exact: true }).click();
  await waitForSubjects(page, ['Meeting notes', HEBREW_SUBJECT], 'the Inbox after Junk');

  await folder(page, /^Junk/).click();
  await waitForSubjects(page, ['You have won', LONG_SUBJECT], 'the Junk folder');
  await env.screenshot(page, 'junk-folder');
  assert.equal(await page.getByRole('toolbar', { name: 'Mail commands' }).getByRole('button', { name: 'Not junk' }).count(), 1);

  await rows(page).filter({ hasText: 'You have won' }).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await menu.getByRole('menuitem', { name: 'Not junk' }).click();
  await waitForSubjects(page, [LONG_SUBJECT], 'Junk after Not junk');
  await folder(page, /^Inbox/).click();
  await waitForSubjects(page, ['Meeting notes', HEBREW_SUBJECT, 'You have won'], 'the Inbox with the rescued message');
  assert.deepEqual(problems, []);
  await page.close();
});
