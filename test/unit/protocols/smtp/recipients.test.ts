/**
 * Per-recipient results against a fake server: one recipient refused is a partial success, the message
 * goes to the accepted ones only, and a retry skips those that already accepted it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendMessage, type TranscriptEntry } from '../../../../electron/protocols/smtp';
import { startFakeSmtpServer, type FakeSmtpOptions } from '../../../fakes/smtp-server';
import { composeSample, fakeConnection, UNIT_TEST_TIMEOUT_MS } from './helpers';

const THREE = { to: [{ address: 'bob@example.test' }, { address: 'reject@example.test' }], cc: [{ address: 'carol@example.test' }] };

async function withServer<T>(options: FakeSmtpOptions, run: (server: Awaited<ReturnType<typeof startFakeSmtpServer>>) => Promise<T>): Promise<T> {
  const server = await startFakeSmtpServer(options);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

const refuseOne: FakeSmtpOptions = {
  handlers: {
    RCPT(connection, args) {
      if (args.includes('reject@')) return connection.reply('550 5.1.1 <reject@example.test>: Recipient address rejected');
      connection.transaction?.recipients.push(/<([^>]*)>/.exec(args)?.[1] ?? '');
      connection.reply('250 2.1.5 Ok');
    },
  },
};

describe('recipients', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  test('one refused recipient is a partial success, reported recipient by recipient', async () => {
    await withServer(refuseOne, async (server) => {
      const message = await composeSample(THREE);
      const outcome = await sendMessage({ connection: fakeConnection(server), message });
      assert.equal(outcome.kind, 'partial');
      assert.deepEqual(
        outcome.recipients.map((recipient) => [recipient.address, recipient.status, recipient.error?.code, recipient.error?.responseCode]),
        [
          ['bob@example.test', 'accepted', undefined, undefined],
          ['reject@example.test', 'refused', 'SERVER_PERMANENT', 550],
          ['carol@example.test', 'accepted', undefined, undefined],
        ],
      );
      if (outcome.kind !== 'partial') return;
      assert.equal(outcome.error.code, 'PARTIAL_FAILURE');
      assert.equal(outcome.recipients[1]?.error?.enhancedStatus, '5.1.1');
      assert.equal(outcome.recipients[1]?.error?.command, 'RCPT TO');
      assert.deepEqual(server.transactions[0]?.recipients, ['bob@example.test', 'carol@example.test']);
      assert.ok(server.transactions[0]?.data !== undefined);
    });
  });

  test('a retry never issues RCPT for recipients that already accepted', async () => {
    await withServer({}, async (server) => {
      const message = await composeSample(THREE);
      const outcome = await sendMessage({
        connection: fakeConnection(server),
        message,
        skipRecipients: ['bob@example.test', 'carol@example.test'],
      });
      assert.equal(outcome.kind, 'sent');
      assert.deepEqual(
        outcome.recipients.map((recipient) => [recipient.address, recipient.status]),
        [
          ['bob@example.test', 'skipped'],
          ['reject@example.test', 'accepted'],
          ['carol@example.test', 'skipped'],
        ],
      );
      assert.deepEqual(
        server.lines.filter((line) => line.startsWith('RCPT')),
        ['RCPT TO:<reject@example.test>'],
      );
    });
  });

  test('a retry with every recipient already accepted does not connect at all', async () => {
    await withServer({}, async (server) => {
      const message = await composeSample();
      const outcome = await sendMessage({ connection: fakeConnection(server), message, skipRecipients: ['bob@example.test'] });
      assert.equal(outcome.kind, 'sent');
      assert.equal(server.connections.length, 0);
    });
  });

  test('every recipient refused is a failure, each with its reason, and DATA is never sent', async () => {
    const options: FakeSmtpOptions = { handlers: { RCPT: (connection) => connection.reply('550 5.1.1 No such user') } };
    await withServer(options, async (server) => {
      const outcome = await sendMessage({ connection: fakeConnection(server), message: await composeSample(THREE) });
      assert.equal(outcome.kind, 'failed');
      if (outcome.kind !== 'failed') return;
      assert.equal(outcome.error.code, 'SERVER_PERMANENT');
      assert.equal(outcome.error.retryable, false);
      assert.deepEqual(
        outcome.recipients.map((recipient) => recipient.status),
        ['refused', 'refused', 'refused'],
      );
      assert.equal(server.lines.includes('DATA'), false);
    });
  });

  test('452 too many recipients is a temporary refusal of those recipients only', async () => {
    const options: FakeSmtpOptions = {
      handlers: {
        RCPT(connection, args) {
          if ((connection.transaction?.recipients.length ?? 0) >= 2) return connection.reply('452 4.5.3 Too many recipients');
          connection.transaction?.recipients.push(/<([^>]*)>/.exec(args)?.[1] ?? '');
          connection.reply('250 2.1.5 Ok');
        },
      },
    };
    await withServer(options, async (server) => {
      const outcome = await sendMessage({ connection: fakeConnection(server), message: await composeSample(THREE) });
      assert.equal(outcome.kind, 'partial');
      if (outcome.kind !== 'partial') return;
      const last = outcome.recipients[2];
      assert.equal(last?.status, 'refused');
      assert.equal(last?.error?.code, 'SERVER_TEMPORARY');
      assert.equal(last?.error?.retryable, true);
      assert.equal(outcome.error.retryable, true);
      const accepted = outcome.recipients.filter((recipient) => recipient.status === 'accepted').map((recipient) => recipient.address);
      // The retry the Outbox makes: only the deferred recipient.
      const retry = await sendMessage({ connection: fakeConnection(server), message: await composeSample(THREE), skipRecipients: accepted });
      assert.equal(retry.kind, 'sent');
      assert.deepEqual(server.transactions.at(-1)?.recipients, [last?.address]);
    });
  });

  test('the transcript shows the conversation, never the message data', async () => {
    await withServer({}, async (server) => {
      const transcript: TranscriptEntry[] = [];
      const message = await composeSample({ text: 'A very private body line.\n' });
      await sendMessage({ connection: fakeConnection(server, transcript), message });
      const text = transcript.map((entry) => entry.text).join('\n');
      assert.match(text, /MAIL FROM:<alice@example.test>/);
      assert.match(text, /RCPT TO:<bob@example.test>/);
      assert.doesNotMatch(text, /private body/);
      assert.doesNotMatch(text, /Subject:/);
    });
  });
});
