/**
 * TLS and sign-in against a real Postfix with Dovecot SASL: STARTTLS and implicit TLS with every password
 * mechanism Dovecot offers, plaintext only when chosen, a wrong CA and a wrong password refused with the
 * right codes. The wrong password runs last: Dovecot slows later logins from the same address after it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { composeMessage, sendMessage, type ComposedMessage, type SmtpSendOutcome, type TranscriptEntry } from '../../../electron/protocols/smtp';
import { startPostfix, type PostfixServer } from '../../servers/postfix';
import { accountCredentials, POSTFIX_TEST_TIMEOUT_MS, postfixConnection } from './support';

function code(outcome: SmtpSendOutcome): string {
  return outcome.kind === 'sent' ? 'sent' : `${outcome.kind}:${outcome.error.code}`;
}

describe('Postfix security', { timeout: POSTFIX_TEST_TIMEOUT_MS }, () => {
  let server: PostfixServer;
  let message: ComposedMessage;
  before(async () => {
    server = await startPostfix();
    message = await composeMessage({ from: { address: 'alice@example.test' }, to: [{ address: 'bob@example.test' }], subject: 'security', text: 'hi\n' });
  });
  after(() => server?.stop());

  for (const mechanism of ['SCRAM-SHA-256', 'PLAIN', 'LOGIN', 'CRAM-MD5'] as const) {
    test(`STARTTLS with AUTH ${mechanism} sends`, async () => {
      const outcome = await sendMessage({ connection: postfixConnection(server, 'starttls'), credentials: accountCredentials(server, mechanism), message });
      assert.equal(code(outcome), 'sent', JSON.stringify(outcome));
      assert.equal(outcome.server?.mechanism, mechanism);
      assert.equal(outcome.server?.encrypted, true);
      assert.match(outcome.server?.tlsProtocol ?? '', /^TLSv1\.[23]$/);
    });
  }

  test('implicit TLS sends, signing in with SCRAM-SHA-256 when the engine chooses', async () => {
    const outcome = await sendMessage({ connection: postfixConnection(server, 'tls'), credentials: accountCredentials(server), message });
    assert.equal(code(outcome), 'sent', JSON.stringify(outcome));
    assert.equal(outcome.server?.mechanism, 'SCRAM-SHA-256');
  });

  test('STARTTLS required on a port that does not offer it: TLS_REQUIRED, no AUTH attempted', async () => {
    const transcript: TranscriptEntry[] = [];
    const outcome = await sendMessage({
      connection: { ...postfixConnection(server, 'starttls', {}, transcript), port: server.plainPort },
      credentials: accountCredentials(server),
      message,
    });
    assert.equal(code(outcome), 'failed:TLS_REQUIRED');
    assert.equal(
      transcript.some((entry) => entry.direction === 'client' && entry.text.startsWith('AUTH')),
      false,
    );
  });

  test('plaintext works only as the explicit choice "none"', async () => {
    const outcome = await sendMessage({ connection: postfixConnection(server, 'none'), credentials: accountCredentials(server), message });
    assert.equal(code(outcome), 'sent', JSON.stringify(outcome));
    assert.equal(outcome.server?.encrypted, false);
  });

  test('a certificate from another CA: TLS_CERTIFICATE with the fingerprint, on both TLS ports', async () => {
    for (const security of ['starttls', 'tls'] as const) {
      const outcome = await sendMessage({
        connection: postfixConnection(server, security, { ca: server.otherCaPem }),
        credentials: accountCredentials(server),
        message,
      });
      assert.equal(code(outcome), 'failed:TLS_CERTIFICATE');
      if (outcome.kind === 'failed') assert.match(outcome.error.certificateFingerprint256 ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    }
  });

  test('a wrong password: AUTH_FAILED with the server reply', async () => {
    const outcome = await sendMessage({
      connection: postfixConnection(server, 'starttls'),
      credentials: { type: 'password', username: server.user, password: 'wrong password' },
      message,
    });
    assert.equal(code(outcome), 'failed:AUTH_FAILED');
    if (outcome.kind === 'failed') assert.equal(outcome.error.responseCode, 535);
  });
});
