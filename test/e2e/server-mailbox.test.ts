/**
 * The Server mailbox in Chromium against real servers: Postfix delivers two messages into Dovecot, one
 * is downloaded, and a 50 MB message is written straight into the maildir. The user opens the panel
 * from the folder pane's account actions, sees each message's state and the large one highlighted,
 * deletes it without downloading (after a confirmation that says no copy exists here), and sees the new
 * totals; the transcript shows the session with the password redacted. Screenshots at both sizes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../shared/accounts';
import type { Page } from 'playwright-core';
import type { GeneratedMessage } from '../servers/maildir';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, WINDOW_SIZES, startMailEnvironment, type MailEnvironment } from './support/mail-environment';

const ALICE = 'alice@example.test';
const LARGE_BYTES = 50 * 1024 * 1024;
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 30_000;

let env: MailEnvironment;
let accountId: string;
let large: GeneratedMessage;

function message(subject: string, from: string): string {
  return [
    `From: ${from}`,
    `To: Alice Example <${ALICE}>`,
    `Subject: ${subject}`,
    'Date: Mon, 2 Mar 2026 09:00:00 +0000',
    `Message-ID: <${subject.replace(/\W+/g, '.')}@example.test>`,
    '',
    'Hello.',
    '',
  ].join('\r\n');
}

/** Waits until the table shows `count` messages; on a timeout the error says what the page showed instead. */
async function waitForRows(page: Page, count: number): Promise<void> {
  try {
    await page.waitForFunction((wanted) => document.querySelectorAll('.server-table tbody tr').length === wanted, count, { timeout: UI_TIMEOUT_MS });
  } catch (error) {
    await env.screenshot(page, `server-mailbox-failure-${count}`);
    const shown = await page
      .locator('main')
      .innerText()
      .catch(() => '');
    throw new Error(`Expected ${count} rows; the page shows:\n${shown}`, { cause: error });
  }
}

before(async () => {
  env = await startMailEnvironment();
  // Mail stays on the server, and no automatic check runs: the test decides what is downloaded.
  accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(true), checkAtStartup: false, includeInSendReceive: false } });
  await env.deliver(message('Kept here already', 'Bob Example <bob@example.test>'), { from: 'bob@example.test', to: [ALICE] });
  await env.deliver(message('Still on the server', 'Carol Example <carol@example.test>'), { from: 'carol@example.test', to: [ALICE] });
  const listing = await env.client.call('listServerMailbox', { accountId });
  if (!listing.ok) throw new Error(listing.error.message);
  const first = listing.value.messages.find((each) => each.subject === 'Kept here already');
  assert.ok(first !== undefined);
  const fetched = await env.client.call('serverMailboxAction', { accountId, action: 'download', uidls: [first.uidl] });
  assert.ok(fetched.ok && fetched.value.downloaded === 1);
  [large] = (await env.postfix.dovecot.generateMessages({ count: 1, seed: 50, sizes: [{ weight: 1, minBytes: LARGE_BYTES, maxBytes: LARGE_BYTES }] })) as [
    GeneratedMessage,
  ];
});

after(async () => {
  await env?.stop();
});

