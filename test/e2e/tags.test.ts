/**
 * Colour tags in the window: mail delivered by a real Postfix into a real Dovecot and fetched with
 * Send/Receive; a rule tags an invoice Work as it arrives, the message menu and the toolbar's Tag menu
 * put tags on and take them off, every tag shows in the list as a coloured mark that also says its name
 * (right-to-left and very long subjects among the messages), and `tag:` searches them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { plainMessage } from './reader-fixtures';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
const LONG_SUBJECT = `Quarterly planning ${'and more planning '.repeat(40)}end`;
const HEBREW_SUBJECT = 'שלום, ארוחת צהריים מחר?';

let env: MailEnvironment;

function message(subject: string): Buffer {
  return plainMessage({
    from: 'Sender <sender@example.test>',
    to: `Alice Example <${ALICE}>`,
    subject,
    encodedSubject: true,
    date: 'Tue, 10 Mar 2026 12:00:00 +0000',
    body: 'Text.',
  });
}

/** The list's rows; `grid` is the list's name in the window's language. */
function rows(page: Page, grid = ui('mail.messages')): Locator {
  return page.getByRole('grid', { name: grid }).locator('.grid-body [role="row"][aria-selected]');
}

/** Waits until the row with `subject` shows exactly these tag names, in menu order. */
async function waitForTags(page: Page, subject: string, tags: readonly string[], grid = ui('mail.messages')): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = await rows(page, grid)
      .filter({ hasText: subject.slice(0, 30) })
      .locator('.message-tag')
      .allTextContents()
      .catch(() => []);
    if (JSON.stringify(shown) === JSON.stringify(tags)) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`“${subject.slice(0, 30)}”: expected the tags ${JSON.stringify(tags)}, the list shows ${JSON.stringify(shown)}`);
}

/** Waits until the list shows exactly this many rows. */
async function waitForRowCount(page: Page, count: number, what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let shown = -1;
  while (Date.now() < deadline) {
    shown = await rows(page).count();
    if (shown === count) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what}: expected ${count} rows, the list shows ${shown}`);
}

before(async () => {
  env = await startMailEnvironment();
  for (const subject of ['Invoice 2026-03', HEBREW_SUBJECT, LONG_SUBJECT]) await env.deliver(message(subject), { from: 'sender@example.test', to: [ALICE] });
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const rule = await env.client.call('saveRule', {
    rule: { name: 'Invoices are work', query: 'subject:invoice', actions: [{ kind: 'tag', tag: 'work' }], stop: false, accountId: null },
  });
  assert.equal(rule.ok, true, JSON.stringify(rule));
});

after(async () => {
  await env?.stop();
});

test('a rule, the message menu and the toolbar put colour tags on, the list names them, and tag: finds them', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  // The smallest window the app supports: the Tag menu keeps the toolbar on one line.
  const { page, problems } = await env.openPage();
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: uiPattern('toolbar.sendReceive') }).click();
  await waitForRowCount(page, 3, 'the Inbox after Send/Receive');
  await waitForTags(page, 'Invoice 2026-03', [ui('tag.work')]);
  await waitForTags(page, HEBREW_SUBJECT, []);

  await rows(page).filter({ hasText: HEBREW_SUBJECT }).click({ button: 'right' });
  await page
    .getByRole('menu', { name: ui('mail.messageActions') })
    .getByRole('menuitem', { name: ui('menu.addTag', { tag: ui('tag.important') }) })
    .click();
  await waitForTags(page, HEBREW_SUBJECT, [ui('tag.important')]);

  await rows(page).filter({ hasText: 'Quarterly planning' }).click();
  const toolbar = page.getByRole('toolbar', { name: ui('toolbar.label') });
  const top = async (name: string): Promise<number> => (await toolbar.getByRole('button', { name, exact: true }).boundingBox())?.y ?? -1;
  assert.equal(await top(ui('toolbar.tag')), await top(ui('toolbar.new')), "the Tag menu is on the toolbar's first line");
  await toolbar.getByRole('button', { name: ui('toolbar.tag'), exact: true }).click();
  await page.getByRole('menuitem', { name: ui('menu.addTag', { tag: ui('tag.todo') }) }).click();
  await waitForTags(page, LONG_SUBJECT, [ui('tag.todo')]);
  await toolbar.getByRole('button', { name: ui('toolbar.tag'), exact: true }).click();
  await page.getByRole('menuitem', { name: ui('menu.addTag', { tag: ui('tag.important') }) }).click();
  await waitForTags(page, LONG_SUBJECT, [ui('tag.important'), ui('tag.todo')]);
  // The colour is not the only sign: the mark is coloured and says the tag's name.
  const mark = rows(page).filter({ hasText: 'Quarterly planning' }).locator('.message-tag[data-tag="important"]');
  assert.equal(await mark.textContent(), ui('tag.important'));
  assert.match(await mark.evaluate((element) => getComputedStyle(element).borderInlineStartColor), /rgb\(215, 25, 28\)/);
  await env.screenshot(page, 'tags-list');

  await page.getByRole('searchbox', { name: ui('toolbar.search') }).fill('tag:important');
  await waitForRowCount(page, 2, 'the search tag:important');
  await page.getByRole('searchbox', { name: ui('toolbar.search') }).fill('tag:work');
  await waitForRowCount(page, 1, 'the search tag:work');
  await waitForTags(page, 'Invoice 2026-03', [ui('tag.work')]);
  await page.getByRole('searchbox', { name: ui('toolbar.search') }).fill('');
  await waitForRowCount(page, 3, 'the Inbox again');

  await rows(page).filter({ hasText: HEBREW_SUBJECT }).click({ button: 'right' });
  await page
    .getByRole('menu', { name: ui('mail.messageActions') })
    .getByRole('menuitem', { name: ui('menu.removeTag', { tag: ui('tag.important') }) })
    .click();
  await waitForTags(page, HEBREW_SUBJECT, []);
  assert.deepEqual(problems, []);
  await page.close();
});

/** The message list's name in German. */
const GERMAN_GRID = 'Nachrichten';

test('in German the list and the Tag menus name the tags in German, and the stored tag stays the same', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  assert.equal((await env.client.call('updateSettings', { language: 'de' })).ok, true);
  try {
    const { page, problems } = await env.openPage();
    await waitForTags(page, 'Invoice 2026-03', ['Arbeit'], GERMAN_GRID);
    await rows(page, GERMAN_GRID).filter({ hasText: 'Invoice 2026-03' }).click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Schlagwort „Arbeit“ entfernen' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await menu.getByRole('menuitem', { name: 'Schlagwort „Zu erledigen“ setzen' }).click();
    await waitForTags(page, 'Invoice 2026-03', ['Arbeit', 'Zu erledigen'], GERMAN_GRID);
    const marks = rows(page, GERMAN_GRID).filter({ hasText: 'Invoice 2026-03' }).locator('.message-tag');
    assert.deepEqual(await marks.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-tag'))), ['work', 'todo']);
    await rows(page, GERMAN_GRID).filter({ hasText: 'Invoice 2026-03' }).click();
    await page.getByRole('toolbar', { name: 'E-Mail-Befehle' }).getByRole('button', { name: 'Schlagwort', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Schlagwort „Zu erledigen“ entfernen' }).click();
    await waitForTags(page, 'Invoice 2026-03', ['Arbeit'], GERMAN_GRID);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    assert.equal((await env.client.call('updateSettings', { language: null })).ok, true);
  }
});
