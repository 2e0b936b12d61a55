/**
 * The main mail window against real servers: Postfix delivers into Dovecot, Send/Receive fetches over
 * POP3, and Chromium drives the window the way a user does (toolbar, folder tree, message grid,
 * search, shortcuts), with an accessibility scan and screenshots at both window sizes and themes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { attachmentMessage } from '../support/attachment-message';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { ANY_NUMBER, ANY_TEXT, ui, uiPattern } from './support/words';
import { MAIL_E2E_TIMEOUT_MS, WINDOW_SIZES, startMailEnvironment, type MailEnvironment } from './support/mail-environment';

const ALICE = 'alice@example.test';
/** A word only one message's body contains, for the full-text search. */
const SEARCH_WORD = 'pineapple';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;

let env: MailEnvironment;

/** One of the test's messages: plain text, or with a PDF attached. */
function message(options: { from: string; subject: string; body: string; date: string; attachment?: boolean }): string | Buffer {
  const to = `Alice Example <${ALICE}>`;
  if (options.attachment !== true) return plainMessage({ from: options.from, to, subject: options.subject, date: options.date, body: options.body });
  const head = [
    `From: ${options.from}`,
    `To: ${to}`,
    `Subject: ${options.subject}`,
    `Date: ${options.date}`,
    `Message-ID: <${options.subject.replace(/\W+/g, '.')}@example.test>`,
    'MIME-Version: 1.0',
  ];
  return attachmentMessage({ head, text: options.body, fileName: 'report.pdf', contentType: 'application/pdf', content: '%PDF-1.4 quarterly numbers' });
}

const MESSAGES = [
  {
    from: 'Carol Example <carol@example.test>',
    subject: 'Quarterly report',
    body: 'The numbers are attached.',
    date: 'Mon, 2 Mar 2026 09:00:00 +0000',
    attachment: true,
  },
  {
    from: 'Bob Example <bob@example.test>',
    subject: 'Lunch on Friday',
    body: `Shall we try the ${SEARCH_WORD} pizza place?`,
    date: 'Tue, 3 Mar 2026 12:00:00 +0000',
  },
  { from: 'Dave Example <dave@example.test>', subject: 'Zebra crossing photos', body: 'Photo notes. '.repeat(2_000), date: 'Wed, 4 Mar 2026 15:00:00 +0000' },
  { from: 'Ann Other <ann@example.test>', subject: 'Alpha plan', body: 'First draft of the plan.', date: 'Thu, 5 Mar 2026 08:30:00 +0000' },
] as const;

async function deliverAll(): Promise<void> {
  for (const item of MESSAGES) await env.deliver(message(item), { from: 'sender@example.test', to: [ALICE] });
}

function rows(page: Page) {
  return page.getByRole('grid', { name: ui('mail.messages') }).locator('.grid-body [role="row"][aria-selected]');
}

async function waitForRowCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((expected) => document.querySelectorAll('.grid-body [role="row"][aria-selected]').length === expected, count, {
    timeout: UI_TIMEOUT_MS,
  });
}

async function columnTexts(page: Page, column: string): Promise<string[]> {
  return rows(page).locator(`.${column}`).allInnerTexts();
}

/** A folder's tree item showing this unread count (named by the folder, the count as its description). */
function unreadBadge(page: Page, folder: string, unread: number) {
  return page.getByRole('treeitem', { name: folder, exact: true }).filter({ has: page.locator('.tree-count', { hasText: new RegExp(`^${unread}$`) }) });
}

async function openMailWindow(size: { width: number; height: number } = WINDOW_SIZES[0], scheme: 'light' | 'dark' = 'light') {
  const opened = await env.openPage(size, scheme);
  await opened.page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  return opened;
}

before(async () => {
  env = await startMailEnvironment();
  await deliverAll();
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await env?.stop();
});

