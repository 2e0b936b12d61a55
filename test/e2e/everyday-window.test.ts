/**
 * The everyday window as an Outlook or Thunderbird user meets it in the first hour, against real
 * servers (Postfix delivers into Dovecot, Send/Receive fetches over POP3) and driven in Chromium the
 * way a person does: keys of both keyboard schemes, Move to…, confirmations before deleting for good,
 * resizable panes, context menus, a message in its own window, Print, View source, Save as .eml, dark
 * reading and compose's focus and quote header. Each new state is screenshotted and scanned by axe.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { formattingLocale } from '../../shared/i18n/catalogs';
import { formatQuoteDate } from '../../shared/quote-date';
import type { MessageId } from '../../shared/i18n/messages-en';
import { DEFAULT_BROWSER_LOCALE } from './support/browser';
import { ANY_TEXT, E2E_LOCALE, ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;

let env: MailEnvironment;

/** One test message: plain text or HTML, with optional extra header lines and raw 8-bit body bytes. */
interface TestMessage {
  readonly subject: string;
  readonly from?: string;
  readonly date: string;
  readonly text?: string;
  readonly html?: string;
  readonly headers?: readonly string[];
}

function build(message: TestMessage): Buffer {
  const head = [
    `From: ${message.from ?? 'Bob Example <bob@example.test>'}`,
    `To: Alice Example <${ALICE}>`,
    `Subject: ${message.subject}`,
    `Date: ${message.date}`,
    `Message-ID: <${message.subject.replace(/\W+/g, '.')}@example.test>`,
    'MIME-Version: 1.0',
    ...(message.headers ?? []),
  ];
  const type = message.html === undefined ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8';
  return Buffer.from([...head, `Content-Type: ${type}`, 'Content-Transfer-Encoding: 8bit', '', message.html ?? message.text ?? '', ''].join('\r\n'), 'utf8');
}

/** A tall HTML message on white paper, with a bidi line, as a newsletter-like mail. */
const TALL_HTML = `<html><head><style>p { margin: 0 0 8px }</style></head><body>
<h1>Tall newsletter</h1>
${Array.from({ length: 80 }, (_, index) => `<p>Paragraph ${index + 1}: numbers and words.</p>`).join('\n')}
<p dir="rtl">שלום — مرحبا 123</p>
</body></html>`;

/** A message designed dark by its sender: dark reading leaves it alone. */
const DARK_DESIGN_HTML = `<html><body style="background-color:#111111;color:#eeeeee"><table bgcolor="#000000" width="100%"><tr><td style="color:#fafafa">Already dark</td></tr></table></body></html>`;

/** HTML as Outlook writes it: every element on its own line with blank lines between, and a spacer cell of a fixed height. */
const OUTLOOK_HTML = `<html>

<head>

<meta http-equiv="Content-Type" content="text/html; charset=utf-8">

</head>

<body lang="EN-GB">

<div class="WordSection1">

${Array.from({ length: 12 }, (_, index) => `<p class="MsoNormal">Agenda point ${index + 1}<o:p></o:p></p>\n\n\n\n`).join('\n')}

<table><tr><td height="400"><img src="cid:spacer@example.test" width="1" height="400"></td></tr></table>

<p class="MsoNormal">Regards, Dora<o:p></o:p></p>

</div>

</body>

</html>`;

const MESSAGES: readonly TestMessage[] = [
  { subject: 'Agenda for Monday', from: 'Dora Example <dora@example.test>', date: 'Thu, 5 Mar 2026 16:45:00 +0000', html: OUTLOOK_HTML },
  { subject: 'Keys one', date: 'Mon, 2 Mar 2026 09:00:00 +0000', text: 'First message for the keyboard.' },
  { subject: 'Keys two', date: 'Mon, 2 Mar 2026 09:01:00 +0000', text: 'Second message for the keyboard.' },
  { subject: 'Keys three', date: 'Mon, 2 Mar 2026 09:02:00 +0000', text: 'Third message for the keyboard.' },
  { subject: 'Old one', date: 'Sun, 1 Mar 2026 07:00:00 +0000', text: 'Goes to Trash.' },
  { subject: 'Old two', date: 'Sun, 1 Mar 2026 07:01:00 +0000', text: 'Goes to Trash too.' },
  { subject: 'Old three', date: 'Sun, 1 Mar 2026 07:02:00 +0000', text: 'Deleted for good.' },
  { subject: 'Tall newsletter', from: 'News <news@example.test>', date: 'Tue, 3 Mar 2026 10:00:00 +0000', html: TALL_HTML },
  { subject: 'Dark design', from: 'Studio <studio@example.test>', date: 'Tue, 3 Mar 2026 11:00:00 +0000', html: DARK_DESIGN_HTML },
  {
    subject: 'Links and source',
    from: 'Carol Example <carol@example.test>',
    date: 'Wed, 4 Mar 2026 08:00:00 +0000',
    text: 'See https://example.test/plans for the plans.\r\nCafé résumé naïve — ünïcödé.',
    headers: Array.from({ length: 40 }, (_, index) => `X-Long-Header-${index}: ${'value '.repeat(20).trim()}`),
  },
];

