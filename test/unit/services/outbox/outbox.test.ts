/**
 * The Outbox against a fake SMTP server: what each fault leaves in the queue, that a retry sends the
 * identical bytes only to recipients still waiting, that nothing that may have been sent is sent again
 * without the user, and that sent messages end up in Sent with the same bytes and no Bcc.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import {
  AMBIGUOUS_REASON,
  FIRST_RETRY_DELAY_MS,
  INTERRUPTED_REASON,
  MAX_RETRY_DELAY_MS,
  MAX_SEND_ATTEMPTS,
  RETRY_BACKOFF_FACTOR,
  retryDelayMs,
} from '../../../../electron/services/outbox';
import { SmtpError } from '../../../../electron/protocols/smtp';
import { folderIdForRole } from '../../../../electron/storage/folders';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { sayOutboxReason } from '../../../../shared/outbox-reason';
import { refuseMailWhile, type FakeSmtpOptions } from '../../../fakes/smtp-server';
import { ACCOUNT_ID, hangingSender, startOutboxFixture, type OutboxFixture } from './outbox-fixture';
import { foundIds } from '../../storage/store-fixture';

/** Bound on each test: the fake answers at once. */
const TEST_TIMEOUT_MS = 20_000;

const MESSAGE = {
  to: [{ name: 'Bob', address: 'bob@example.test' }, { address: 'carol@example.test' }],
  bcc: [{ name: 'Hidden Dave', address: 'dave@example.test' }],
  subject: 'Plans — für Montag',
  text: 'Hello both.\n',
};

let fixture: OutboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function start(options: FakeSmtpOptions = {}): Promise<OutboxFixture> {
  fixture = await startOutboxFixture(options);
  return fixture;
}

function folderOf(current: OutboxFixture, storedId: number): number {
  return current.store.getMessage(storedId).folderId;
}

