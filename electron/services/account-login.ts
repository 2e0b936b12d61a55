/**
 * Turning an account's settings into engine connections, and the logins that prove a password works
 * before it is stored. The only module of the account service that touches the protocol engines.
 */
import type { AccountSettings } from '../../shared/accounts';
import { MailbagError } from '../../shared/errors';
import {
  connectAndSignIn,
  type Pop3AuthMechanism,
  type Pop3ConnectOptions,
  type Pop3Credentials,
  type Pop3Timeouts,
  type TranscriptSink,
} from '../protocols/pop3';
import { assertCanLeaveMail, optionalCommands } from '../protocols/pop3/probe';
import { probeInWorker } from '../workers/smtp-client';
import { type SmtpConnectOptions, type SmtpCredentials, type SmtpProbeOutcome, type TranscriptSink as SmtpTranscriptSink } from '../protocols/smtp';

/** Bound on each phase of a verification login, shorter than a receive's: the user is waiting. */
export const VERIFY_TIMEOUT_MS = 20_000;

/** Options shared by the verification logins and the doctor. */
export interface LoginOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly transcript?: TranscriptSink;
}

/** The pinned fingerprint of a server, if the user accepted its certificate for this host and port. */
function pinFor(server: AccountSettings['incoming'] | AccountSettings['outgoing']): string | undefined {
  const pin = server.pinnedCertificate;
  return pin !== undefined && pin.host === server.host && pin.port === server.port ? pin.fingerprint256 : undefined;
}

/** The POP3 engine's connection options for an account (plaintext sign-in only with `allowInsecure`). */
export function pop3ConnectOptions(settings: AccountSettings, options: LoginOptions = {}): Pop3ConnectOptions {
  const incoming = settings.incoming;
  const pin = pinFor(incoming);
  const timeoutMs = options.timeoutMs ?? VERIFY_TIMEOUT_MS;
  const timeouts: Partial<Pop3Timeouts> = { connect: timeoutMs, tlsHandshake: timeoutMs, greeting: timeoutMs, command: timeoutMs, quit: timeoutMs };
  return {
    host: incoming.host,
    port: incoming.port,
    security: incoming.security,
    allowInsecureAuth: incoming.security === 'none' && settings.allowInsecure,
    timeouts,
    ...(incoming.caPem === undefined ? {} : { ca: incoming.caPem }),
    ...(pin === undefined ? {} : { pinnedFingerprint256: pin }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.transcript === undefined ? {} : { transcript: options.transcript }),
  };
}

/** The mechanisms to allow: all (engine's choice) or the one the user forced. */
export function pop3Mechanisms(settings: AccountSettings): readonly Pop3AuthMechanism[] | undefined {
  return settings.incoming.auth === 'auto' ? undefined : [settings.incoming.auth];
}

/**
 * Signs in to the POP3 server with `password` and quits without touching the mailbox; rejects with the
 * engine's error (AUTH_FAILED, TLS_CERTIFICATE, NETWORK…) when that is not possible, and refuses a
 * policy that leaves mail on a server with neither UIDL nor TOP (see `assertCanLeaveMail`). RFC 1939
 * section 6: a QUIT right after sign-in deletes nothing.
 */
export async function verifyPop3Login(settings: AccountSettings, password: string, options: LoginOptions = {}): Promise<void> {
  const mechanisms = pop3Mechanisms(settings);
  await verifyPop3With(settings, { username: settings.incoming.username, password, ...(mechanisms === undefined ? {} : { mechanisms }) }, options);
}

/**
 * Signs in to the POP3 server with a provider's access token (OAUTHBEARER or XOAUTH2, whichever the
 * server offers, RFC 7628) and quits, with the same checks as {@link verifyPop3Login}.
 */
export async function verifyPop3Token(settings: AccountSettings, accessToken: string, options: LoginOptions = {}): Promise<void> {
  await verifyPop3With(settings, { username: settings.incoming.username, oauth2Token: accessToken }, options);
}

