/**
 * A notification queued with the null reverse-path (a read receipt, RFC 8098) is sent with
 * `MAIL FROM:<>` (RFC 5321 §4.5.5); a server whose policy refuses the empty sender for good gets it
 * from the account's address instead, in the same attempt. Other messages keep the account's address.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { refuseMailWhile, type FakeSmtpHandler } from '../../../fakes/smtp-server';
import { ACCOUNT_ID, startOutboxFixture, type OutboxFixture } from './outbox-fixture';

let fixture: OutboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const RECEIPT = Buffer.from(
  ['From: Ann <ann@example.com>', 'To: bob@example.net', 'Subject: Read: Plans', 'Content-Type: text/plain', '', 'Your message was displayed.', ''].join(
    '\r\n',
  ),
);

/** The senders of the MAIL commands the server was given, in order. */
function mailFroms(current: OutboxFixture): string[] {
  return current.server.lines.flatMap((line) => /^MAIL FROM:<([^>]*)>/i.exec(line)?.slice(1, 2) ?? []);
}

/** A MAIL handler that refuses the empty sender with a permanent 550, and takes every other as usual. */
const refuseEmptySender: FakeSmtpHandler = (connection, args, line) =>
  /^FROM:<>/i.test(args) ? connection.reply('550 5.7.1 Null sender refused by policy') : refuseMailWhile(() => false)(connection, args, line);

test('a notification goes with MAIL FROM:<>, and a message queued without asking keeps the account address', async () => {
  fixture = await startOutboxFixture();
  await fixture.outbox.queueRaw(ACCOUNT_ID, RECEIPT, { nullReversePath: true });
  await fixture.outbox.queueRaw(ACCOUNT_ID, RECEIPT);
  const results = await fixture.outbox.flush();
  assert.deepEqual(
    results.map((result) => result.state),
    ['sent', 'sent'],
  );
  assert.deepEqual(
    fixture.server.transactions.map((transaction) => transaction.from),
    ['', 'ann@example.com'],
  );
  assert.deepEqual(mailFroms(fixture), ['', 'ann@example.com'], 'the null reverse-path is written as <>');
});

test('a server that refuses the empty sender for good gets the notification from the account address', async () => {
  fixture = await startOutboxFixture({ handlers: { MAIL: refuseEmptySender } });
  await fixture.outbox.queueRaw(ACCOUNT_ID, RECEIPT, { nullReversePath: true });
  const [result] = await fixture.outbox.flush();
  assert.equal(result?.state, 'sent', result?.reason ?? '');
  assert.deepEqual(mailFroms(fixture), ['', 'ann@example.com'], 'the empty sender first, then the account address');
  assert.equal(fixture.server.transactions.length, 1, 'one message sent');
});

test('a temporary refusal of the empty sender is retried later as usual, not sent from another address', async () => {
  let refusals = 1;
  fixture = await startOutboxFixture({ handlers: { MAIL: refuseMailWhile(() => refusals-- > 0) } });
  await fixture.outbox.queueRaw(ACCOUNT_ID, RECEIPT, { nullReversePath: true });
  const [result] = await fixture.outbox.flush();
  assert.equal(result?.state, 'retrying');
  assert.deepEqual(mailFroms(fixture), [''], 'no second try from another address');
});
