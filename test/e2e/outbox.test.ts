/**
 * Sending as a person meets it, against a real Postfix behind a connection that can be cut: with the
 * outgoing server unreachable a message waits in the Outbox (counted in the folder pane) with a retry
 * time; once the server is back, Send/Receive (F9) sends it at once — not at the retry time — and it
 * leaves the Outbox; in Sent it is listed with its recipient and found by search straight away. A
 * message no recipient accepts raises a notice in the window that opens the Outbox. A POP3 server that
 * refuses the connection is reported in plain words, with the system's text behind "Details"; a
 * server that refuses the sign-in has its own words there, after a label in the window's language.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { accountSettingsSchema, defaultPolicy } from '../../shared/accounts';
import { findFreePort } from '../servers/free-port';
import { REJECTED_RECIPIENT } from '../servers/postfix';
import { startSwitchableProxy, type SwitchableProxy } from '../servers/switchable-proxy';
import { assertAccessible } from './support/accessibility';
import { uiStart, uiWithAny } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

const UI_TIMEOUT_MS = 30_000;
/** The least time allowed for F9's send to arrive; a delivery before the message's retry time came from F9. */
const SENT_BY_F9_WITHIN_MS = 20_000;

let env: MailEnvironment;
let smtp: SwitchableProxy;
let accountId: string;