/** When the agenda was sent: 16:45 GMT on 5 March 2026, which is 01:45 on 6 March in Tokyo. */
const AGENDA_SENT_MS = Date.UTC(2026, 2, 5, 16, 45);

/** The replying reader's browser language: British English in the English pass, else the pass's language. */
const READER_LOCALE = E2E_LOCALE === 'en' ? 'en-GB' : DEFAULT_BROWSER_LOCALE;

/** How the reply writes dates for that reader in Tokyo (the window's language decides, its region kept when it agrees). */
const READER_STYLE = {
  locale: READER_LOCALE.split('-')[0]?.toLowerCase() === formattingLocale(E2E_LOCALE) ? READER_LOCALE : formattingLocale(E2E_LOCALE),
  timeZone: 'Asia/Tokyo',
} as const;

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: ui('mail.messages') });
}

function row(page: Page, subject: string): Locator {
  return grid(page).locator('.grid-body [role="row"][aria-selected]').filter({ hasText: subject });
}

/** A catalog message as a pattern of the whole text (a folder's name, not a longer one holding it). */
function whole(id: MessageId): RegExp {
  return new RegExp(`^${uiPattern(id).source}$`);
}

function folder(page: Page, name: string | RegExp): Locator {
  return page
    .getByRole('tree', { name: ui('folder.pane') })
    .getByRole('treeitem', { name })
    .first();
}

async function waitForRows(page: Page, subjects: readonly string[]): Promise<void> {
  for (const subject of subjects) await row(page, subject).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** The row's state in words, as a screen reader hears it ("Unread, Flagged"). */
async function rowState(page: Page, subject: string): Promise<string> {
  return (await row(page, subject).locator('.col-flags .visually-hidden').textContent()) ?? '';
}

async function waitForRowState(page: Page, subject: string, test: (state: string) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let state = '';
  while (Date.now() < deadline) {
    state = await rowState(page, subject).catch(() => '');
    if (test(state)) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`${subject}: expected ${what}, the row says “${state}”`);
}

async function openMailWindow(size = { width: 1280, height: 800 }, scheme: 'light' | 'dark' = 'light') {
  const opened = await env.openPage(size, scheme);
  await opened.page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await waitForRows(opened.page, ['Tall newsletter']);
  return opened;
}

before(async () => {
  env = await startMailEnvironment();
  for (const message of MESSAGES) await env.deliver(build(message), { from: 'sender@example.test', to: [ALICE] });
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const page = (await env.openPage()).page;
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: uiPattern('toolbar.sendReceive') }).click();
  await waitForRows(
    page,
    MESSAGES.map((message) => message.subject),
  );
  await page.close();
});

after(async () => {
  await env?.stop();
});

