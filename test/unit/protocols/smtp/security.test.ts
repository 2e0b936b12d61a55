/**
 * TLS and sign-in against a fake server: STARTTLS required means no credentials ever cross in plaintext,
 * certificates are verified (or matched to a pinned fingerprint), AUTH payloads never reach the
 * transcript, and refusals map to AUTH_FAILED / AUTH_UNSUPPORTED / TLS_CERTIFICATE / TLS_REQUIRED.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  REDACTED,
  sendMessage,
  type SmtpConnectOptions,
  type SmtpCredentials,
  type SmtpSendOutcome,
  type TranscriptEntry,
} from '../../../../electron/protocols/smtp';
import { tlsFixture, type TlsFixture } from '../../../fakes/pop3/tls-fixture';
import { startFakeSmtpServer, type FakeSmtpOptions, type FakeSmtpServer } from '../../../fakes/smtp-server';
import { composeSample, fakeConnection, UNIT_TEST_TIMEOUT_MS } from './helpers';

const USER = 'alice';
const PASSWORD = 'sw0rdf1sh-Ünïcode';
const PASSWORD_BASE64 = Buffer.from(PASSWORD).toString('base64');

interface Run {
  readonly outcome: SmtpSendOutcome;
  readonly server: FakeSmtpServer;
  readonly transcript: string;
}

async function run(options: FakeSmtpOptions, connection: Partial<SmtpConnectOptions>, credentials?: SmtpCredentials): Promise<Run> {
  const server = await startFakeSmtpServer(options);
  try {
    const entries: TranscriptEntry[] = [];
    const outcome = await sendMessage({
      connection: fakeConnection(server, entries, connection),
      ...(credentials === undefined ? {} : { credentials }),
      message: await composeSample(),
    });
    return { outcome, server, transcript: entries.map((entry) => `${entry.direction}: ${entry.text}`).join('\n') };
  } finally {
    await server.close();
  }
}

function errorCode(outcome: SmtpSendOutcome): string {
  return outcome.kind === 'sent' ? 'none' : outcome.error.code;
}

const password = (mechanism?: 'PLAIN' | 'LOGIN'): SmtpCredentials =>
  mechanism === undefined ? { type: 'password', username: USER, password: PASSWORD } : { type: 'password', username: USER, password: PASSWORD, mechanism };

describe('security', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  let certificates: TlsFixture;
  before(() => {
    certificates = tlsFixture();
  });

  test('STARTTLS, verified against the extra CA, then AUTH PLAIN; the transcript hides the payload', async () => {
    const result = await run(
      { tls: 'starttls', certificate: certificates.server, auth: { user: USER, password: PASSWORD }, extensions: ['8BITMIME'] },
      { security: 'starttls', ca: certificates.ca },
      password(),
    );
    assert.equal(result.outcome.kind, 'sent', result.transcript);
    assert.equal(result.outcome.server?.encrypted, true);
    assert.equal(result.outcome.server?.mechanism, 'PLAIN');
    assert.match(result.transcript, /client: AUTH PLAIN <redacted>/);
    assert.doesNotMatch(result.transcript, new RegExp(PASSWORD_BASE64.slice(0, 8)));
    assert.doesNotMatch(result.transcript, /sw0rdf1sh/);
  });

  test('AUTH LOGIN: both the user name and the password lines are redacted', async () => {
    const result = await run(
      { tls: 'starttls', certificate: certificates.server, auth: { user: USER, password: PASSWORD } },
      { security: 'starttls', ca: certificates.ca },
      password('LOGIN'),
    );
    assert.equal(result.outcome.kind, 'sent', result.transcript);
    const clientLines = result.transcript.split('\n').filter((line) => line.startsWith('client:'));
    const auth = clientLines.findIndex((line) => line === 'client: AUTH LOGIN');
    assert.notEqual(auth, -1, result.transcript);
    assert.deepEqual(clientLines.slice(auth + 1, auth + 3), [`client: ${REDACTED}`, `client: ${REDACTED}`]);
    assert.doesNotMatch(result.transcript, new RegExp(PASSWORD_BASE64.slice(0, 8)));
  });

  test('STARTTLS required but not offered: TLS_REQUIRED, and no credentials are sent', async () => {
    const result = await run({ tls: 'none', auth: { user: USER, password: PASSWORD } }, { security: 'starttls' }, password());
    assert.equal(errorCode(result.outcome), 'TLS_REQUIRED', result.transcript);
    assert.equal(
      result.server.lines.some((line) => /^AUTH/i.test(line)),
      false,
    );
    assert.equal(
      result.server.lines.some((line) => line.includes(PASSWORD_BASE64)),
      false,
    );
  });

  test('plaintext only by explicit choice: security "none" signs in without TLS', async () => {
    const result = await run({ tls: 'none', auth: { user: USER, password: PASSWORD } }, { security: 'none' }, password());
    assert.equal(result.outcome.kind, 'sent', result.transcript);
    assert.equal(result.outcome.server?.encrypted, false);
  });

  test('a wrong password is AUTH_FAILED with the server reply', async () => {
    const result = await run(
      { tls: 'starttls', certificate: certificates.server, auth: { user: USER, password: 'other' } },
      { security: 'starttls', ca: certificates.ca },
      password(),
    );
    assert.equal(result.outcome.kind, 'failed');
    if (result.outcome.kind !== 'failed') return;
    assert.equal(result.outcome.error.code, 'AUTH_FAILED');
    assert.equal(result.outcome.error.responseCode, 535);
    assert.deepEqual(
      result.outcome.recipients.map((recipient) => recipient.status),
      ['not-attempted'],
    );
  });

  test('credentials for a server that offers no AUTH: AUTH_UNSUPPORTED before anything is sent', async () => {
    const result = await run({ tls: 'none' }, { security: 'none' }, password());
    assert.equal(errorCode(result.outcome), 'AUTH_UNSUPPORTED');
    assert.equal(
      result.server.lines.some((line) => /^(AUTH|MAIL)/i.test(line)),
      false,
    );
  });

  test('XOAUTH2 sends the caller’s token and maps a refusal to AUTH_FAILED', async () => {
    const token = 'ya29.test-token';
    const xoauth: FakeSmtpOptions = {
      tls: 'implicit',
      certificate: certificates.server,
      extensions: ['AUTH XOAUTH2'],
      handlers: {
        AUTH(connection, args) {
          const payload = Buffer.from(args.split(' ')[1] ?? '', 'base64').toString('utf8');
          if (payload === `user=${USER}\x01auth=Bearer ${token}\x01\x01`) return connection.reply('235 2.7.0 Accepted');
          connection.reply('334 eyJzdGF0dXMiOiI0MDEifQ==');
          connection.expectLine(() => connection.reply('535 5.7.8 Username and Password not accepted'));
        },
      },
    };
    const ok = await run(xoauth, { security: 'tls', ca: certificates.ca }, { type: 'oauth2', username: USER, accessToken: token });
    assert.equal(ok.outcome.kind, 'sent', ok.transcript);
    assert.equal(ok.outcome.server?.mechanism, 'XOAUTH2');
    assert.doesNotMatch(ok.transcript, /ya29/);
    assert.doesNotMatch(ok.transcript, new RegExp(Buffer.from(`user=${USER}\x01auth=Bearer`).toString('base64').slice(0, 12)));
    const refused = await run(xoauth, { security: 'tls', ca: certificates.ca }, { type: 'oauth2', username: USER, accessToken: 'expired' });
    assert.equal(errorCode(refused.outcome), 'AUTH_FAILED', refused.transcript);
  });

  test('implicit TLS with an untrusted certificate: TLS_CERTIFICATE with the fingerprint, no credentials sent', async () => {
    const result = await run(
      { tls: 'implicit', certificate: certificates.selfSigned, auth: { user: USER, password: PASSWORD } },
      { security: 'tls' },
      password(),
    );
    assert.equal(result.outcome.kind, 'failed');
    if (result.outcome.kind !== 'failed') return;
    assert.equal(result.outcome.error.code, 'TLS_CERTIFICATE');
    assert.equal(result.outcome.error.certificateFingerprint256, certificates.selfSigned.fingerprint256);
    assert.equal(
      result.server.lines.some((line) => /^AUTH/i.test(line)),
      false,
    );
  });

  test('a certificate for another host name is refused', async () => {
    const result = await run({ tls: 'implicit', certificate: certificates.wrongHost }, { security: 'tls', ca: certificates.ca });
    assert.equal(errorCode(result.outcome), 'TLS_CERTIFICATE');
  });

  test('a pinned fingerprint accepts exactly that certificate, and refuses a valid but different one', async () => {
    const pinned = await run(
      { tls: 'implicit', certificate: certificates.selfSigned },
      { security: 'tls', pinnedFingerprint256: certificates.selfSigned.fingerprint256 },
    );
    assert.equal(pinned.outcome.kind, 'sent', pinned.transcript);
    const other = await run(
      { tls: 'implicit', certificate: certificates.server },
      { security: 'tls', ca: certificates.ca, pinnedFingerprint256: certificates.selfSigned.fingerprint256 },
    );
    assert.equal(errorCode(other.outcome), 'TLS_CERTIFICATE');
  });

  test('STARTTLS to a server whose certificate chains to an unknown CA: TLS_CERTIFICATE', async () => {
    const result = await run(
      { tls: 'starttls', certificate: certificates.server, auth: { user: USER, password: PASSWORD } },
      { security: 'starttls' },
      password(),
    );
    assert.equal(errorCode(result.outcome), 'TLS_CERTIFICATE');
    assert.equal(
      result.server.lines.some((line) => /^AUTH/i.test(line)),
      false,
    );
  });
});