function headerOf(raw: Uint8Array): string {
  const text = Buffer.from(raw).toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe('the Outbox', { timeout: TEST_TIMEOUT_MS }, () => {
  test('queues composed bytes in Outbox, sends them as they are, and moves the same bytes to Sent without Bcc', async () => {
    const current = await start();
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    assert.equal(entry.state, 'queued');
    assert.deepEqual(
      entry.recipients.map((recipient) => recipient.address),
      ['bob@example.test', 'carol@example.test', 'dave@example.test'],
    );
    assert.equal(folderOf(current, entry.storedMessageId), folderIdForRole(current.database, ACCOUNT_ID, 'outbox'));
    const stored = await current.store.readRawMessage(entry.storedMessageId);
    assert.doesNotMatch(headerOf(stored), /^bcc:|dave/im);
    assert.match(headerOf(stored), new RegExp(`^Message-ID: ${entry.messageId.replace(/[.+]/g, '\\$&')}`, 'im'));

    const results = await current.outbox.flush();
    assert.deepEqual(
      results.map((result) => [result.id, result.result, result.state]),
      [[entry.id, 'sent', 'sent']],
    );
    assert.equal(current.server.transactions.length, 1);
    assert.equal(current.server.transactions[0]?.from, 'ann@example.com');
    assert.deepEqual(current.server.transactions[0]?.recipients, ['bob@example.test', 'carol@example.test', 'dave@example.test']);
    assert.ok(current.server.transactions[0]?.data?.equals(stored), 'the server got exactly the queued bytes');
    assert.equal(folderOf(current, entry.storedMessageId), folderIdForRole(current.database, ACCOUNT_ID, 'sent'));
    assert.ok((await current.store.readRawMessage(entry.storedMessageId)).equals(stored), 'Sent holds the same bytes');
    assert.deepEqual(await current.outbox.flush(), [], 'a second flush sends nothing');
    assert.equal(current.server.transactions.length, 1);
  });

  test('a queued message is indexed at once: listed with its subject and recipients and found by search, in the Outbox and in Sent', async () => {
    const current = await start();
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    const outboxFolder = folderIdForRole(current.database, ACCOUNT_ID, 'outbox');
    const [listed] = current.store.listMessages(outboxFolder).messages;
    assert.equal(listed?.id, entry.storedMessageId);
    assert.equal(listed?.indexed, true, 'no "(not read yet)"');
    assert.equal(listed?.subject, MESSAGE.subject);
    assert.deepEqual(
      listed?.to.map((address) => address.address),
      ['bob@example.test', 'carol@example.test'],
    );
    assert.deepEqual(foundIds(current.store, 'Montag'), [entry.storedMessageId]);
    await current.outbox.flush();
    const [sent] = current.store.listMessages(folderIdForRole(current.database, ACCOUNT_ID, 'sent')).messages;
    assert.equal(sent?.id, entry.storedMessageId);
    assert.equal(sent?.indexed, true);
    assert.deepEqual(foundIds(current.store, 'Montag'), [entry.storedMessageId]);
  });

  test('a connection dropped after the final "." is "may have been sent", never resent until the user says so', async () => {
    let drops = 1;
    const current = await start({
      onData: (connection) => {
        if (drops-- > 0) connection.drop();
        else connection.reply('250 2.0.0 Ok: queued');
      },
    });
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    const [result] = await current.outbox.flush();
    assert.equal(result?.result, 'ambiguous');
    const after = current.outbox.get(entry.id);
    assert.equal(after.state, 'ambiguous');
    assert.equal(after.reason, AMBIGUOUS_REASON.reason);
    assert.match(after.reason ?? '', /may have been sent — check your Sent folder or the recipients before sending again/);
    assert.ok(after.recipients.every((recipient) => recipient.status === 'uncertain'));
    current.now += MAX_RETRY_DELAY_MS * 10;
    assert.deepEqual(await current.outbox.flush(), [], 'not resent automatically, however long we wait');
    assert.equal(current.server.transactions.length, 1);
    assert.equal(folderOf(current, entry.storedMessageId), folderIdForRole(current.database, ACCOUNT_ID, 'outbox'));

    assert.equal(current.outbox.sendAgain(entry.id).state, 'queued');
    const [again] = await current.outbox.flush();
    assert.equal(again?.result, 'sent');
    assert.equal(current.server.transactions.length, 2);
    assert.ok(current.server.transactions[1]?.data?.equals(current.server.transactions[0]?.data ?? Buffer.alloc(0)), 'the same bytes, the same Message-ID');
  });

  test('4xx replies retry with exponential backoff on the injected clock, then succeed', async () => {
    let temporary = 2;
    const current = await start({
      handlers: { MAIL: refuseMailWhile(() => temporary-- > 0) },
    });
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    const [first] = await current.outbox.flush();
    assert.equal(first?.result, 'retrying');
    let row = current.outbox.get(entry.id);
    assert.equal(row.state, 'retrying');
    assert.equal(row.attempts, 1);
    assert.equal(row.nextAttemptAt, current.now + FIRST_RETRY_DELAY_MS);
    assert.match(row.reason ?? '', /451 4\.3\.0 Try again later/);

    current.now += FIRST_RETRY_DELAY_MS - 1;
    assert.deepEqual(await current.outbox.flush(), [], 'not due before the delay');
    current.now += 1;
    assert.equal((await current.outbox.flush())[0]?.result, 'retrying');
    row = current.outbox.get(entry.id);
    assert.equal(row.attempts, 2);
    assert.equal(row.nextAttemptAt, current.now + FIRST_RETRY_DELAY_MS * RETRY_BACKOFF_FACTOR, 'the delay grew by the factor');

    current.now += FIRST_RETRY_DELAY_MS * RETRY_BACKOFF_FACTOR;
    assert.equal((await current.outbox.flush())[0]?.result, 'sent');
    assert.equal(current.outbox.get(entry.id).state, 'sent');
    assert.equal(current.server.transactions.length, 1, 'only the last attempt got as far as a transaction');
  });

  test('a flush the user asked for sends a retrying message at once, whatever its delay; the undo delay still holds', async () => {
    let temporary = 1;
    const current = await start({
      handlers: { MAIL: refuseMailWhile(() => temporary-- > 0) },
    });
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    assert.equal((await current.outbox.flush())[0]?.result, 'retrying');
    const held = await current.outbox.queue(ACCOUNT_ID, { ...MESSAGE, subject: 'Held for undo' }, { notBefore: current.now + 5_000 });
    assert.deepEqual(await current.outbox.flush(), [], 'an automatic flush waits out the delay');
    const results = await current.outbox.flush({ urgency: 'now' });
    assert.deepEqual(
      results.map((result) => [result.id, result.result]),
      [[entry.id, 'sent']],
      'sent now; the message still in its undo delay is not',
    );
    assert.equal(current.outbox.get(held.id).state, 'queued');
  });

  test('the backoff is capped and stops after the maximum number of attempts', () => {
    assert.equal(retryDelayMs(1), FIRST_RETRY_DELAY_MS);
    assert.equal(retryDelayMs(3), FIRST_RETRY_DELAY_MS * RETRY_BACKOFF_FACTOR ** 2);
    assert.equal(retryDelayMs(100), MAX_RETRY_DELAY_MS);
  });

  test('transient failures end as failed after the maximum number of attempts', async () => {
    const current = await start({ greeting: '421 4.3.2 Service not available' });
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt += 1) {
      const [result] = await current.outbox.flush();
      assert.equal(result?.result, attempt < MAX_SEND_ATTEMPTS ? 'retrying' : 'failed');
      current.now += MAX_RETRY_DELAY_MS;
    }
    const row = current.outbox.get(entry.id);
    assert.equal(row.state, 'failed');
    assert.match(row.reason ?? '', new RegExp(`gave up after ${MAX_SEND_ATTEMPTS} attempts`));
    assert.deepEqual(await current.outbox.flush(), []);
  });

  test('a 5xx reply is permanent: failed with the reason, no retry', async () => {
    const current = await start({ handlers: { MAIL: (connection) => connection.reply('554 5.7.1 Sender address rejected: not owned by user') } });
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    const [result] = await current.outbox.flush();
    assert.equal(result?.result, 'failed');
    const row = current.outbox.get(entry.id);
    assert.equal(row.state, 'failed');
    assert.equal(row.nextAttemptAt, null);
    assert.match(row.reason ?? '', /Sender address rejected/);
    current.now += MAX_RETRY_DELAY_MS * 10;
    assert.deepEqual(await current.outbox.flush(), []);
  });

  test('partial: a 4xx recipient is retried alone; the accepted ones are never sent the message again', async () => {
    let busy = 1;
    const current = await start({
      handlers: {
        RCPT: (connection, args) => {
          const address = /<([^>]*)>/.exec(args)?.[1] ?? '';
          if (address === 'carol@example.test' && busy-- > 0) return connection.reply('452 4.2.2 Mailbox full, try later');
          if (address === 'dave@example.test') return connection.reply('550 5.1.1 No such user');
          connection.transaction?.recipients.push(address);
          connection.reply('250 2.1.5 Ok');
        },
      },
    });
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    const [first] = await current.outbox.flush();
    assert.equal(first?.result, 'partial');
    assert.equal(first?.state, 'retrying');
    assert.deepEqual(
      first?.recipients.map((recipient) => [recipient.address, recipient.status]),
      [
        ['bob@example.test', 'accepted'],
        ['carol@example.test', 'pending'],
        ['dave@example.test', 'refused'],
      ],
    );
    assert.match(first?.recipients[2]?.reason ?? '', /550 5\.1\.1 No such user/);
    assert.equal(folderOf(current, entry.storedMessageId), folderIdForRole(current.database, ACCOUNT_ID, 'outbox'));

    current.now += FIRST_RETRY_DELAY_MS;
    const [second] = await current.outbox.flush();
    assert.equal(second?.result, 'partial', 'sent, but dave refused it');
    assert.equal(second?.state, 'sent');
    assert.deepEqual(current.jobs[1]?.skipRecipients, ['bob@example.test', 'dave@example.test']);
    assert.deepEqual(
      current.server.transactions.map((transaction) => transaction.recipients),
      [['bob@example.test'], ['carol@example.test']],
    );
    assert.ok(current.server.transactions[1]?.data?.equals(current.server.transactions[0]?.data ?? Buffer.alloc(0)));
    const row = current.outbox.get(entry.id);
    assert.match(row.reason ?? '', /dave@example\.test .*No such user/);
    assert.equal(folderOf(current, entry.storedMessageId), folderIdForRole(current.database, ACCOUNT_ID, 'sent'));
  });

  test('a crash while sending: on restart the message is "may have been sent", kept, and not resent', async () => {
    const hanging = hangingSender();
    fixture = await startOutboxFixture({}, hanging.sender);
    const current = fixture;
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    void current.outbox.flush();
    await hanging.started;
    assert.equal(current.outbox.get(entry.id).state, 'sending');
    await assert.rejects(current.outbox.remove(entry.id), /being sent/);

    await current.restart();
    const row = current.outbox.get(entry.id);
    assert.equal(row.state, 'ambiguous');
    assert.equal(row.reason, INTERRUPTED_REASON.reason);
    assert.ok((await current.store.readRawMessage(entry.storedMessageId)).length > 0, 'the message is still stored');
    assert.deepEqual(await current.outbox.flush(), []);
    assert.equal(current.server.transactions.length, 0);
    current.outbox.sendAgain(entry.id);
    assert.equal((await current.outbox.flush())[0]?.result, 'sent');
  });

  test('a message can be edited or removed until sending starts', async () => {
    const current = await start();
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    const edited = await current.outbox.edit(entry.id, { ...MESSAGE, to: [{ address: 'erin@example.test' }], bcc: [], subject: 'Changed' });
    assert.equal(edited.id, entry.id);
    assert.notEqual(edited.storedMessageId, entry.storedMessageId);
    assert.deepEqual(
      edited.recipients.map((recipient) => recipient.address),
      ['erin@example.test'],
    );
    assert.throws(() => current.store.getMessage(entry.storedMessageId), /no message|not exist/i, 'the old bytes are gone');

    const other = await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    await current.outbox.remove(other.id);
    assert.throws(() => current.outbox.get(other.id), /no message/i);
    assert.throws(() => current.store.getMessage(other.storedMessageId));

    await current.outbox.flush();
    assert.deepEqual(
      current.server.transactions.map((transaction) => transaction.recipients),
      [['erin@example.test']],
    );
    assert.match(current.server.transactions[0]?.data?.toString('utf8') ?? '', /^Subject: Changed/m);
    await assert.rejects(current.outbox.edit(entry.id, MESSAGE), /no longer be changed/);
  });

  test('the SIZE learned from EHLO refuses a larger message before anything is queued or sent', async () => {
    const limit = 4_000;
    const current = await start({ extensions: [`SIZE ${limit}`, '8BITMIME'] });
    await current.outbox.queue(ACCOUNT_ID, MESSAGE);
    await current.outbox.flush();
    assert.equal(current.outbox.sizeLimit(ACCOUNT_ID), limit);
    const large = { ...MESSAGE, attachments: [{ fileName: 'big.bin', contentType: 'application/octet-stream', content: new Uint8Array(limit) }] };
    await assert.rejects(current.outbox.queue(ACCOUNT_ID, large), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'VALIDATION');
      assert.match(error.message ?? '', /accepts at most/);
      return true;
    });
    assert.equal(current.outbox.list().length, 1, 'nothing was queued');
    assert.equal(current.server.transactions.length, 1);
  });
  test('before the SIZE is known, a larger message is kept in the Outbox as failed, with the reason, and not sent', async () => {
    const limit = 4_000;
    const current = await start({ extensions: [`SIZE ${limit}`, '8BITMIME'] });
    assert.equal(current.outbox.sizeLimit(ACCOUNT_ID), undefined);
    const large = { ...MESSAGE, attachments: [{ fileName: 'big.bin', contentType: 'application/octet-stream', content: new Uint8Array(limit) }] };
    const entry = await current.outbox.queue(ACCOUNT_ID, large);
    const [result] = await current.outbox.flush();
    assert.equal(result?.result, 'failed');
    assert.equal(current.outbox.get(entry.id).state, 'failed');
    assert.match(current.outbox.get(entry.id).reason ?? '', /accepts at most 4000 bytes/);
    assert.equal(current.server.transactions.length, 0, 'nothing reached MAIL FROM');
    await assert.rejects(current.outbox.queue(ACCOUNT_ID, large), /accepts at most/);
  });
});