test(
  'Outlook keys mark read and unread, flag, and move through the Move to… dialog; Thunderbird keys do the same',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await openMailWindow();
    await row(page, 'Keys one').click();
    // Showing it marks it read; Ctrl+U makes it unread again, and it stays so while shown.
    await waitForRowState(page, 'Keys one', (state) => !state.includes(ui('list.unread')), 'read');
    await page.keyboard.press('Control+u');
    await waitForRowState(page, 'Keys one', (state) => state.includes(ui('list.unread')), 'unread');
    await page.keyboard.press('Control+q');
    await waitForRowState(page, 'Keys one', (state) => !state.includes(ui('list.unread')), 'read again');
    await page.keyboard.press('Insert');
    await waitForRowState(page, 'Keys one', (state) => state.includes(ui('list.flagged')), 'flagged');
    await page.keyboard.press('Insert');
    await waitForRowState(page, 'Keys one', (state) => !state.includes(ui('list.flagged')), 'not flagged');

    // Ctrl+Shift+V asks where to, with the account's folders.
    await page.keyboard.press('Control+Shift+V');
    const move = page.getByRole('dialog', { name: ui('move.moveTitle', { count: 1 }) });
    await move.waitFor({ timeout: UI_TIMEOUT_MS });
    await env.screenshot(page, 'everyday-move-dialog');
    await assertAccessible(page, 'move dialog');
    assert.deepEqual(
      await move.getByRole('option').allInnerTexts(),
      [ui('folder.special.sent'), ui('folder.special.trash'), ui('folder.special.junk')],
      'not the folder it is in',
    );
    await move.getByRole('option', { name: ui('folder.special.junk'), exact: true }).click();
    await row(page, 'Keys one').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await folder(page, whole('folder.special.junk')).click();
    await waitForRows(page, ['Keys one']);
    await folder(page, whole('folder.special.inbox')).click();
    await waitForRows(page, ['Keys two']);

    // The second scheme, chosen in Settings → Keyboard.
    await page.getByRole('button', { name: ui('toolbar.settings') }).click();
    await page.getByRole('tab', { name: ui('settings.keyboard') }).click();
    await page.getByRole('combobox', { name: ui('settings.shortcutPreset') }).selectOption('thunderbird');
    await page.getByRole('cell', { name: ui('settings.shortcut.readToggle') }).waitFor();
    await env.screenshot(page, 'everyday-settings-keyboard-thunderbird');
    await page.getByRole('button', { name: ui('contacts.backToMail') }).click();
    await row(page, 'Keys two').click();
    await waitForRowState(page, 'Keys two', (state) => !state.includes(ui('list.unread')), 'read');
    await page.keyboard.press('m');
    await waitForRowState(page, 'Keys two', (state) => state.includes(ui('list.unread')), 'unread by M');
    await page.keyboard.press('s');
    await waitForRowState(page, 'Keys two', (state) => state.includes(ui('list.flagged')), 'flagged by S');
    await page.keyboard.press('Control+q');
    await page.keyboard.press('m');
    await waitForRowState(page, 'Keys two', (state) => !state.includes(ui('list.unread')), 'read by M (Ctrl+Q is not a Thunderbird key)');
    await page.keyboard.press('j');
    await row(page, 'Keys two').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await folder(page, whole('folder.special.junk')).click();
    await waitForRows(page, ['Keys two']);
    assert.equal((await rowState(page, 'Keys two')).includes(ui('list.flagged')), true, 'the flag moved with it');

    await page.getByRole('button', { name: ui('toolbar.settings') }).click();
    await page.getByRole('tab', { name: ui('settings.keyboard') }).click();
    await page.getByRole('combobox', { name: ui('settings.shortcutPreset') }).selectOption('outlook');
    await page.getByRole('cell', { name: ui('toolbar.markUnread') }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('deleting in Trash and emptying Trash ask first, naming the count; Cancel keeps the mail', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  // Moving to Trash needs no question.
  for (const subject of ['Old one', 'Old two', 'Old three']) {
    await row(page, subject).click();
    await page.keyboard.press('Delete');
    await row(page, subject).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await folder(page, whole('folder.special.trash')).click();
  await waitForRows(page, ['Old one', 'Old two', 'Old three']);

  // Delete in Trash: deleted for good, so it asks; Cancel (which has the focus) keeps the message.
  await row(page, 'Old three').click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('alertdialog', { name: ui('delete.permanentTitle', { count: 1 }) });
  await confirm.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), ui('common.cancel'));
  await env.screenshot(page, 'everyday-confirm-delete-for-good');
  await assertAccessible(page, 'delete confirmation');
  await page.keyboard.press('Enter');
  await confirm.waitFor({ state: 'detached' });
  await row(page, 'Old three').waitFor();
  await page.keyboard.press('Delete');
  await confirm.getByRole('button', { name: ui('delete.messagesConfirm', { count: 1 }) }).click();
  await row(page, 'Old three').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

  // Empty Trash from the account's actions names the account and the count.
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Alice' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.emptyTrash') }).click();
  const empty = page.getByRole('alertdialog', { name: ui('delete.emptyTrashTitle', { account: 'Alice' }) });
  await empty.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match(await empty.innerText(), uiPattern('delete.emptyTrashText', { count: 2 }));
  await env.screenshot(page, 'everyday-confirm-empty-trash');
  await empty.getByRole('button', { name: ui('common.cancel') }).click();
  await row(page, 'Old one').waitFor();
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Alice' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.emptyTrash') }).click();
  await empty.getByRole('button', { name: ui('delete.messagesConfirm', { count: 2 }) }).click();
  await row(page, 'Old one').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await row(page, 'Old two').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'compose starts in To for a new message and in the body for a reply; the quote has no blank gaps and a local date',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    // A reader in Tokyo: 16:45 GMT on 5 March is 01:45 on 6 March there.
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: READER_LOCALE, timezoneId: READER_STYLE.timeZone });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(env.app.url);
    await waitForRows(page, ['Agenda for Monday']);

    await page.getByRole('button', { name: ui('toolbar.new'), exact: true }).click();
    const fresh = page.getByRole('dialog', { name: uiPattern('compose.title.new') });
    await fresh.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.waitForFunction(
      (to) =>
        document.activeElement?.classList.contains('chip-input') === true &&
        document.activeElement.closest('.address-field')?.querySelector('label')?.textContent === to,
      ui('compose.fieldTo'),
      { timeout: UI_TIMEOUT_MS },
    );
    await page.keyboard.type('bob@example.test');
    assert.equal(await fresh.getByLabel(ui('compose.fieldTo'), { exact: true }).inputValue(), 'bob@example.test', 'typing goes to To at once');
    await fresh.getByRole('button', { name: ui('compose.discard'), exact: true }).click();
    await page.getByRole('button', { name: ui('compose.discardMessage') }).click();
    await fresh.waitFor({ state: 'detached' });

    await row(page, 'Agenda for Monday').click();
    await page.keyboard.press('Control+r');
    const reply = page.getByRole('dialog', { name: uiPattern('compose.heading', { title: ui('compose.title.reply'), subject: ANY_TEXT }) });
    await reply.waitFor({ timeout: UI_TIMEOUT_MS });
    const body = reply.getByRole('textbox', { name: ui('compose.body') });
    await body.locator('blockquote').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.waitForFunction((name) => document.activeElement?.getAttribute('aria-label') === name, ui('compose.body'), { timeout: UI_TIMEOUT_MS });
    const text = await body.innerText();
    const attribution = ui('answer.attribution', { date: formatQuoteDate(AGENDA_SENT_MS, READER_STYLE), sender: 'Dora Example <dora@example.test>' });
    assert.ok(text.includes(attribution), `the quote opens with “${attribution}”: ${text}`);
    assert.doesNotMatch(text, /GMT/);
    // Twelve agenda lines and the greeting: no blank screens between them.
    const layout = await body.evaluate((editor) => {
      const quote = editor.querySelector('blockquote');
      const lines = [...(quote?.querySelectorAll('p') ?? [])].map((line) => line.getBoundingClientRect());
      const gaps = lines.slice(1).map((line, index) => line.top - (lines[index]?.bottom ?? line.top));
      return { quoteHeight: quote?.getBoundingClientRect().height ?? 0, lineHeight: lines[0]?.height ?? 0, largestGap: Math.max(...gaps) };
    });
    assert.ok(layout.largestGap < layout.lineHeight * 2, `gaps between quoted lines: ${JSON.stringify(layout)}`);
    assert.ok(layout.quoteHeight < layout.lineHeight * 13 * 3, `the quote is as tall as its lines: ${JSON.stringify(layout)}`);
    await page.keyboard.type('Thanks, see you then.');
    assert.match(await body.innerText(), /^Thanks, see you then\./, 'typing starts above the quote');
    await env.screenshot(page, 'everyday-reply-html-focus');
    await assertAccessible(page, 'reply');
    await reply.getByRole('button', { name: ui('compose.discard'), exact: true }).click();
    await page.getByRole('button', { name: ui('compose.discardMessage') }).click();
    await reply.waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
    await page.close();
  },
);

