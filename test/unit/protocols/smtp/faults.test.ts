/**
 * Faults from a scriptable server, each with the outcome the Outbox needs: a lost connection after the
 * final "." is ambiguous (may have been sent), 4yz is temporary, 5yz permanent, stalls time out, and
 * limits announced in EHLO are checked before MAIL FROM.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendMessage, type SmtpSendOutcome } from '../../../../electron/protocols/smtp';
import { startFakeSmtpServer, type FakeSmtpOptions, type FakeSmtpServer } from '../../../fakes/smtp-server';
import { composeSample, fakeConnection, SHORT_REPLY_TIMEOUT_MS, UNIT_TEST_TIMEOUT_MS } from './helpers';

async function send(
  options: FakeSmtpOptions,
  extra: { reply?: number; signal?: AbortSignal } = {},
): Promise<{ outcome: SmtpSendOutcome; server: FakeSmtpServer }> {
  const server = await startFakeSmtpServer(options);
  try {
    const message = await composeSample();
    const outcome = await sendMessage({
      connection: fakeConnection(server, [], {
        timeouts: { connect: 2_000, greeting: extra.reply ?? 2_000, reply: extra.reply ?? 2_000 },
        ...(extra.signal === undefined ? {} : { signal: extra.signal }),
      }),
      message,
    });
    return { outcome, server };
  } finally {
    await server.close();
  }
}

function errorOf(outcome: SmtpSendOutcome): { code: string; retryable: boolean; responseCode?: number; command?: string } {
  assert.notEqual(outcome.kind, 'sent');
  if (outcome.kind === 'sent') throw new Error('unreachable');
  return outcome.error;
}

describe('faults', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  test('421 at the greeting is a temporary failure and nothing is sent', async () => {
    const { outcome, server } = await send({ greeting: '421 4.3.2 Service not available, closing channel' });
    assert.equal(outcome.kind, 'failed');
    const error = errorOf(outcome);
    assert.equal(error.code, 'SERVER_TEMPORARY');
    assert.equal(error.retryable, true);
    assert.equal(error.responseCode, 421);
    assert.deepEqual(server.transactions, []);
  });

  test('a connection dropped after the final "." is ambiguous: the message may have been sent', async () => {
    const { outcome, server } = await send({ onData: (connection) => connection.drop() });
    assert.equal(outcome.kind, 'ambiguous');
    const error = errorOf(outcome);
    assert.equal(error.retryable, false);
    assert.deepEqual(
      outcome.recipients.map((recipient) => recipient.status),
      ['uncertain'],
    );
    assert.ok(server.transactions[0]?.data !== undefined, 'the server did receive the whole message');
  });

  test('a stall after the final "." times out as ambiguous, not as a plain failure', async () => {
    const { outcome } = await send({ onData: () => undefined }, { reply: SHORT_REPLY_TIMEOUT_MS });
    assert.equal(outcome.kind, 'ambiguous');
    assert.equal(errorOf(outcome).code, 'TIMEOUT');
  });

  test('cancelling while waiting for the reply to the final "." is ambiguous too', async () => {
    const controller = new AbortController();
    const { outcome } = await send(
      {
        onData: () => {
          setTimeout(() => controller.abort(), 50);
        },
      },
      { signal: controller.signal },
    );
    assert.equal(outcome.kind, 'ambiguous');
    assert.equal(errorOf(outcome).code, 'CANCELLED');
  });

  test('a connection dropped at DATA, before any message byte, is a definite retryable failure', async () => {
    const { outcome } = await send({ handlers: { DATA: (connection) => connection.drop() } });
    assert.equal(outcome.kind, 'failed');
    const error = errorOf(outcome);
    assert.equal(error.code, 'NETWORK');
    assert.equal(error.retryable, true);
  });

  test('451 after the final "." is temporary; 554 is permanent', async () => {
    const temporary = await send({ onData: (connection) => connection.reply('451 4.3.0 Error: queue file write error') });
    assert.equal(temporary.outcome.kind, 'failed');
    assert.deepEqual([errorOf(temporary.outcome).code, errorOf(temporary.outcome).retryable], ['SERVER_TEMPORARY', true]);
    const permanent = await send({ onData: (connection) => connection.reply('554 5.7.1 Message rejected as spam') });
    assert.equal(permanent.outcome.kind, 'failed');
    const error = errorOf(permanent.outcome);
    assert.deepEqual([error.code, error.retryable, error.responseCode, error.command], ['SERVER_PERMANENT', false, 554, 'DATA']);
  });

  test('550 to MAIL FROM is permanent', async () => {
    const { outcome } = await send({ handlers: { MAIL: (connection) => connection.reply('550 5.7.1 Sender not allowed') } });
    assert.equal(outcome.kind, 'failed');
    assert.equal(errorOf(outcome).code, 'SERVER_PERMANENT');
  });

  test('a refused connection is a retryable NETWORK failure', async () => {
    const closed = await startFakeSmtpServer();
    const port = closed.port;
    await closed.close();
    const outcome = await sendMessage({ connection: { host: '127.0.0.1', port, security: 'none' }, message: await composeSample() });
    assert.equal(outcome.kind, 'failed');
    assert.deepEqual([errorOf(outcome).code, errorOf(outcome).retryable], ['NETWORK', true]);
  });

  test('a server that never greets times out', async () => {
    const { outcome } = await send({ greeting: null }, { reply: SHORT_REPLY_TIMEOUT_MS });
    assert.equal(outcome.kind, 'failed');
    assert.equal(errorOf(outcome).code, 'TIMEOUT');
  });

  test('a HELO-only server still gets the message (RFC 5321 §3.2 fallback)', async () => {
    const { outcome, server } = await send({ extensions: null });
    assert.equal(outcome.kind, 'sent');
    assert.equal(outcome.server?.usedHelo, true);
    assert.ok(server.lines.some((line) => line.startsWith('HELO ')));
  });

  test('a message larger than the announced SIZE is refused before MAIL FROM', async () => {
    const { outcome, server } = await send({ extensions: ['SIZE 100', '8BITMIME'] });
    assert.equal(outcome.kind, 'failed');
    assert.equal(errorOf(outcome).code, 'SERVER_PERMANENT');
    assert.equal(outcome.server?.maxMessageSize, 100);
    assert.equal(
      server.lines.some((line) => line.startsWith('MAIL')),
      false,
    );
  });

  test('the SIZE parameter is declared with MAIL FROM when the server announces SIZE (RFC 1870)', async () => {
    const { outcome, server } = await send({ extensions: ['SIZE 1000000', '8BITMIME'] });
    assert.equal(outcome.kind, 'sent');
    assert.match(server.transactions[0]?.mailParameters ?? '', /SIZE=\d+/);
  });

  test('an internationalized local part is refused before MAIL FROM when the server lacks SMTPUTF8', async () => {
    const server = await startFakeSmtpServer({ extensions: ['8BITMIME'] });
    try {
      const message = await composeSample({ to: [{ address: 'jörg@example.test' }] });
      assert.equal(message.envelope.needsSmtpUtf8, true);
      const outcome = await sendMessage({ connection: fakeConnection(server), message });
      assert.equal(outcome.kind, 'failed');
      assert.match(errorOf(outcome).code, /SERVER_PERMANENT/);
      assert.equal(
        server.lines.some((line) => line.startsWith('MAIL')),
        false,
      );
    } finally {
      await server.close();
    }
  });

  test('with SMTPUTF8 an internationalized address is sent with the SMTPUTF8 parameter (RFC 6531)', async () => {
    const server = await startFakeSmtpServer({ extensions: ['8BITMIME', 'SMTPUTF8'] });
    try {
      const message = await composeSample({ to: [{ address: 'jörg@bücher.example' }] });
      const outcome = await sendMessage({ connection: fakeConnection(server), message });
      assert.equal(outcome.kind, 'sent');
      assert.match(server.transactions[0]?.mailParameters ?? '', /SMTPUTF8/);
      assert.deepEqual(server.transactions[0]?.recipients, ['jörg@xn--bcher-kva.example']);
    } finally {
      await server.close();
    }
  });
});