test('Send/Receive shows progress, fetches the mail, and the counts, title and status line follow', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  await page.getByRole('treeitem', { name: /^Alice/ }).waitFor();
  assert.equal(await rows(page).count(), 0);
  // Remember every progress line shown, however briefly.
  await page.evaluate((label) => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const group = document.querySelector(`[aria-label="${label}"]`);
      if (group !== null) seen.push(group.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, ui('progress.group'));
  await page.getByRole('button', { name: uiPattern('toolbar.sendReceive') }).click();
  await waitForRowCount(page, MESSAGES.length);
  const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  assert.ok(
    progress.some((line) => line.startsWith('Alice')),
    `progress shown: ${JSON.stringify(progress)}`,
  );
  await page
    .getByRole('status')
    .filter({ hasText: uiPattern('status.checked', { account: 'Alice', time: ANY_TEXT, news: ui('status.news', { count: 4 }) }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await unreadBadge(page, ui('folder.special.inbox'), 4).waitFor();
  await unreadBadge(page, ui('mail.unifiedInbox'), 4).waitFor();
  assert.equal(await page.title(), '(4) Mailbag');
  // Unread rows are bold; the attachment and size columns say what they hold.
  const weights = await rows(page)
    .locator('.col-subject')
    .evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell).fontWeight));
  assert.ok(
    weights.every((weight) => Number(weight) >= 700),
    `unread subjects are bold: ${weights.join(',')}`,
  );
  const report = rows(page).filter({ hasText: 'Quarterly report' });
  assert.match(await report.innerText(), uiPattern('list.hasAttachments'));
  // Newest first by default.
  assert.deepEqual(await columnTexts(page, 'col-subject'), ['Alpha plan', 'Zebra crossing photos', 'Lunch on Friday', 'Quarterly report']);
  // Opening a message (selecting it shows it in the reader) marks it read, and the counts follow.
  await report.click();
  await unreadBadge(page, ui('folder.special.inbox'), 3).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.waitForFunction(() => document.title === '(3) Mailbag');
  assert.equal(await report.getAttribute('aria-selected'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});

test('column headers sort by sender and size, and click again to reverse', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  await waitForRowCount(page, MESSAGES.length);
  const grid = page.getByRole('grid', { name: ui('mail.messages') });
  await grid.getByRole('button', { name: ui('header.from') }).click();
  // Wait for the whole column: the first row alone may already read the same before the sort.
  await page.waitForFunction(
    (expected) => [...document.querySelectorAll('.grid-body [role="row"] .col-sender')].map((cell) => cell.textContent).join('\n') === expected,
    ['Ann Other', 'Bob Example', 'Carol Example', 'Dave Example'].join('\n'),
  );
  assert.deepEqual(await columnTexts(page, 'col-sender'), ['Ann Other', 'Bob Example', 'Carol Example', 'Dave Example']);
  assert.equal(await grid.getByRole('columnheader', { name: ui('header.from') }).getAttribute('aria-sort'), 'ascending');
  await grid.getByRole('button', { name: ui('header.from') }).click();
  await page.waitForFunction(() => document.querySelector('.grid-body [role="row"] .col-sender')?.textContent === 'Dave Example');
  assert.equal(await grid.getByRole('columnheader', { name: ui('header.from') }).getAttribute('aria-sort'), 'descending');
  await grid.getByRole('button', { name: ui('list.columnSize') }).click();
  await page.waitForFunction(() => document.querySelector('.grid-body [role="row"] .col-subject')?.textContent === 'Zebra crossing photos');
  assert.equal(await grid.getByRole('columnheader', { name: ui('list.columnSize') }).getAttribute('aria-sort'), 'descending');
  assert.deepEqual(problems, []);
  await page.close();
});

test('search finds a message by a word of its body, and Escape brings the folder back', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  await waitForRowCount(page, MESSAGES.length);
  // "/" focuses the search box (the Outlook preset also takes Ctrl+E).
  await page.getByRole('grid', { name: ui('mail.messages') }).focus();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: ui('toolbar.search') });
  await page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, ui('toolbar.search'));
  await search.pressSequentially(SEARCH_WORD);
  await waitForRowCount(page, 1);
  assert.deepEqual(await columnTexts(page, 'col-subject'), ['Lunch on Friday']);
  await page
    .getByRole('status')
    .filter({ hasText: ui('search.found', { count: 1, text: SEARCH_WORD }) })
    .waitFor();
  await search.press('Escape');
  await waitForRowCount(page, MESSAGES.length);
  assert.equal(await search.inputValue(), '');
  await page.keyboard.press('Control+e');
  await page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, ui('toolbar.search'));
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'an accessibility scan finds no serious or critical problems, and screenshots hold at both sizes in both themes',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    for (const size of WINDOW_SIZES) {
      for (const scheme of ['light', 'dark'] as const) {
        const { page, problems } = await openMailWindow(size, scheme);
        await waitForRowCount(page, MESSAGES.length);
        await rows(page).filter({ hasText: 'Lunch on Friday' }).click();
        const overflow = await page.evaluate(() => ({
          width: document.documentElement.scrollWidth - window.innerWidth,
          height: document.documentElement.scrollHeight - window.innerHeight,
        }));
        assert.deepEqual(overflow, { width: 0, height: 0 }, `no page overflow at ${size.name}`);
        const toolbar = await page.evaluate(() => {
          const bar = document.querySelector('[role="toolbar"]');
          return bar === null ? null : { needed: bar.scrollWidth, room: bar.clientWidth };
        });
        assert.ok(toolbar !== null && toolbar.needed <= toolbar.room, `the toolbar fits at ${size.name}: ${JSON.stringify(toolbar)}`);
        await env.screenshot(page, `mail-window-${size.name}-${scheme}`);
        if (size.name === 'small') {
          await assertAccessible(page, `the mail window (${scheme})`);
          // The commands of the More menu are reached from the keyboard, by name.
          const more = page.getByRole('toolbar', { name: ui('toolbar.label') }).getByRole('button', { name: ui('toolbar.moreLabel') });
          await more.focus();
          await page.keyboard.press('Enter');
          const menu = page.getByRole('menu', { name: ui('toolbar.moreLabel') });
          await menu.waitFor();
          assert.deepEqual(await menu.getByRole('menuitem').allInnerTexts(), [ui('toolbar.copyTo'), ui('toolbar.import'), ui('toolbar.contacts')]);
          assert.equal(await page.evaluate(() => document.activeElement?.textContent), ui('toolbar.copyTo'));
          await assertAccessible(page, `the toolbar's More menu (${scheme})`);
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Enter');
          // The import wizard is the only dialog open (its own words are its own tests' to check).
          await page.getByRole('dialog').waitFor();
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'detached' });
          await more.focus();
          await page.keyboard.press('Enter');
          await menu.waitFor();
          await page.keyboard.press('Enter');
          await page.getByRole('dialog', { name: ui('move.copyTitle', { count: 1 }) }).waitFor();
          await page.keyboard.press('Escape');
          await page.getByRole('dialog', { name: ui('move.copyTitle', { count: 1 }) }).waitFor({ state: 'detached' });
        }
        assert.deepEqual(problems, []);
        await page.close();
      }
    }
  },
);

