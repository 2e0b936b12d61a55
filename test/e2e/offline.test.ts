/**
 * Mail is read offline: after Send/Receive, with Postfix and Dovecot stopped, the messages are still
 * listed, readable in the reader and found by search, all from the store on this computer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../shared/accounts';
import { TEST_DOMAIN } from '../servers/postfix';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui } from './support/words';

let env: MailEnvironment;
const alice = `alice@${TEST_DOMAIN}`;

function message(subject: string, body: string, minute: number): string {
  return [
    `From: Bob Example <bob@${TEST_DOMAIN}>`,
    `To: Alice Example <${alice}>`,
    `Subject: ${subject}`,
    `Date: ${new Date(Date.UTC(2024, 5, 1, 10, minute)).toUTCString()}`,
    `Message-ID: <offline-${minute}@${TEST_DOMAIN}>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

before(async () => {
  env = await startMailEnvironment();
  await env.deliver(message('Train times', 'The marmalade train leaves at nine.', 1), { from: `bob@${TEST_DOMAIN}`, to: [alice] });
  await env.deliver(message('Garden plans', 'Tomatoes along the south wall.', 2), { from: `bob@${TEST_DOMAIN}`, to: [alice] });
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' } });
    if (list.ok && list.value.total === 2 && list.value.messages.every((item) => item.indexed)) break;
    if (Date.now() > deadline) throw new Error('the two messages were not received and indexed in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await env.postfix.stop();
});

after(async () => {
  await env?.stop();
});

test('with the servers stopped, received mail is listed, readable and searchable', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  const grid = page.getByRole('grid', { name: ui('mail.messages') });
  const rows = grid.locator('.grid-body [role="row"][aria-selected]');
  await grid.getByRole('row', { name: /Train times/ }).waitFor();
  await grid.getByRole('row', { name: /Garden plans/ }).waitFor();
  assert.equal(await rows.count(), 2);

  await grid.getByRole('row', { name: /Train times/ }).click();
  const reader = page.getByRole('region', { name: ui('reader.label') });
  await reader.getByRole('heading', { name: 'Train times' }).waitFor();
  await reader
    .getByRole('document', { name: ui('reader.body') })
    .getByText('The marmalade train leaves at nine.')
    .waitFor();

  await page.getByRole('searchbox', { name: ui('toolbar.search') }).fill('marmalade');
  await page.waitForFunction(() => document.querySelectorAll('.grid-body [role="row"][aria-selected]').length === 1);
  assert.match(await rows.first().innerText(), /Train times/);
  await env.screenshot(page, 'offline-search');
  assert.deepEqual(problems, []);
  await page.close();
});
