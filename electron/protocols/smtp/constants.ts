/**
 * Named limits and timeouts of the SMTP engine. RFC 5321 §4.5.3.2 suggests server-patient minimums
 * (5 minutes for most replies, 10 after the final "."); a desktop client that a user watches uses
 * shorter ones, except after the final ".", where giving up early turns a delivered message into an
 * ambiguous one.
 */

/** TCP connect (and, for implicit TLS, the handshake). */
export const CONNECT_TIMEOUT_MS = 30_000;
/** From connection to the 220 greeting (RFC 5321 §4.5.3.2.1 allows servers 5 minutes; few need it). */
export const GREETING_TIMEOUT_MS = 30_000;
/** Any reply during the session, including the one after the final "." (RFC 5321 §4.5.3.2.6). */
export const REPLY_TIMEOUT_MS = 120_000;
/** How long QUIT may take before the socket is simply closed. */
export const QUIT_TIMEOUT_MS = 5_000;
/** Largest single server reply accepted. */
export const MAX_REPLY_BYTES = 64 * 1024;
/** The name sent with EHLO/HELO when the caller gives none (an address literal is always valid, RFC 5321 §4.1.4). */
export const DEFAULT_CLIENT_NAME = '[127.0.0.1]';