/** The rendered width of a pane, in CSS pixels. */
async function paneWidth(page: Page, name: 'Folders' | 'Messages' | 'Reader'): Promise<number> {
  const pane =
    name === 'Folders'
      ? page.getByRole('navigation', { name: ui('folder.pane') })
      : page.getByRole('region', { name: ui(name === 'Messages' ? 'mail.messages' : 'reader.label'), exact: true });
  const box = await pane.boundingBox();
  return Math.round(box?.width ?? 0);
}

/**
 * Waits (bounded) until a pane is `expected` pixels wide, give or take 2, and returns its width: a
 * resize is painted some time after the input that asked for it, later on a loaded machine.
 */
async function settledPaneWidth(page: Page, name: 'Folders' | 'Messages', expected: number): Promise<number> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let width = await paneWidth(page, name);
  while (Math.abs(width - expected) > 2 && Date.now() < deadline) {
    await page.waitForTimeout(50);
    width = await paneWidth(page, name);
  }
  return width;
}

test('panes resize by dragging a separator or with its arrow keys, and keep their widths after a restart', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  const folders = page.getByRole('separator', { name: ui('menu.resizeFolderPane') });
  const list = page.getByRole('separator', { name: ui('menu.resizeMessageList') });
  const before = { folders: await paneWidth(page, 'Folders'), list: await paneWidth(page, 'Messages'), reader: await paneWidth(page, 'Reader') };

  // Drag the folder pane wider by 90 pixels: rightwards, or leftwards in a right-to-left window.
  const outwards = (await page.evaluate(() => getComputedStyle(document.body).direction)) === 'rtl' ? -1 : 1;
  const grip = await folders.boundingBox();
  assert.ok(grip !== null);
  await page.mouse.move(grip.x + grip.width / 2, grip.y + 200);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + 45 * outwards, grip.y + 200, { steps: 3 });
  await page.mouse.move(grip.x + grip.width / 2 + 90 * outwards, grip.y + 200, { steps: 3 });
  await page.mouse.up();
  const dragged = await settledPaneWidth(page, 'Folders', before.folders + 90);
  assert.ok(Math.abs(dragged - (before.folders + 90)) <= 2, `folder pane ${before.folders} → ${dragged}`);
  assert.equal(await folders.getAttribute('aria-valuenow'), String(await paneWidth(page, 'Folders')));

  // The list's separator from the keyboard: Tab to it, Left narrows by 16 pixels, Shift+Left by 80 (Right in a right-to-left window).
  const inwards = outwards === 1 ? 'ArrowLeft' : 'ArrowRight';
  await list.focus();
  const listBefore = await paneWidth(page, 'Messages');
  await page.keyboard.press(inwards);
  await page.keyboard.press(`Shift+${inwards}`);
  const listAfter = await settledPaneWidth(page, 'Messages', listBefore - 96);
  assert.ok(Math.abs(listAfter - (listBefore - 96)) <= 2, `list ${listBefore} → ${listAfter}`);
  assert.ok((await paneWidth(page, 'Reader')) > before.reader, 'the reader took the room');
  await env.screenshot(page, 'everyday-panes-resized');
  await assertAccessible(page, 'resized panes');

  // Saved in the settings: a new window (a restart) opens with the same widths.
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let saved: unknown = null;
  while (Date.now() < deadline) {
    const result = await env.client.call('getSettings', undefined);
    saved = result.ok ? result.value.paneWidths : null;
    if (saved !== null && (saved as { list: number }).list === listAfter) break;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(saved, { folders: await paneWidth(page, 'Folders'), list: listAfter });
  await page.close();
  const again = await openMailWindow();
  assert.equal(await paneWidth(again.page, 'Messages'), listAfter);
  assert.ok(Math.abs((await paneWidth(again.page, 'Folders')) - (before.folders + 90)) <= 2);
  await env.client.call('updateSettings', { paneWidths: null });
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
});

