import { CONNECT_TIMEOUT_MS, DEFAULT_CLIENT_NAME, GREETING_TIMEOUT_MS, REPLY_TIMEOUT_MS } from './constants';
import type { TranscriptSink } from '../transcript';

/**
 * How the connection is secured: `tls` is implicit TLS on connect (RFC 8314 §3.3, port 465);
 * `starttls` requires a successful STARTTLS before anything else (RFC 3207, port 587); `none` is
 * plaintext, only by the account's explicit, visible insecure choice.
 */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

/** Per-phase timeouts in milliseconds. */
export interface SmtpTimeouts {
  readonly connect: number;
  readonly greeting: number;
  /** Inactivity bound on every reply, including the one after the final ".". */
  readonly reply: number;
}

/** The default timeouts (see constants.ts). */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = Object.freeze({
  connect: CONNECT_TIMEOUT_MS,
  greeting: GREETING_TIMEOUT_MS,
  reply: REPLY_TIMEOUT_MS,
});

/** Where and how to connect. Plain data except `transcript` and `signal`. */
export interface SmtpConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  /** Extra trusted CA certificates (PEM), added to the system roots. */
  readonly ca?: string;
  /**
   * The user's certificate exception: SHA-256 fingerprint (hex, colons optional) of the one certificate
   * accepted for this host and port although it does not verify. Any other certificate is refused.
   */
  readonly pinnedFingerprint256?: string;
  /** Name checked against the certificate and sent as SNI; defaults to `host`. */
  readonly servername?: string;
  /** The EHLO/HELO name; defaults to an address literal, which reveals nothing about the machine. */
  readonly clientName?: string;
  readonly timeouts?: Partial<SmtpTimeouts>;
  readonly transcript?: TranscriptSink;
  /** Cancels the session. After the final "." a cancel yields an ambiguous outcome, never a silent loss. */
  readonly signal?: AbortSignal;
}

/**
 * Credentials: a password (AUTH SCRAM-SHA-256, PLAIN, LOGIN or CRAM-MD5, RFC 4954 §4) or an OAuth 2
 * access token supplied by the caller (OAUTHBEARER of RFC 7628, or XOAUTH2). `mechanism` forces one
 * mechanism; otherwise the engine picks the best the server offers. No credentials means an
 * unauthenticated session (a relay on the local network).
 */
export type SmtpCredentials =
  | { readonly type: 'password'; readonly username: string; readonly password: string; readonly mechanism?: SmtpPasswordMechanism }
  | { readonly type: 'oauth2'; readonly username: string; readonly accessToken: string; readonly mechanism?: SmtpTokenMechanism };

/** SASL mechanisms that work from a password. */
export type SmtpPasswordMechanism = 'SCRAM-SHA-256' | 'PLAIN' | 'LOGIN' | 'CRAM-MD5';
/** SASL mechanisms that carry an OAuth 2.0 bearer token. */
export type SmtpTokenMechanism = 'OAUTHBEARER' | 'XOAUTH2';
/** Every SASL mechanism the engine can use. */
export type SmtpAuthMechanism = SmtpPasswordMechanism | SmtpTokenMechanism;

/** Fills in defaults for anything not overridden. */
export function resolveSmtpTimeouts(overrides: Partial<SmtpTimeouts> | undefined): SmtpTimeouts {
  return { ...DEFAULT_SMTP_TIMEOUTS, ...overrides };
}

/** The EHLO name to use. */
export function clientName(options: SmtpConnectOptions): string {
  return options.clientName ?? DEFAULT_CLIENT_NAME;
}
