/**
 * The Unread quick filter as a person reads through it, with tall mail (right-to-left senders in
 * direction marks) delivered by a real Postfix into a real Dovecot and fetched with Send/Receive: the
 * message opened is marked read and yet stays listed and shown in the reader; moving on to the next
 * message lets the one read before drop out, as Thunderbird does, and the reader follows the selection;
 * selecting all and deleting takes only what the filter shows.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ANY_NUMBER, ANY_TEXT, ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
/** A Hebrew name inside a right-to-left mark, and an Arabic one inside an embedding, as mail programs send them. */
const SARA = '\u200Fשרה כהן';
const AHMAD = '\u202Bأحمد علي\u202C';

let env: MailEnvironment;

/** A header value in an RFC 2047 encoded word (UTF-8, base64). */
function encoded(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** A tall plain message: a screenful of lines many times over. */
function tall(subject: string, from: string, day: number): Buffer {
  const lines = Array.from({ length: 400 }, (_, index) => `Line ${index + 1} of ${subject}.`);
  const id = `${subject.replace(/\W+/g, '.')}@example.test`;
  return plainMessage({ from, to: `Alice Example <${ALICE}>`, subject, date: `${day} Mar 2026 10:00:00 +0000`, id, body: lines.join('\r\n') });
}

/** Newest first, as the list shows them. */
const SUBJECTS = ['Fourth note', 'Third note', 'Second note', 'First note'] as const;

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: ui('mail.messages') });
}

function row(page: Page, subject: string): Locator {
  return grid(page)
    .locator('.grid-body [role="row"][aria-selected]')
    .filter({ has: page.locator('.col-subject', { hasText: new RegExp(`^${subject}$`) }) });
}

async function listed(page: Page): Promise<string[]> {
  return grid(page).locator('.grid-body [role="row"][aria-selected] .col-subject').allTextContents();
}

async function waitForListed(page: Page, expected: readonly string[], what: string): Promise<void> {
  let shown: string[] = [];
  await waitFor(
    async () => {
      shown = await listed(page).catch(() => []);
      return shown.join('|') === expected.join('|');
    },
    `${what}: [${expected.join(', ')}]`,
  ).catch(() => assert.fail(`${what}: expected [${expected.join(', ')}], the list shows [${shown.join(', ')}]`));
}

/** Waits until the row says it is read (the list refreshed after the reader opened it). */
async function waitForRead(page: Page, subject: string): Promise<void> {
  let state = '';
  await waitFor(async () => {
    state =
      (await row(page, subject)
        .locator('.col-flags .visually-hidden')
        .textContent()
        .catch(() => null)) ?? `${ui('list.unread')} (not listed)`;
    return !state.includes(ui('list.unread'));
  }, `${subject} listed as read`).catch(() => assert.fail(`${subject}: expected read and listed, the row says “${state}”`));
}

function readerHeading(page: Page, subject: string): Locator {
  return page.getByRole('region', { name: ui('reader.label') }).getByRole('heading', { name: subject, exact: true });
}

before(async () => {
  env = await startMailEnvironment();
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const senders = [
    `${encoded(SARA)} <sara@example.test>`,
    `${encoded(AHMAD)} <ahmad@example.test>`,
    'Bob Example <bob@example.test>',
    'Carol <carol@example.test>',
  ];
  for (const [index, subject] of [...SUBJECTS].reverse().entries()) {
    await env.deliver(tall(subject, senders[index] ?? 'x@example.test', index + 1), { from: 'sender@example.test', to: [ALICE] });
  }
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 500 });
    return list.ok && list.value.total >= SUBJECTS.length && list.value.messages.every((message) => message.indexed);
  }, 'every message received and indexed');
});

after(async () => {
  await env?.stop();
});

test('with the Unread filter on, the message read stays listed and shown until the selection moves on', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage();
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('group', { name: ui('quickFilter.group') })
    .getByRole('button', { name: ui('quickFilter.unread') })
    .click();
  await waitForListed(page, SUBJECTS, 'Unread, before reading');

  // Opening the second message reads it (at once, the default); it stays in the list and in the reader.
  await row(page, 'Third note').click();
  await readerHeading(page, 'Third note').waitFor({ timeout: UI_TIMEOUT_MS });
  await waitForRead(page, 'Third note');
  assert.deepEqual(await listed(page), [...SUBJECTS]);
  await readerHeading(page, 'Third note').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await row(page, 'Third note').getAttribute('aria-selected'), 'true');
  // Scrolled to its last line, the tall message is still the one shown.
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByText('Line 400 of Third note.')
    .first()
    .scrollIntoViewIfNeeded({ timeout: UI_TIMEOUT_MS });
  await readerHeading(page, 'Third note').waitFor({ timeout: UI_TIMEOUT_MS });
  await assertAccessible(page, 'Unread filter with a read message kept');
  await env.screenshot(page, 'unread-filter-kept');

  // Down to the next: it is read and kept, the one read before drops out, and the reader follows.
  await grid(page).press('ArrowDown');
  await readerHeading(page, 'Second note').waitFor({ timeout: UI_TIMEOUT_MS });
  await waitForRead(page, 'Second note');
  await waitForListed(page, ['Fourth note', 'Second note', 'First note'], 'after moving on');
  await readerHeading(page, 'Second note').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await row(page, 'Second note').getAttribute('aria-selected'), 'true');

  // A click above: the same, across a row that moves up under the selection.
  await row(page, 'Fourth note').click();
  await waitForRead(page, 'Fourth note');
  await waitForListed(page, ['Fourth note', 'First note'], 'after a click above');
  await readerHeading(page, 'Fourth note').waitFor({ timeout: UI_TIMEOUT_MS });

  // Select all takes in what the filtered list shows, nothing it hides: deleting it leaves the two
  // read messages the filter hides where they are.
  await grid(page).focus();
  await page.keyboard.press('Control+a');
  await page
    .getByRole('status')
    .filter({ hasText: uiPattern('mail.summarySelected', { list: ANY_TEXT, total: 2, unread: ANY_NUMBER, selected: 2 }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Delete');
  await waitForListed(page, [], 'after deleting every message the filter shows');

  // Off: the two read messages the filter hid are still there.
  await page
    .getByRole('group', { name: ui('quickFilter.group') })
    .getByRole('button', { name: ui('quickFilter.unread') })
    .click();
  await waitForListed(page, ['Third note', 'Second note'], 'no filter');
  assert.deepEqual(problems, []);
  await page.close();
});