test('a double-click or Enter opens the message in a window of its own, showing the reader alone', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  const context = page.context();
  const opened = context.waitForEvent('page');
  await row(page, 'Tall newsletter').dblclick();
  const own = await opened;
  const ownProblems: string[] = [];
  own.on('pageerror', (error) => ownProblems.push(error.message));
  await own.setViewportSize({ width: 900, height: 760 });
  await own.getByRole('heading', { name: 'Tall newsletter' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await own.waitForFunction((title) => document.title === title, ui('window.messageTitle', { subject: 'Tall newsletter' }), { timeout: UI_TIMEOUT_MS });
  assert.equal(await own.getByRole('tree', { name: ui('folder.pane') }).count(), 0, 'no folder pane');
  assert.equal(await own.getByRole('grid', { name: ui('mail.messages') }).count(), 0, 'no list');
  // The body is still the sandboxed frame, without scripts or same-origin access.
  const sandbox = await own.locator('iframe.message-frame').getAttribute('sandbox');
  assert.equal(sandbox?.includes('allow-scripts') ?? true, false);
  assert.equal(sandbox?.includes('allow-same-origin') ?? true, false);
  await env.screenshot(own, 'everyday-message-window');
  await assertAccessible(own, 'message window');
  await own.close();

  // Enter on the selected row does the same.
  await row(page, 'Keys three').click();
  const second = context.waitForEvent('page');
  await grid(page).press('Enter');
  const next = await second;
  await next.getByRole('heading', { name: 'Keys three' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await next.close();
  assert.deepEqual([...problems, ...ownProblems], []);
  await page.close();
});

test(
  'View source shows the raw message as text, Save as .eml saves it byte for byte, and Print prints the message alone',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await openMailWindow();
    await row(page, 'Links and source').click();
    await page.getByRole('heading', { name: 'Links and source' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: ui('readerMenu.label') }).click();
    await page.getByRole('menuitem', { name: ui('readerMenu.source') }).click();
    const source = page.getByRole('dialog', { name: ui('source.title') });
    const text = source.getByLabel(ui('source.label'));
    await text.waitFor({ timeout: UI_TIMEOUT_MS });
    const shown = await text.innerText();
    assert.match(shown, /X-Long-Header-0: value value/);
    assert.match(shown, /X-Long-Header-39: /);
    assert.match(shown, /Café résumé naïve — ünïcödé\./);
    await env.screenshot(page, 'everyday-view-source');
    await assertAccessible(page, 'view source');

    const download = page.waitForEvent('download');
    await source.getByRole('button', { name: ui('source.saveEml') }).click();
    const saved = await download;
    assert.equal(saved.suggestedFilename(), 'Links and source.eml');
    const file = await saved.path();
    const bytes = readFileSync(file);
    const original = build(MESSAGES.find((message) => message.subject === 'Links and source') ?? assert.fail('no such message'));
    // Postfix adds its trace headers above; everything we delivered follows byte for byte.
    assert.ok(bytes.subarray(bytes.length - original.length).equals(original), 'the .eml ends with the delivered message, byte for byte');
    await source.getByRole('button', { name: ui('common.close') }).click();
    await source.waitFor({ state: 'detached' });

    // The source of an HTML message is text: its tags are shown, not made.
    await row(page, 'Tall newsletter').click();
    await page.getByRole('heading', { name: 'Tall newsletter' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: ui('readerMenu.label') }).click();
    await page.getByRole('menuitem', { name: ui('readerMenu.source') }).click();
    await source.getByLabel(ui('source.label')).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await source.getByLabel(ui('source.label')).innerText(), /<h1>Tall newsletter<\/h1>/);
    assert.equal(await source.locator('h1').count(), 0);
    await page.keyboard.press('Escape');
    await source.waitFor({ state: 'detached' });

    // Print: the print dialog is asked for, and the printed page holds the message alone, on several pages.
    await page.evaluate(() => {
      const counter = window as unknown as { printed: number };
      counter.printed = 0;
      window.print = () => void (counter.printed += 1);
    });
    await page.getByRole('button', { name: ui('readerMenu.label') }).click();
    await page.getByRole('menuitem', { name: ui('readerMenu.print') }).click();
    assert.equal(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('navigation', { name: ui('folder.pane') }).isVisible(), false);
    assert.equal(await grid(page).isVisible(), false);
    assert.equal(await page.locator('.print-copy').isVisible(), true);
    assert.match(await page.locator('.print-copy').innerText(), /Paragraph 80: numbers and words\./);
    await env.screenshot(page, 'everyday-print-preview');
    const pdf = await page.pdf({ path: path.join(path.dirname(file), 'print.pdf') });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 2, `the tall message prints on ${pages} pages`);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('right-click and Shift+F10 open menus on messages, folders and links in the reader', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  const context = page.context();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.app.origin });
  // Nothing leaves the machine: the link's site is answered here.
  await context.route(/^https:\/\/example\.test\//, (route) => route.fulfill({ contentType: 'text/plain', body: 'plans' }));

  // A message: right-click selects it and offers its actions.
  await row(page, 'Keys three').click({ button: 'right' });
  const messageMenu = page.getByRole('menu', { name: ui('mail.messageActions') });
  await messageMenu.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await row(page, 'Keys three').getAttribute('aria-selected'), 'true');
  assert.deepEqual(await messageMenu.getByRole('menuitem').allInnerTexts(), [
    ui('readerMenu.newWindow'),
    ui('toolbar.reply'),
    ui('toolbar.replyAll'),
    ui('toolbar.forward'),
    ui('toolbar.markUnread'),
    ui('toolbar.flag'),
    ...(['tag.important', 'tag.work', 'tag.personal', 'tag.todo', 'tag.later'] as const).map((tag) => ui('menu.addTag', { tag: ui(tag) })),
    ui('toolbar.move'),
    ui('toolbar.copyTo'),
    ui('menu.markJunk'),
    ui('toolbar.delete'),
    ui('readerMenu.source'),
    ui('source.saveEml'),
    ui('menu.createRule'),
    ui('menu.export'),
  ]);
  await env.screenshot(page, 'everyday-message-menu');
  await assertAccessible(page, 'message menu');
  await messageMenu.getByRole('menuitem', { name: ui('toolbar.flag'), exact: true }).click();
  await messageMenu.waitFor({ state: 'detached' });
  await waitForRowState(page, 'Keys three', (state) => state.includes(ui('list.flagged')), 'flagged from the menu');

  // From the keyboard: Shift+F10 on the list, focus on the first item, Escape returns to the list.
  await grid(page).focus();
  await page.keyboard.press('Shift+F10');
  await messageMenu.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), ui('readerMenu.newWindow'));
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), ui('toolbar.reply'));
  await page.keyboard.press('Escape');
  await messageMenu.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'grid');
  // The context-menu key works too; End reaches the last entry (Export…), ArrowUp the ones above it,
  // and Enter chooses one.
  await page.keyboard.press('ContextMenu');
  await messageMenu.waitFor();
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), ui('menu.export'));
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), ui('menu.createRule'));
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), ui('source.saveEml'));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  assert.equal((await download).suggestedFilename(), 'Keys three.eml');

  // A folder: Mark all as read clears its unread count.
  const inbox = folder(page, whole('folder.special.inbox'));
  assert.ok((await inbox.locator('.tree-count').count()) > 0, 'the Inbox has unread mail to begin with');
  await inbox.click({ button: 'right' });
  const folderMenu = page.getByRole('menu', { name: ui('mail.folderActions', { folder: ui('folder.special.inbox') }) });
  await folderMenu.waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'everyday-folder-menu');
  await folderMenu.getByRole('menuitem', { name: ui('menu.markAllRead') }).click();
  await inbox.locator('.tree-count').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  // Shift+F10 on a focused folder opens its menu as well.
  await folder(page, whole('folder.special.trash')).focus();
  await page.keyboard.press('Shift+F10');
  await page.getByRole('menu', { name: ui('mail.folderActions', { folder: ui('folder.special.trash') }) }).waitFor();
  await page.keyboard.press('Escape');

  // A link in a message's text: copy its address, or open it in the browser.
  await folder(page, whole('folder.special.inbox')).click();
  await row(page, 'Links and source').click();
  const link = page.getByRole('link', { name: 'https://example.test/plans' });
  await link.waitFor({ timeout: UI_TIMEOUT_MS });
  await link.click({ button: 'right' });
  const linkMenu = page.getByRole('menu', { name: ui('menu.linkActions') });
  await linkMenu.waitFor();
  await env.screenshot(page, 'everyday-link-menu');
  await linkMenu.getByRole('menuitem', { name: ui('menu.copyLink') }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'https://example.test/plans', undefined, { timeout: UI_TIMEOUT_MS });
  await link.focus();
  await page.keyboard.press('Shift+F10');
  await linkMenu.waitFor();
  const tab = context.waitForEvent('page');
  await linkMenu.getByRole('menuitem', { name: ui('menu.openLink') }).click();
  const opened = await tab;
  await opened.waitForLoadState();
  assert.equal(opened.url(), 'https://example.test/plans');
  await opened.close();
  assert.deepEqual(problems, []);
  await page.close();
});