test('the Server mailbox lists the server, and deletes a 50 MB message without downloading it', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await page.getByRole('button', { name: 'Account actions for Alice' }).click();
  await page.getByRole('menuitem', { name: 'Server mailbox…' }).click();
  await page.getByRole('heading', { name: 'Server mailbox' }).waitFor({ timeout: UI_TIMEOUT_MS });
  const grid = page.getByRole('grid', { name: 'Server messages' });
  const rows = grid.locator('tbody tr');
  await waitForRows(page, 3);

  const totals = page.getByRole('region', { name: 'Totals' });
  assert.match((await totals.textContent()) ?? '', /3 messages on the server/);
  // Sorted by size: the 50 MB message first, highlighted, not downloaded.
  const largeRow = rows.nth(0);
  assert.match((await largeRow.getAttribute('class')) ?? '', /server-large/);
  assert.ok(((await largeRow.textContent()) ?? '').includes(`${(large.pop3Size / (1024 * 1024)).toFixed(1)} MB`));
  assert.match((await largeRow.textContent()) ?? '', /Not yet downloaded/);
  assert.match((await grid.locator('tr', { hasText: 'Kept here already' }).textContent()) ?? '', /Downloaded/);
  assert.match((await grid.locator('tr', { hasText: 'Still on the server' }).textContent()) ?? '', /Not yet downloaded/);

  // Filter by sender narrows the list; clearing it brings everything back.
  await page.getByLabel('Filter by sender or subject').fill('carol');
  await waitForRows(page, 1);
  await page.getByLabel('Filter by sender or subject').fill('');
  await waitForRows(page, 3);

  await assertAccessible(page, 'the server mailbox', { every: true });
  await env.screenshot(page, 'server-mailbox-small');

  await largeRow.getByRole('button', { name: 'Delete without downloading' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete this message from the server?' });
  await dialog.waitFor();
  assert.match((await dialog.textContent()) ?? '', /No copy is stored on this computer/);
  await env.screenshot(page, 'server-mailbox-confirm');
  await dialog.getByRole('button', { name: 'Delete from server' }).click();
  await page.getByRole('status').filter({ hasText: 'Deleted 1 message from the server.' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await waitForRows(page, 2);
  assert.match((await totals.textContent()) ?? '', /2 messages on the server/);

  const remaining = (await env.postfix.dovecot.listMessages()).map((entry) => entry.baseName);
  assert.equal(remaining.includes(large.baseName), false, 'the 50 MB message is gone from the maildir');
  assert.equal(remaining.length, 2);

  await page.getByRole('button', { name: 'Show transcript' }).click();
  const transcript = page.getByRole('dialog', { name: 'Protocol transcript' });
  await transcript.getByLabel('Transcript').waitFor();
  const text = (await transcript.getByLabel('Transcript').textContent()) ?? '';
  assert.match(text, /DELE \d+/);
  assert.ok(!text.includes(env.postfix.password), 'no password in the transcript');
  await transcript.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Back to mail' }).click();
  await page.getByRole('toolbar', { name: 'Mail commands' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('the panel holds at the large window size', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[1], 'dark');
  await page.getByRole('button', { name: 'Account actions for Alice' }).click();
  await page.getByRole('menuitem', { name: 'Server mailbox…' }).click();
  await waitForRows(page, 2);
  await env.screenshot(page, 'server-mailbox-large-dark');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a message not yet downloaded shows what a server rule will do to it; stored mail does not', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const saved = await env.client.call('saveRule', {
    rule: { name: 'Carol stays — קרול', query: 'from:carol@example.test', actions: [{ kind: 'server', mode: 'leave' }], stop: false, accountId },
  });
  assert.ok(saved.ok, saved.ok ? '' : saved.error.message);
  const bob = await env.client.call('saveRule', {
    rule: { name: 'Bob as headers', query: 'from:bob@example.test', actions: [{ kind: 'server', mode: 'headers-only' }], stop: false, accountId: null },
  });
  assert.ok(bob.ok);
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await page.getByRole('button', { name: 'Account actions for Alice' }).click();
  await page.getByRole('menuitem', { name: 'Server mailbox…' }).click();
  await waitForRows(page, 2);
  const grid = page.getByRole('grid', { name: 'Server messages' });
  assert.match(
    (await grid.locator('tr', { hasText: 'Still on the server' }).textContent()) ?? '',
    /Not yet downloaded; the rule “Carol stays — קרול” leaves it on the server, never downloaded/,
  );
  const stored = (await grid.locator('tr', { hasText: 'Kept here already' }).textContent()) ?? '';
  assert.match(stored, /Downloaded/);
  assert.doesNotMatch(stored, /the rule/, 'a server rule never touches mail stored here');
  await env.screenshot(page, 'server-mailbox-rule-states');
  assert.deepEqual(problems, []);
  await page.close();
});