describe('a send that could not start', { timeout: TEST_TIMEOUT_MS }, () => {
  test('keeps the server’s words after a label in the reader’s language, and the English reason as it was', async () => {
    const reply = '421 4.7.0 Try again later, closing connection';
    // What the sender may throw before any result: an SMTP error with the server's reply as its detail.
    const refused = new SmtpError('SERVER_TEMPORARY', 'The server has a temporary problem. Try again later.', { response: reply });
    fixture = await startOutboxFixture({}, () => Promise.reject(refused));
    const entry = await fixture.outbox.queue(ACCOUNT_ID, MESSAGE);
    const [result] = await fixture.outbox.flush();
    assert.equal(result?.id, entry.id);
    assert.equal(result.state, 'failed');
    assert.equal(result.reason, `The server has a temporary problem. Try again later. (Server said: ${reply})`);
    const words = result.reasonWords ?? assert.fail('the reason has no words');
    assert.equal(sayOutboxReason(createTranslator('en').t, words), result.reason);
    assert.ok(sayOutboxReason(createTranslator('de').t, words).endsWith(`(Antwort des Servers: ${reply})`), sayOutboxReason(createTranslator('de').t, words));
    assert.ok(sayOutboxReason(createTranslator('ar').t, words).endsWith(`(قال الخادم: ${reply})`), sayOutboxReason(createTranslator('ar').t, words));
  });
});
