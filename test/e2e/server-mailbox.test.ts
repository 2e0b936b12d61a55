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
import { formatByteSize } from '../../shared/byte-size';
import { formattingLocale } from '../../shared/i18n/catalogs';
import { assertAccessible } from './support/accessibility';
import { E2E_LOCALE, ui, uiPattern } from './support/words';
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
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Alice' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.serverMailbox') }).click();
  await page.getByRole('heading', { name: ui('server.title') }).waitFor({ timeout: UI_TIMEOUT_MS });
  const grid = page.getByRole('grid', { name: ui('server.messages') });
  const rows = grid.locator('tbody tr');
  await waitForRows(page, 3);

  const totals = page.getByRole('region', { name: ui('server.totals') });
  assert.match((await totals.textContent()) ?? '', uiPattern('server.onServer', { count: 3 }));
  // Sorted by size: the 50 MB message first, highlighted, not downloaded.
  const largeRow = rows.nth(0);
  assert.match((await largeRow.getAttribute('class')) ?? '', /server-large/);
  assert.ok(((await largeRow.textContent()) ?? '').includes(formatByteSize(large.pop3Size, formattingLocale(E2E_LOCALE))));
  assert.match((await largeRow.textContent()) ?? '', uiPattern('server.stateNotDownloaded'));
  assert.match((await grid.locator('tr', { hasText: 'Kept here already' }).textContent()) ?? '', uiPattern('server.stateDownloaded'));
  assert.match((await grid.locator('tr', { hasText: 'Still on the server' }).textContent()) ?? '', uiPattern('server.stateNotDownloaded'));

  // Filter by sender narrows the list; clearing it brings everything back.
  await page.getByLabel(ui('server.filter')).fill('carol');
  await waitForRows(page, 1);
  await page.getByLabel(ui('server.filter')).fill('');
  await waitForRows(page, 3);

  await assertAccessible(page, 'the server mailbox', { every: true });
  await env.screenshot(page, 'server-mailbox-small');

  await largeRow.getByRole('button', { name: ui('server.deleteWithout') }).click();
  const dialog = page.getByRole('alertdialog', { name: ui('server.deleteTitle', { count: 1 }) });
  await dialog.waitFor();
  assert.match((await dialog.textContent()) ?? '', uiPattern('server.noCopy'));
  await env.screenshot(page, 'server-mailbox-confirm');
  await dialog.getByRole('button', { name: ui('server.deleteFromServer') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: ui('server.deleted', { count: 1 }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await waitForRows(page, 2);
  assert.match((await totals.textContent()) ?? '', uiPattern('server.onServer', { count: 2 }));

  const remaining = (await env.postfix.dovecot.listMessages()).map((entry) => entry.baseName);
  assert.equal(remaining.includes(large.baseName), false, 'the 50 MB message is gone from the maildir');
  assert.equal(remaining.length, 2);

  await page.getByRole('button', { name: ui('server.showTranscript') }).click();
  const transcript = page.getByRole('dialog', { name: ui('server.transcriptTitle') });
  await transcript.getByLabel(ui('server.transcript')).waitFor();
  const text = (await transcript.getByLabel(ui('server.transcript')).textContent()) ?? '';
  assert.match(text, /DELE \d+/);
  assert.ok(!text.includes(env.postfix.password), 'no password in the transcript');
  await transcript.getByRole('button', { name: ui('common.close') }).click();

  await page.getByRole('button', { name: ui('contacts.backToMail') }).click();
  await page.getByRole('toolbar', { name: ui('toolbar.label') }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('the panel holds at the large window size', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[1], 'dark');
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Alice' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.serverMailbox') }).click();
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
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Alice' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.serverMailbox') }).click();
  await waitForRows(page, 2);
  const grid = page.getByRole('grid', { name: ui('server.messages') });
  assert.match(
    (await grid.locator('tr', { hasText: 'Still on the server' }).textContent()) ?? '',
    uiPattern('server.ruleLeave', { state: ui('server.stateNotDownloaded'), rule: 'Carol stays — קרול' }),
  );
  const stored = (await grid.locator('tr', { hasText: 'Kept here already' }).textContent()) ?? '';
  assert.match(stored, uiPattern('server.stateDownloaded'));
  assert.doesNotMatch(stored, /Carol stays|Bob as headers/, 'a server rule never touches mail stored here');
  await env.screenshot(page, 'server-mailbox-rule-states');
  assert.deepEqual(problems, []);
  await page.close();
});
