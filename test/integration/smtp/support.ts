/** Helpers for the SMTP tests against a real Postfix. */
import type { SmtpConnectOptions, SmtpCredentials, SmtpPasswordMechanism, SmtpSecurity, TranscriptEntry } from '../../../electron/protocols/smtp';
import type { PostfixServer } from '../../servers/postfix';

/** Bound for each test against the real servers (Postfix and Dovecot start-up, delivery, shutdown). */
export const POSTFIX_TEST_TIMEOUT_MS = 90_000;

/** The port of each security mode: submission for STARTTLS, smtps for implicit TLS, the plain port otherwise. */
export function postfixConnection(
  server: PostfixServer,
  security: SmtpSecurity,
  overrides: Partial<SmtpConnectOptions> = {},
  transcript?: TranscriptEntry[],
): SmtpConnectOptions {
  const port = security === 'tls' ? server.smtpsPort : security === 'starttls' ? server.submissionPort : server.plainPort;
  return {
    host: server.host,
    port,
    security,
    ca: server.caPem,
    timeouts: { connect: 10_000, greeting: 10_000, reply: 30_000 },
    ...(transcript === undefined ? {} : { transcript: (entry: TranscriptEntry) => transcript.push(entry) }),
    ...overrides,
  };
}

/** The test account's password credentials, optionally forcing a mechanism. */
export function accountCredentials(server: PostfixServer, mechanism?: SmtpPasswordMechanism): SmtpCredentials {
  return mechanism === undefined
    ? { type: 'password', username: server.user, password: server.password }
    : { type: 'password', username: server.user, password: server.password, mechanism };
}