before(async () => {
  env = await startMailEnvironment();
  smtp = await startSwitchableProxy({ host: env.postfix.host, port: env.postfix.submissionPort });
  const base = env.settingsFor('alice');
  accountId = await env.addAccount('alice', { outgoing: { ...base.outgoing, port: smtp.port }, policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const faster = await env.client.call('updateSettings', { undoSendSeconds: 0 });
  assert.ok(faster.ok);
});

// A test that failed with the server away leaves it back for the next one.
afterEach(async () => {
  await smtp?.up();
});

after(async () => {
  await smtp?.close();
  await env?.stop();
});

async function send(page: Page, to: string, subject: string, body: string): Promise<void> {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`${to},`);
  await dialog.getByLabel(ui('compose.subject')).fill(subject);
  await dialog.getByLabel(ui('compose.body')).fill(body);
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

function folder(page: Page, name: string) {
  return page
    .getByRole('tree', { name: ui('folder.pane') })
    .getByRole('treeitem', { name: new RegExp(`^${name}`) })
    .first();
}

test(
  'with the server unreachable the message waits; once it is back, F9 sends it at once and it moves to Sent, listed and searchable',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
    await folder(page, ui('folder.special.outbox')).waitFor({ timeout: UI_TIMEOUT_MS });
    await smtp.down();
    const before = (await env.postfix.listDelivered()).length;
    await send(page, 'Bob Example <bob@example.test>', 'Minutes of the marmalade meeting', 'The quince committee met on Tuesday.\nNext meeting in May.');

    // The Outbox counts what waits in it.
    await folder(page, ui('folder.special.outbox')).locator('.tree-count', { hasText: /^1$/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(
      await folder(page, ui('folder.special.outbox'))
        .getAttribute('aria-describedby')
        .then((id) => page.locator(`[id="${id ?? ''}"]`).textContent()),
      ui('folder.waiting', { count: 1 }),
    );
    await folder(page, ui('folder.special.outbox')).click();
    const outbox = page.getByRole('list', { name: ui('outbox.list') });
    const waiting = outbox.getByRole('listitem', { name: 'Minutes of the marmalade meeting' });
    // The retry time in the window's clock, and the reason main gives in its own words.
    const retrying = waiting.getByText(new RegExp(`^${uiWithAny('outbox.retryingAt', {}, ['time', 'reason']).source}`));
    await retrying.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.ok((await retrying.innerText()).includes(ui('connection.refusedServer')), 'the refused connection in the window’s language');
    assert.doesNotMatch(await waiting.innerText(), /ECONNREFUSED/);
    await env.screenshot(page, 'outbox-waiting-retry');

    const listed = await env.client.call('listOutbox', { accountId });
    assert.ok(listed.ok);
    const retryAt = listed.value.find((item) => item.state === 'retrying')?.nextAttemptAt ?? assert.fail('the message is not waiting to retry');
    await smtp.up();
    await page.locator('body').press('F9');
    const delivered = await env.postfix.waitForDeliveries(before + 1, Math.max(SENT_BY_F9_WITHIN_MS, retryAt - Date.now()));
    assert.ok(Date.now() < retryAt, 'sent by F9, before the retry time');
    assert.match(delivered.at(-1)?.toString('latin1') ?? '', /Subject: Minutes of the marmalade meeting/);

    // Sent rows leave the Outbox; its count goes.
    await page.getByText(ui('outbox.empty')).waitFor({ timeout: UI_TIMEOUT_MS });
    await folder(page, ui('folder.special.outbox')).locator('.tree-count').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await env.screenshot(page, 'outbox-empty-after-f9');

    // In Sent at once: subject and recipient listed (never "not read yet"), and found by search.
    await folder(page, ui('folder.special.sent')).click();
    const grid = page.getByRole('grid', { name: ui('mail.messages') });
    const row = grid.getByRole('row', { name: /Minutes of the marmalade meeting/ });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await row.innerText(), /Bob Example/);
    assert.doesNotMatch(await row.innerText(), uiPattern('list.notReadYet'));
    await env.screenshot(page, 'sent-listed-at-once');
    await page.getByRole('searchbox', { name: ui('toolbar.search') }).fill('quince');
    await grid.getByRole('row', { name: /Minutes of the marmalade meeting/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    await assertAccessible(page, 'Sent after sending');
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test(
  'mail Mailbag writes is indexed at once: a waiting message is found by search, a sent one is listed in Sent with its recipient, with no Send/Receive',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
    await folder(page, ui('folder.special.sent')).waitFor({ timeout: UI_TIMEOUT_MS });
    const grid = page.getByRole('grid', { name: ui('mail.messages') });
    const search = page.getByRole('searchbox', { name: ui('toolbar.search') });

    // Waiting in the Outbox (the server is away): found by a word of its body already.
    await smtp.down();
    try {
      await send(page, 'Carol Example <carol@example.test>', 'Rhubarb forcing pots', 'Terracotta, not plastic, says the almanac.');
      await search.fill('terracotta');
      await grid.getByRole('row', { name: /Rhubarb forcing pots/ }).waitFor({ timeout: UI_TIMEOUT_MS });
      await search.fill('');
    } finally {
      const listed = await env.client.call('listOutbox', { accountId });
      for (const item of listed.ok ? listed.value : []) await env.client.call('removeOutboxMessage', { id: item.id });
      await smtp.up();
    }

    // Sent at once (send immediately, no undo delay): in Sent with its recipient, searchable, never "not read yet".
    const before = (await env.postfix.listDelivered()).length;
    await send(page, 'Dave Example <dave@example.test>', 'Bean poles', 'Hazel poles are cheaper than bamboo.');
    await env.postfix.waitForDeliveries(before + 1);
    await folder(page, ui('folder.special.sent')).click();
    const row = grid.getByRole('row', { name: /Bean poles/ });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await row.innerText(), /Dave Example/);
    assert.doesNotMatch(await row.innerText(), uiPattern('list.notReadYet'));
    await search.fill('hazel');
    await grid.getByRole('row', { name: /Bean poles/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    await env.screenshot(page, 'sent-indexed-without-send-receive');
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('a message no recipient accepts puts a notice in the window that opens the Outbox', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[1]);
  await folder(page, ui('folder.special.outbox')).waitFor({ timeout: UI_TIMEOUT_MS });
  await send(page, REJECTED_RECIPIENT, 'Nobody will take this', 'Refused by the server.');
  const notice = page.getByRole('status').filter({ hasText: ui('outbox.stuck', { count: 1 }) });
  await notice.waitFor({ timeout: UI_TIMEOUT_MS });
  const height = (await notice.boundingBox())?.height ?? 0;
  assert.ok(height > 0 && height < 60, `the notice is one line above the panes (${height}px)`);
  await assertAccessible(page, 'the Outbox notice');
  await env.screenshot(page, 'outbox-notice');
  await notice.getByRole('button', { name: ui('outbox.open') }).click();
  const item = page.getByRole('list', { name: ui('outbox.list') }).getByRole('listitem', { name: 'Nobody will take this' });
  await item
    .getByText(ui('outbox.failedReason', { reason: ui('outbox.notDeliveredTo', { addresses: REJECTED_RECIPIENT }) }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'outbox-opened-from-notice');

  await item.getByRole('button', { name: ui('outbox.remove'), exact: true }).click();
  // Removing a message that was never sent deletes it for good, so the window asks first.
  const question = page.getByRole('alertdialog', { name: ui('outbox.removeTitle') });
  await question.getByText(ui('outbox.removeText', { subject: 'Nobody will take this' })).waitFor();
  await question.getByRole('button', { name: ui('outbox.removeConfirm') }).click();
  await notice.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a refused connection is said in plain words with the next step; the system text is behind Details', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const closedPort = await findFreePort();
  const account = await env.client.call('getAccount', { id: accountId });
  assert.ok(account.ok && account.value.settings !== null);
  const settings = accountSettingsSchema.parse({ ...account.value.settings, incoming: { ...account.value.settings.incoming, port: closedPort } });
  const saved = await env.client.call('saveAccount', { id: accountId, settings });
  assert.ok(saved.ok);

  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await folder(page, ui('folder.special.outbox')).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator('body').press('F9');
  const status = page
    .getByRole('status')
    .filter({ hasText: ui('status.accountProblem', { account: 'Alice', problem: ui('connection.refused', { host: '127.0.0.1', port: String(closedPort) }) }) });
  await status.waitFor({ timeout: UI_TIMEOUT_MS });
  const words = await page.locator('footer.status-line').innerText();
  // The whole sentence with its next step, in the window's language.
  assert.ok(words.includes(ui('connection.refused', { host: '127.0.0.1', port: String(closedPort) })), words);
  assert.doesNotMatch(words, /ECONNREFUSED|connect /, 'no system words before Details is opened');
  await status.getByText(ui('common.details')).click();
  await status.getByText(/ECONNREFUSED 127\.0\.0\.1/).waitFor();
  await assertAccessible(page, 'connection error with details');
  await env.screenshot(page, 'connection-refused-details');

  // A certificate that does not verify (the account no longer names the servers' CA) says where to look at it.
  const { caPem: _caPem, ...withoutCa } = settings.incoming;
  const untrusted = accountSettingsSchema.parse({ ...settings, incoming: { ...withoutCa, port: env.postfix.dovecot.tlsPort } });
  assert.ok((await env.client.call('saveAccount', { id: accountId, settings: untrusted })).ok);
  await page.locator('body').press('F9');
  const certificate = page
    .getByRole('status')
    .filter({
      hasText: ui('status.accountProblem', {
        account: 'Alice',
        problem: ui('tls.unverified', { reason: 'unknownAuthority', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
      }),
    })
    .filter({ hasText: ui('status.certificateNextStep') });
  await certificate.waitFor({ timeout: UI_TIMEOUT_MS });
  const clipped = await page.locator('footer.status-line').evaluate((line) => line.scrollWidth > line.clientWidth || line.scrollHeight > line.clientHeight);
  assert.equal(clipped, false, 'the whole problem and its next step can be read');
  await env.screenshot(page, 'connection-certificate');

  // A server's refusal: its own words behind Details, after a label in the window's language.
  const stranger = accountSettingsSchema.parse({ ...settings, incoming: { ...settings.incoming, port: env.postfix.dovecot.tlsPort, username: 'nobody' } });
  assert.ok((await env.client.call('saveAccount', { id: accountId, settings: stranger })).ok);
  await page.locator('body').press('F9');
  const refused = page.getByRole('status').filter({ hasText: ui('status.pausedPassword') });
  await refused.waitFor({ timeout: UI_TIMEOUT_MS });
  // F9 was the user's own request, so the window asks for the password at once; not now.
  const question = page.getByRole('dialog', { name: ui('password.title', { account: 'Alice' }) });
  await question.getByRole('button', { name: ui('common.cancel'), exact: true }).click();
  await question.waitFor({ state: 'detached' });
  await refused.getByText(ui('common.details')).click();
  const said = refused.locator('.error-details code');
  await said.filter({ hasText: /-ERR/ }).waitFor();
  const detail = await said.innerText();
  // The server's words set apart (Unicode isolates), so a right-to-left label cannot reorder them.
  assert.match(detail, new RegExp(`^${ui('protocolError.serverSaid', { response: '' }).trim()}\\s*\u2068-ERR [^\u2069]+\u2069$`, 'u'));
  await assertAccessible(page, 'server refusal with details');
  await env.screenshot(page, 'server-refusal-details');
  assert.deepEqual(problems, []);
  await page.close();
});
