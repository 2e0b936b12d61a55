/**
 * Flags in the window as a person uses them, with mail delivered by a real Postfix into a real Dovecot
 * and fetched with Send/Receive: the toolbar's Mark as read/unread and Flag, the quick filters (Unread,
 * Flagged, Has attachment) alone, together and with the search box; a reply and a forward sent through
 * Postfix marking their originals answered and forwarded in the list (a saved draft marks nothing, a
 * reply waiting in the Outbox only once Send/Receive sent it); and "mark as read after N seconds" on a
 * clock the test moves, the wait cancelled by choosing another message, and "never".
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { attachmentMessage } from '../support/attachment-message';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ANY_TEXT, ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
/** The delay the timing test sets, in seconds. */
const DELAY_SECONDS = 5;
/** A Hebrew name inside a right-to-left mark, and an Arabic one inside an embedding, as mail programs send them. */
const SARA = '\u200Fשרה כהן';
const AHMAD = '\u202Bأحمد علي\u202C';

let env: MailEnvironment;
let accountId: string;

/** A header value in an RFC 2047 encoded word (UTF-8, base64). */
function encoded(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function head(subject: string, from: string, day: number): string[] {
  return [
    `From: ${from}`,
    `To: Alice Example <${ALICE}>`,
    `Subject: ${subject}`,
    `Date: ${day} Mar 2026 10:00:00 +0000`,
    `Message-ID: <${subject.replace(/\W+/g, '.')}@example.test>`,
    'MIME-Version: 1.0',
  ];
}

/** A tall plain message: a screenful of lines many times over. */
function plain(subject: string, from: string, day: number): Buffer {
  const lines = Array.from({ length: 300 }, (_, index) => `Line ${index + 1} of ${subject}.`);
  return Buffer.from(
    [...head(subject, from, day), 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', ...lines, ''].join('\r\n'),
    'utf8',
  );
}

function withFile(subject: string, from: string, day: number, fileName: string): Buffer {
  return attachmentMessage({
    head: head(subject, from, day),
    text: `${subject}: the file is attached.`,
    fileName,
    contentType: 'application/pdf',
    content: `%PDF-1.4 ${subject}`,
  });
}

const MESSAGES: ReadonlyArray<{ readonly subject: string; readonly raw: Buffer }> = [
  { subject: 'Quarterly report', raw: withFile('Quarterly report', `${encoded(AHMAD)} <ahmad@example.test>`, 1, 'report.pdf') },
  { subject: 'Lunch plans', raw: plain('Lunch plans', `${encoded(SARA)} <sara@example.test>`, 2) },
  { subject: 'Reply to me', raw: plain('Reply to me', 'Bob Example <bob@example.test>', 3) },
  { subject: 'Forward me', raw: withFile('Forward me', 'Carol Example <carol@example.test>', 4, 'minutes.pdf') },
  { subject: 'Answer later', raw: plain('Answer later', 'Bob Builder <bob@example.test>', 5) },
  { subject: 'Draft only', raw: plain('Draft only', 'Erin Example <erin@example.test>', 6) },
  { subject: 'Delay one', raw: plain('Delay one', 'Frank Example <frank@example.test>', 7) },
  { subject: 'Delay two', raw: plain('Delay two', 'Grace Example <grace@example.test>', 8) },
  { subject: 'Delay three', raw: plain('Delay three', 'Heidi Example <heidi@example.test>', 9) },
];

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: ui('mail.messages') });
}