async function verifyPop3With(settings: AccountSettings, credentials: Pop3Credentials, options: LoginOptions): Promise<void> {
  const { session } = await connectAndSignIn(pop3ConnectOptions(settings, options), credentials);
  try {
    const keepsMail = settings.policy.leaveOnServer.mode !== 'never';
    if (keepsMail) assertCanLeaveMail(await optionalCommands(session), keepsMail);
  } catch (error) {
    session.close();
    throw error;
  }
  await session.quit();
}

/** The SMTP engine's connection options for an account's outgoing server. */
export function smtpConnectOptions(settings: AccountSettings, options: LoginOptions = {}): SmtpConnectOptions {
  const outgoing = settings.outgoing;
  const pin = pinFor(outgoing);
  const timeoutMs = options.timeoutMs ?? VERIFY_TIMEOUT_MS;
  const transcript: SmtpTranscriptSink | undefined = options.transcript;
  return {
    host: outgoing.host,
    port: outgoing.port,
    security: outgoing.security,
    timeouts: { connect: timeoutMs, greeting: timeoutMs, reply: timeoutMs },
    ...(outgoing.caPem === undefined ? {} : { ca: outgoing.caPem }),
    ...(pin === undefined ? {} : { pinnedFingerprint256: pin }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(transcript === undefined ? {} : { transcript }),
  };
}

/** The SMTP credentials of an account for `password` (none without a password, or when the server needs no sign-in). */
export function smtpCredentials(settings: AccountSettings, password: string | undefined): SmtpCredentials | undefined {
  if (settings.outgoing.credentials === 'none') return undefined;
  if (password === undefined) return undefined;
  const forced = settings.outgoing.auth;
  return forced === undefined || forced === 'auto'
    ? { type: 'password', username: settings.outgoing.username, password }
    : { type: 'password', username: settings.outgoing.username, password, mechanism: forced };
}

/** The SMTP credentials of an account that signs in with its provider: the access token (XOAUTH2 or OAUTHBEARER). */
export function smtpTokenCredentials(settings: AccountSettings, accessToken: string): SmtpCredentials | undefined {
  if (settings.outgoing.credentials === 'none') return undefined;
  return { type: 'oauth2', username: settings.outgoing.username, accessToken };
}

/**
 * Connects to the SMTP server, checks TLS, reads EHLO and signs in with `password` (when given), then
 * quits; never throws, the outcome says what happened. The session runs in an SMTP worker, so account
 * setup, the doctor and compose's SIZE question never put network waits on the calling thread.
 */
export function probeOutgoing(settings: AccountSettings, password: string | undefined, options: LoginOptions = {}): Promise<SmtpProbeOutcome> {
  return probeWith(settings, smtpCredentials(settings, password), options);
}

/** {@link probeOutgoing} with credentials of any kind (a provider's access token for the doctor). */
export function probeWith(settings: AccountSettings, credentials: SmtpCredentials | undefined, options: LoginOptions = {}): Promise<SmtpProbeOutcome> {
  const { transcript, signal, ...connection } = smtpConnectOptions(settings, options);
  return probeInWorker(connection, credentials, {
    transcript: transcript !== undefined,
    onEvent: (event) => {
      if (event.type === 'transcript') transcript?.(event.entry);
    },
    ...(signal === undefined ? {} : { signal }),
  });
}

/** Signs in to the SMTP server with `password`; rejects with the server's error as a MailbagError. */
export async function verifySmtpLogin(settings: AccountSettings, password: string, options: LoginOptions = {}): Promise<void> {
  const outcome = await probeOutgoing(settings, password, options);
  if (!outcome.ok) {
    throw MailbagError.fromData(outcome.error);
  }
}

/** Signs in to the SMTP server with a provider's access token; rejects with the server's error as a MailbagError. */
export async function verifySmtpToken(settings: AccountSettings, accessToken: string, options: LoginOptions = {}): Promise<void> {
  const outcome = await probeWith(settings, smtpTokenCredentials(settings, accessToken), options);
  if (!outcome.ok) throw MailbagError.fromData(outcome.error);
}