test('several messages selected with Ctrl and Shift go to Trash with Delete, and the folder counts follow', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  await waitForRowCount(page, MESSAGES.length);
  // Newest first: Alpha plan, Zebra crossing photos, Lunch on Friday, Quarterly report.
  await rows(page).nth(0).click();
  await rows(page)
    .nth(1)
    .click({ modifiers: ['Control'] });
  await page.waitForFunction(() => document.querySelectorAll('.grid-body [role="row"][aria-selected="true"]').length === 2);
  await page.keyboard.press('Delete');
  await waitForRowCount(page, 2);
  assert.deepEqual(await columnTexts(page, 'col-subject'), ['Lunch on Friday', 'Quarterly report']);
  // The row that took their place is selected.
  await page.waitForFunction(() => document.querySelector('.grid-body [role="row"][aria-selected="true"] .col-subject')?.textContent === 'Lunch on Friday');
  await page.getByRole('treeitem', { name: ui('folder.special.trash'), exact: true }).click();
  // The Inbox also holds two messages now, so a row count alone cannot tell that Trash is shown.
  await page.waitForFunction(
    (expected) =>
      [...document.querySelectorAll('.grid-body [role="row"] .col-subject')]
        .map((cell) => cell.textContent)
        .sort()
        .join('\n') === expected,
    ['Alpha plan', 'Zebra crossing photos'].join('\n'),
  );
  assert.deepEqual((await columnTexts(page, 'col-subject')).sort(), ['Alpha plan', 'Zebra crossing photos']);
  // Shift+arrow extends the selection; Delete in Trash deletes for good, after a confirmation.
  await rows(page).nth(0).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.waitForFunction(() => document.querySelectorAll('.grid-body [role="row"][aria-selected="true"]').length === 2);
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.delete'), exact: true })
    .click();
  await page
    .getByRole('alertdialog', { name: ui('delete.permanentTitle', { count: 2 }) })
    .getByRole('button', { name: ui('delete.messagesConfirm', { count: 2 }) })
    .click();
  await waitForRowCount(page, 0);
  await page.getByRole('treeitem', { name: new RegExp(`^${uiPattern('mail.unifiedInbox').source}`) }).click();
  await waitForRowCount(page, 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('F9 runs Send/Receive and Ctrl+N opens a new message; Ctrl+A selects every message', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  await waitForRowCount(page, 2);
  await env.deliver(
    message({ from: 'Bob Example <bob@example.test>', subject: 'Shortcut check', body: 'Arrived by F9.', date: 'Fri, 6 Mar 2026 10:00:00 +0000' }),
    { from: 'bob@example.test', to: [ALICE] },
  );
  await page.getByRole('grid', { name: ui('mail.messages') }).focus();
  await page.keyboard.press('F9');
  await waitForRowCount(page, 3);
  await page
    .getByRole('status')
    .filter({ hasText: ui('mail.newMailFor', { count: 1, account: 'Alice' }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('grid', { name: ui('mail.messages') }).focus();
  await page.keyboard.press('Control+a');
  await page.waitForFunction(() => document.querySelectorAll('.grid-body [role="row"][aria-selected="true"]').length === 3);
  await page
    .getByRole('status')
    .filter({ hasText: uiPattern('mail.summarySelected', { list: ANY_TEXT, total: 3, unread: ANY_NUMBER, selected: 3 }) })
    .waitFor();
  await page.keyboard.press('Control+n');
  // The compose window is the only dialog open (its words are the compose tests' to check).
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});