/** The row of exactly this subject ("Reply to me", not the "Re: Reply to me" that Postfix brings back to the shared maildir). */
function row(page: Page, subject: string): Locator {
  const exact = new RegExp(`^${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return grid(page)
    .locator('.grid-body [role="row"][aria-selected]')
    .filter({ has: page.locator('.col-subject', { hasText: exact }) });
}

function toolbar(page: Page): Locator {
  return page.getByRole('toolbar', { name: ui('toolbar.label') });
}

function quickFilter(page: Page, name: string): Locator {
  return page.getByRole('group', { name: ui('quickFilter.group') }).getByRole('button', { name });
}

/** The subjects the list shows, in order. */
async function listed(page: Page): Promise<string[]> {
  return grid(page).locator('.grid-body [role="row"][aria-selected] .col-subject').allTextContents();
}

async function waitForListed(page: Page, expected: readonly string[], what: string): Promise<void> {
  let shown: string[] = [];
  await waitFor(
    async () => {
      shown = await listed(page).catch(() => []);
      return shown.length === expected.length && expected.every((subject) => shown.includes(subject));
    },
    `${what}: [${expected.join(', ')}]`,
  ).catch(() => assert.fail(`${what}: expected [${expected.join(', ')}], the list shows [${shown.join(', ')}]`));
}

/** The row's state in words, as a screen reader hears it ("Unread, Flagged, Answered"). */
async function rowState(page: Page, subject: string): Promise<string> {
  return (await row(page, subject).locator('.col-flags .visually-hidden').textContent()) ?? '';
}

async function waitForRowState(page: Page, subject: string, check: (state: string) => boolean, what: string): Promise<void> {
  let state = '';
  await waitFor(async () => {
    state = await rowState(page, subject).catch(() => '');
    return check(state);
  }, `${subject} ${what}`).catch(() => assert.fail(`${subject}: expected ${what}, the row says “${state}”`));
}

/** Whether the store has the message read, asked through the contract (what the window shows follows it). */
async function storedSeen(subject: string): Promise<boolean> {
  const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 500 });
  assert.ok(list.ok);
  const message = list.value.messages.find((item) => item.subject === subject);
  assert.ok(message !== undefined, `${subject} is in the Inbox`);
  return message.seen;
}

async function openMailWindow(page: Page): Promise<void> {
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await row(page, 'Quarterly report').waitFor({ timeout: UI_TIMEOUT_MS });
}

async function sentFolder(): Promise<number> {
  const tree = await env.client.call('listFolders', { accountId });
  assert.ok(tree.ok);
  const folder = tree.value.accounts[0]?.folders.find((entry) => entry.role === 'sent');
  assert.ok(folder !== undefined, 'no Sent folder');
  return folder.id;
}

async function sentSubjects(): Promise<string[]> {
  const list = await env.client.call('listMessages', { source: { kind: 'folder', folderId: await sentFolder() }, limit: 500 });
  assert.ok(list.ok);
  return list.value.messages.map((message) => message.subject ?? '');
}

async function openAnswer(page: Page, subject: string, command: 'toolbar.reply' | 'toolbar.forward'): Promise<Locator> {
  await row(page, subject).click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: subject })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await toolbar(page)
    .getByRole('button', { name: ui(command), exact: true })
    .click();
  const title = ui(command === 'toolbar.reply' ? 'compose.title.reply' : 'compose.title.forward');
  const dialog = page.getByRole('dialog', { name: uiPattern('compose.heading', { title, subject: ANY_TEXT }) });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  return dialog;
}

before(async () => {
  env = await startMailEnvironment();
  accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  await env.client.call('updateSettings', { undoSendSeconds: 0, sendImmediately: true });
  for (const message of MESSAGES) await env.deliver(message.raw, { from: 'sender@example.test', to: [ALICE] });
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 500 });
    return list.ok && list.value.total >= MESSAGES.length && list.value.messages.every((message) => message.indexed);
  }, 'every message received and indexed');
});

after(async () => {
  await env?.stop();
});

test(
  'the toolbar marks read, unread and flagged; quick filters narrow the list alone, together and with the search box',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage();
    await openMailWindow(page);
    const markButton = (name: string): Locator => toolbar(page).getByRole('button', { name, exact: true });
    assert.equal(await markButton(ui('toolbar.flag')).isDisabled(), true, 'nothing selected: nothing to flag');

    // Shown at once (the default): read. The toolbar then offers unread, and Flag is a toggle.
    await row(page, 'Lunch plans').click();
    await waitForRowState(page, 'Lunch plans', (state) => !state.includes(ui('list.unread')), 'read once shown');
    await markButton(ui('toolbar.markUnread')).click();
    await waitForRowState(page, 'Lunch plans', (state) => state.includes(ui('list.unread')), 'unread from the toolbar');
    await markButton(ui('toolbar.markRead')).waitFor({ timeout: UI_TIMEOUT_MS });
    await markButton(ui('toolbar.flag')).click();
    await waitForRowState(page, 'Lunch plans', (state) => state.includes(ui('list.flagged')), 'flagged from the toolbar');
    assert.equal(await markButton(ui('toolbar.flag')).getAttribute('aria-pressed'), 'true');

    // Quick filters, alone and together.
    const everything = MESSAGES.map((message) => message.subject);
    await quickFilter(page, ui('quickFilter.flagged')).click();
    assert.equal(await quickFilter(page, ui('quickFilter.flagged')).getAttribute('aria-pressed'), 'true');
    await waitForListed(page, ['Lunch plans'], 'Flagged');
    await quickFilter(page, ui('quickFilter.attachment')).click();
    await page.getByText(ui('mail.noneFiltered')).waitFor({ timeout: UI_TIMEOUT_MS });
    await quickFilter(page, ui('quickFilter.flagged')).click();
    await waitForListed(page, ['Quarterly report', 'Forward me'], 'Has attachment');
    await quickFilter(page, ui('quickFilter.unread')).click();
    await waitForListed(page, ['Quarterly report', 'Forward me'], 'Unread with an attachment');
    await assertAccessible(page, 'quick filters');
    await env.screenshot(page, 'flags-quick-filters');

    // With the search box: the filters narrow the results too.
    const search = page.getByRole('searchbox', { name: ui('toolbar.search') });
    await search.fill('report');
    await waitForListed(page, ['Quarterly report'], 'search "report" with Unread and Has attachment');
    await quickFilter(page, ui('quickFilter.attachment')).click();
    await quickFilter(page, ui('quickFilter.unread')).click();
    await waitForListed(page, ['Quarterly report'], 'search "report" alone');
    await search.fill('line');
    await waitForListed(
      page,
      everything.filter((subject) => !['Quarterly report', 'Forward me'].includes(subject)),
      'search "line"',
    );
    await quickFilter(page, ui('quickFilter.flagged')).click();
    await waitForListed(page, ['Lunch plans'], 'search "line" with Flagged');
    await search.press('Escape');
    await quickFilter(page, ui('quickFilter.flagged')).click();
    await waitForListed(page, everything, 'no filter');
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test(
  'a reply and a forward sent through Postfix mark their originals; a saved draft does not; the Outbox marks when it sends',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage();
    await openMailWindow(page);

    const reply = await openAnswer(page, 'Reply to me', 'toolbar.reply');
    await reply.getByLabel(ui('compose.body')).press('Control+Home');
    await page.keyboard.type('Thanks, Bob.');
    await reply.getByRole('button', { name: ui('compose.send'), exact: true }).click();
    await reply.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await waitForRowState(page, 'Reply to me', (state) => state.includes(ui('list.answered')) && !state.includes(ui('list.forwarded')), 'answered');
    assert.ok((await sentSubjects()).includes('Re: Reply to me'), 'the reply is in Sent');

    const forward = await openAnswer(page, 'Forward me', 'toolbar.forward');
    await forward.getByLabel(ui('compose.fieldTo'), { exact: true }).fill('Bob Example <bob@example.test>,');
    await forward.getByRole('button', { name: ui('compose.send'), exact: true }).click();
    await forward.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await waitFor(async () => {
      const outbox = await env.client.call('listOutbox', { accountId });
      if (outbox.ok && outbox.value.some((item) => item.state === 'failed')) assert.fail(`sending failed: ${JSON.stringify(outbox.value)}`);
      return (await sentSubjects()).some((subject) => subject.startsWith('Fwd:'));
    }, 'the forward in Sent');
    await waitForRowState(page, 'Forward me', (state) => state.includes(ui('list.forwarded')) && !state.includes(ui('list.answered')), 'forwarded');
    assert.equal(await row(page, 'Forward me').locator('.flag.forwarded').count(), 1, 'the forwarded mark shows');

    // A draft saved (Save draft closes compose) marks nothing.
    const draft = await openAnswer(page, 'Draft only', 'toolbar.reply');
    await draft.getByLabel(ui('compose.body')).press('Control+Home');
    await page.keyboard.type('Maybe later.');
    await draft.getByRole('button', { name: ui('compose.saveDraft') }).click();
    await draft.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await waitFor(async () => {
      const drafts = await env.client.call('listDrafts', { accountId });
      return drafts.ok && drafts.value.drafts.some((item) => item.subject === 'Re: Draft only');
    }, 'the draft saved');

    // Not sent immediately: the reply waits in the Outbox, and only Send/Receive sends it and marks the original.
    await env.client.call('updateSettings', { sendImmediately: false });
    const later = await openAnswer(page, 'Answer later', 'toolbar.reply');
    await later.getByLabel(ui('compose.body')).press('Control+Home');
    await page.keyboard.type('Sent with the next Send/Receive.');
    await later.getByRole('button', { name: ui('compose.send'), exact: true }).click();
    await later.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await waitFor(async () => {
      const outbox = await env.client.call('listOutbox', { accountId });
      return outbox.ok && outbox.value.some((item) => item.state === 'queued');
    }, 'the reply waiting in the Outbox');
    assert.equal((await rowState(page, 'Answer later')).includes(ui('list.answered')), false, 'waiting in the Outbox is not answered');
    await toolbar(page)
      .getByRole('button', { name: uiPattern('toolbar.sendReceive') })
      .click();
    await waitFor(async () => {
      const outbox = await env.client.call('listOutbox', { accountId });
      return outbox.ok && outbox.value.every((item) => item.state === 'sent');
    }, 'the Outbox sent').catch(async (error: unknown) => {
      const outbox = await env.client.call('listOutbox', { accountId });
      assert.fail(`${String(error)}: ${JSON.stringify(outbox)}`);
    });
    await waitForRowState(page, 'Answer later', (state) => state.includes(ui('list.answered')), 'answered once Send/Receive sent it');
    await env.client.call('updateSettings', { sendImmediately: true });

    const draftState = await rowState(page, 'Draft only');
    assert.equal(draftState.includes(ui('list.answered')), false, `a saved draft marks nothing (the row says “${draftState}”)`);
    assert.ok(!(await sentSubjects()).includes('Re: Draft only'));
    await env.screenshot(page, 'flags-answered-forwarded');
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('"mark as read after N seconds" waits on the clock, a new selection cancels the wait, and off means never', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  // The page's timers run on a clock the test moves: no real waiting, nothing left to chance.
  await page.clock.install();
  await page.goto(env.app.url);
  await openMailWindow(page);

  // Settings → General: the delay is set as a person sets it.
  await toolbar(page)
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('tab', { name: ui('settings.general') }).click();
  assert.equal(await page.getByLabel(ui('settings.markReadShown')).isChecked(), true, 'on by default');
  assert.equal(await page.getByLabel(ui('settings.markReadAfter')).inputValue(), '0', 'immediately by default');
  await page.getByLabel(ui('settings.markReadAfter')).fill(String(DELAY_SECONDS));
  await waitFor(async () => {
    const settings = await env.client.call('getSettings', undefined);
    return settings.ok && settings.value.markReadAfterSeconds === DELAY_SECONDS;
  }, 'the delay saved');
  await page.getByRole('button', { name: ui('contacts.backToMail') }).click();
  await openMailWindow(page);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

  // Shown for less than the delay, then another message: the first stays unread.
  await row(page, 'Delay one').click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: 'Delay one' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.clock.runFor((DELAY_SECONDS - 1) * 1000);
  await row(page, 'Delay two').click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: 'Delay two' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.clock.runFor(2_000);
  assert.ok((await rowState(page, 'Delay two')).includes(ui('list.unread')), 'not yet: two of five seconds');
  await page.clock.runFor((DELAY_SECONDS - 2) * 1000);
  await waitForRowState(page, 'Delay two', (state) => !state.includes(ui('list.unread')), 'read after the delay');
  // Delay one's wait would have ended before Delay two's: had it not been cancelled, it would be read by now.
  assert.equal(await storedSeen('Delay one'), false, 'choosing another message cancelled the wait');
  assert.ok((await rowState(page, 'Delay one')).includes(ui('list.unread')));

  // Off: never marked, however long it is shown; marking by hand still works.
  await env.client.call('updateSettings', { markReadAfterSeconds: null });
  await toolbar(page)
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('tab', { name: ui('settings.general') }).click();
  assert.equal(await page.getByLabel(ui('settings.markReadShown')).isChecked(), false);
  assert.equal(await page.getByLabel(ui('settings.markReadAfter')).count(), 0, 'no delay to set when off');
  await page.getByRole('button', { name: ui('contacts.backToMail') }).click();
  await openMailWindow(page);
  await row(page, 'Delay three').click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: 'Delay three' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.clock.runFor(60_000);
  await toolbar(page)
    .getByRole('button', { name: ui('toolbar.flag'), exact: true })
    .click();
  await waitForRowState(page, 'Delay three', (state) => state.includes(ui('list.flagged')), 'flagged');
  assert.equal(await storedSeen('Delay three'), false, 'never marked read when the setting is off');
  await toolbar(page)
    .getByRole('button', { name: ui('toolbar.markRead'), exact: true })
    .click();
  await waitForRowState(page, 'Delay three', (state) => !state.includes(ui('list.unread')), 'read by hand');
  await env.client.call('updateSettings', { markReadAfterSeconds: 0 });
  await page.close();
});
