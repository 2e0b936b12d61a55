/**
 * Mailbag's SMTP engine, on nodemailer (SMTPConnection for the session, MailComposer for MIME). The
 * single public entry; imports only Node built-ins, nodemailer and `shared/`.
 *
 * Typical use (the Outbox):
 * ```ts
 * const composed = await composeMessage(outgoing);             // raw bytes + envelope + Message-ID
 * const outcome = await sendMessage({ connection, credentials, message: composed, skipRecipients });
 * switch (outcome.kind) { case 'sent': … case 'partial': … case 'ambiguous': … case 'failed': … }
 * ```
 * - Security: implicit TLS (RFC 8314), required STARTTLS (RFC 3207), plaintext only as `security: 'none'`;
 *   certificates verified (TLS ≥ 1.2, optional extra CA) or matched against a pinned SHA-256 fingerprint.
 * - AUTH PLAIN, LOGIN, CRAM-MD5, XOAUTH2 (RFC 4954); EHLO with HELO fallback; SIZE (RFC 1870),
 *   8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531) honoured.
 * - Per-recipient results; accepted recipients of an earlier attempt are skipped on retry.
 * - Errors are `SmtpError` (a `MailbagError`) with `response`, `responseCode`, `enhancedStatus`,
 *   `command`; outcomes carry them as `SmtpErrorData`.
 * - The transcript (commands and replies, AUTH payloads redacted, never message data) goes to
 *   `transcript` of the connect options.
 */
export { composeCheckedMessage, composeMessage, hasBccField, type ComposedMessage } from './compose';
export { buildReadReceipt } from './mdn';
export { sendMessage, type SmtpOutgoing, type SmtpRecipientResult, type SmtpSendOutcome } from './send';
export { probeSmtp, type SmtpProbeOutcome } from './probe';
export { connectSmtp } from './session';
export { DEFAULT_SMTP_TIMEOUTS, type SmtpConnectOptions, type SmtpCredentials, type SmtpPasswordMechanism, type SmtpSecurity } from './options';
export { SmtpError, smtpErrorData, type SmtpErrorData } from './errors';
export { REDACTED, type TranscriptEntry, type TranscriptSink } from '../transcript';
export * as smtpConstants from './constants';
