/**
 * A reply the client never asked for (sent before EHLO, or more replies than commands) desynchronises
 * SMTP: each later reply is read as the answer to the wrong command. The session is ended at once with
 * a plain explanation, before anything else is sent, never as a raw OpenSSL "wrong version number".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendMessage, type SmtpSendOutcome } from '../../../../electron/protocols/smtp';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { startFakeSmtpServer, type FakeSmtpOptions, type FakeSmtpServer } from '../../../fakes/smtp-server';
import { composeSample, fakeConnection, UNIT_TEST_TIMEOUT_MS } from './helpers';

async function send(options: FakeSmtpOptions, security: 'none' | 'starttls'): Promise<{ outcome: SmtpSendOutcome; server: FakeSmtpServer }> {
  const server = await startFakeSmtpServer(options);
  try {
    const message = await composeSample();
    const outcome = await sendMessage({ connection: fakeConnection(server, [], { security, ca: tlsFixture().ca }), message });
    return { outcome, server };
  } finally {
    await server.close();
  }
}

describe('unsolicited SMTP replies', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  test('a reply sent with the greeting, before EHLO, ends the session in plain words (STARTTLS)', async () => {
    const { outcome, server } = await send(
      { tls: 'starttls', certificate: tlsFixture().server, greeting: '220 fake.test ESMTP\r\n250-fake.test\r\n250 STARTTLS' },
      'starttls',
    );
    assert.notEqual(outcome.kind, 'sent');
    if (outcome.kind === 'sent') return;
    assert.equal(outcome.error.code, 'PROTOCOL_ERROR');
    assert.match(outcome.error.message, /before Mailbag asked/);
    assert.doesNotMatch(`${outcome.error.message} ${outcome.error.detail ?? ''}`, /wrong version number|SSL routines/i);
    assert.equal(server.transactions.length, 0);
  });

  test('a reply sent with the greeting, before EHLO, ends the session in plain words (no encryption)', async () => {
    const { outcome, server } = await send({ greeting: '220 fake.test ESMTP\r\n250 fake.test' }, 'none');
    assert.notEqual(outcome.kind, 'sent');
    if (outcome.kind === 'sent') return;
    assert.equal(outcome.error.code, 'PROTOCOL_ERROR');
    assert.match(outcome.error.message, /before Mailbag asked/);
    assert.equal(server.transactions.length, 0, 'nothing was sent');
  });
});

describe('SMTP server words in errors', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  test('a refusing greeting is a refused connection, and its links are not shown', async () => {
    const { outcome } = await send({ greeting: '554 5.7.1 Your password expired, re-enter it at http://evil.example/login or www.evil.example' }, 'none');
    assert.notEqual(outcome.kind, 'sent');
    if (outcome.kind === 'sent') return;
    assert.notEqual(outcome.error.code, 'AUTH_FAILED');
    const shown = `${outcome.error.message} ${outcome.error.detail ?? ''}`;
    assert.doesNotMatch(shown, /evil\.example|http/);
    assert.match(shown, /\[link removed\]/);
  });

  test('a refusal full of escape sequences is quoted plainly and cut short', async () => {
    const hostile = `554 5.7.1 \x1b]8;;http://evil.example/\x07${'C'.repeat(5_000)}`;
    const { outcome } = await send({ handlers: { MAIL: (connection) => connection.reply(hostile) } }, 'none');
    assert.notEqual(outcome.kind, 'sent');
    if (outcome.kind === 'sent') return;
    const shown = `${outcome.error.message} ${outcome.error.detail ?? ''}`;
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(shown, /[\u0000-\u001f\u007f-\u009f]/);
    assert.match(shown, /\\x1b\]8;;http:\/\/evil\.example\/\\x07CCC/);
    assert.ok(outcome.error.message.length < 400, `the message is cut (${outcome.error.message.length} characters)`);
  });
});