/** The colour of one pixel of an element as drawn (decoded by Chromium itself in a blank page). */
async function pixelOf(target: Locator, x: number, y: number): Promise<{ r: number; g: number; b: number }> {
  const shot = await target.screenshot();
  const helper = await env.browser.newPage();
  try {
    return await helper.evaluate(
      async ({ png, x: px, y: py }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d');
        if (context === null) throw new Error('no canvas');
        context.drawImage(image, 0, 0);
        const [r = 0, g = 0, b = 0] = context.getImageData(px, py, 1, 1).data;
        return { r, g, b };
      },
      { png: shot.toString('base64'), x, y },
    );
  } finally {
    await helper.close();
  }
}

function brightness(color: { r: number; g: number; b: number }): number {
  return (color.r + color.g + color.b) / 3;
}

/** Waits until a pixel of the frame is drawn as `test` wants (a frame paints its document a moment after it is attached). */
async function waitForPixel(target: Locator, test: (value: number) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let value = -1;
  while (Date.now() < deadline) {
    value = brightness(await pixelOf(target, 4, 4));
    if (test(value)) return;
  }
  assert.fail(`${what}: brightness ${value}`);
}

test(
  'in dark mode the reader shows HTML mail dark, except mail with its own dark design; a setting and a per-message switch',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await openMailWindow({ width: 1280, height: 800 }, 'dark');
    const frame = page.locator('iframe.message-frame');
    const toggle = page.getByRole('button', { name: ui('darkReading.toggle') });

    // Every document the message frame is given, from the click on: none may lack the dark style.
    await page.evaluate(() => {
      const documents: string[] = [];
      Object.assign(globalThis, { frameDocuments: documents });
      new MutationObserver(() => {
        for (const element of document.querySelectorAll('iframe.message-frame')) {
          const srcdoc = element.getAttribute('srcdoc') ?? '';
          if (documents.at(-1) !== srcdoc) documents.push(srcdoc);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['srcdoc'] });
    });
    await row(page, 'Tall newsletter').click();
    await page.getByRole('heading', { name: 'Tall newsletter' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await frame.waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match((await frame.getAttribute('srcdoc')) ?? '', /data-dark-reading/);
    const given = await page.evaluate(() => (globalThis as unknown as { frameDocuments: string[] }).frameDocuments);
    assert.ok(
      given.length > 0 && given.every((srcdoc) => srcdoc.includes('data-dark-reading')),
      `${given.length} documents, the first without the dark style: ${given.findIndex((srcdoc) => !srcdoc.includes('data-dark-reading'))}`,
    );
    assert.equal(await frame.getAttribute('sandbox'), 'allow-popups allow-popups-to-escape-sandbox', 'the frame stays sandboxed, without scripts');
    await waitForPixel(frame, (value) => value < 60, 'the paper is dark');
    await env.screenshot(page, 'everyday-dark-reading-on');
    await assertAccessible(page, 'dark reading');

    // Switched off for this message: its own white paper again.
    await toggle.click();
    await page.waitForFunction(() => !(document.querySelector('iframe.message-frame')?.getAttribute('srcdoc') ?? '').includes('data-dark-reading'));
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await waitForPixel(frame, (value) => value > 200, 'the paper is white');

    // A message with its own dark design is left as sent, and the reader says why.
    await row(page, 'Dark design').click();
    await page.getByRole('heading', { name: 'Dark design' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByText(ui('darkReading.ownDesign')).waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.doesNotMatch((await frame.getAttribute('srcdoc')) ?? '', /data-dark-reading/);
    await waitForPixel(frame, (value) => value < 60, 'its own dark paper');
    await env.screenshot(page, 'everyday-dark-reading-own-design');

    // Off in Settings → Appearance: HTML mail keeps its colours in dark mode.
    await page.getByRole('button', { name: ui('toolbar.settings') }).click();
    await page.getByRole('tab', { name: ui('settings.appearance') }).click();
    const setting = page.getByRole('checkbox', { name: ui('settings.darkReading') });
    assert.equal(await setting.isChecked(), true);
    await setting.uncheck();
    await page.getByRole('button', { name: ui('contacts.backToMail') }).click();
    await row(page, 'Tall newsletter').click();
    await page.getByRole('heading', { name: 'Tall newsletter' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await frame.waitFor();
    // The box follows the click at once while main saves the setting; the reader follows the saved value.
    await page.locator('button[aria-pressed="false"]', { hasText: ui('darkReading.toggle') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.waitForFunction(() => !(document.querySelector('iframe.message-frame')?.getAttribute('srcdoc') ?? '').includes('data-dark-reading'));
    await env.client.call('updateSettings', { darkReading: true });
    assert.deepEqual(problems, []);
    await page.close();

    // In a light window there is nothing to switch.
    const light = await openMailWindow({ width: 1280, height: 800 }, 'light');
    await row(light.page, 'Tall newsletter').click();
    await light.page.getByRole('heading', { name: 'Tall newsletter' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await light.page.locator('iframe.message-frame').waitFor();
    assert.equal(await light.page.getByRole('button', { name: ui('darkReading.toggle') }).count(), 0);
    await light.page.close();
  },
);

test('removing an unsent message from the Outbox asks first, naming it', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await env.client.call('updateSettings', { sendImmediately: false, undoSendSeconds: 0 });
  const accounts = await env.client.call('listAccounts', undefined);
  const accountId = accounts.ok ? accounts.value[0]?.id : undefined;
  assert.ok(accountId !== undefined);
  const queued = await env.client.call('queueMessage', {
    accountId,
    message: { to: [{ address: 'bob@example.test' }], cc: [], bcc: [], subject: 'Never mind', text: 'Not sent yet.' },
    attachments: [],
    forwardedAttachments: [],
  });
  assert.equal(queued.ok, true, JSON.stringify(queued));

  const { page, problems } = await openMailWindow();
  await folder(page, whole('folder.special.outbox')).click();
  const item = page.getByRole('listitem', { name: 'Never mind' });
  await item.waitFor({ timeout: UI_TIMEOUT_MS });
  await item.getByRole('button', { name: ui('outbox.remove') }).click();
  const confirm = page.getByRole('alertdialog', { name: ui('outbox.removeTitle') });
  await confirm.waitFor();
  assert.match(await confirm.innerText(), uiPattern('outbox.removeText', { subject: 'Never mind' }));
  await env.screenshot(page, 'everyday-confirm-outbox-remove');
  await confirm.getByRole('button', { name: ui('common.cancel') }).click();
  await item.waitFor();
  await item.getByRole('button', { name: ui('outbox.remove') }).click();
  await confirm.getByRole('button', { name: ui('outbox.removeConfirm') }).click();
  await item.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await env.client.call('updateSettings', { sendImmediately: true, undoSendSeconds: 5 });
  assert.deepEqual(problems, []);
  await page.close();
});
