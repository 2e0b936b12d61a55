import { accountSettingsSchema, defaultPolicy, type AccountSettings, type AccountSettingsInput } from '../../shared/accounts';
import type { DovecotServer } from './dovecot';
import type { PostfixServer } from './postfix';

/** The port of the outgoing server of an account whose tests never send (nothing listens there). */
const UNUSED_SUBMISSION_PORT = 587;

function aliceAccount(
  server: { readonly host: string; readonly pop3Port: number; readonly smtpPort: number; readonly user: string; readonly caPem: string },
  overrides: Partial<AccountSettingsInput>,
): AccountSettings {
  return accountSettingsSchema.parse({
    name: 'Alice',
    displayName: 'Alice Example',
    address: 'alice@example.test',
    identities: [],
    incoming: { host: server.host, port: server.pop3Port, security: 'tls', username: server.user, auth: 'auto', caPem: server.caPem },
    outgoing: { host: server.host, port: server.smtpPort, security: 'starttls', username: server.user, credentials: 'same', caPem: server.caPem },
    policy: defaultPolicy(false),
    allowInsecure: false,
    ...overrides,
  });
}

/**
 * Alice's account on a test Dovecot as a user types it: POP3 over TLS, signing in as the server's
 * test user, trusting the test CA; its outgoing server is never used.
 */
export function aliceOnDovecot(server: DovecotServer, overrides: Partial<AccountSettingsInput> = {}): AccountSettings {
  return aliceAccount(
    { host: server.host, pop3Port: server.tlsPort, smtpPort: UNUSED_SUBMISSION_PORT, user: server.user, caPem: server.certificates.caPem },
    overrides,
  );
}

/** Alice's account on a test Postfix and its Dovecot: POP3 over TLS, submission with STARTTLS, the test CA. */
export function aliceOnPostfix(server: PostfixServer, overrides: Partial<AccountSettingsInput> = {}): AccountSettings {
  return aliceAccount(
    { host: server.host, pop3Port: server.dovecot.tlsPort, smtpPort: server.submissionPort, user: server.user, caPem: server.caPem },
    overrides,
  );
}
