import { englishMessage } from '../../../shared/error-words';
import { ERROR_CODES, MailbagError, type ErrorData, type ErrorWords } from '../../../shared/errors';
import { serverTextForDisplay, withoutLinks } from '../../../shared/terminal-text';
import { serverSaid, SessionError, type SessionErrorCode, type SessionErrorFacts } from '../session-error';
import { connectionProblemOf, connectionProblemWords, systemCodeOf } from '../../../shared/connection-words';
import { certificateReasonOf } from '../../../shared/certificate-reasons';
import { CERTIFICATE_ERROR_CODES, unverifiedCertificateWords } from '../tls-trust';

/** The codes an SMTP session can fail with; a subset of the shared table in `shared/errors.ts`. */
export type SmtpErrorCode = SessionErrorCode | 'PARTIAL_FAILURE' | 'INTERNAL';

/**
 * Facts attached to an SMTP error (nodemailer style); none may contain a secret. `response` is the
 * reply as received (multi-line replies joined by newlines); `command` a verb such as `RCPT TO`.
 */
export interface SmtpErrorDetails extends SessionErrorFacts {
  /** The basic reply code (RFC 5321 §4.2), such as 550. */
  readonly responseCode?: number;
  /** The enhanced status code (RFC 3463), such as `5.1.1`, when the server sent one. */
  readonly enhancedStatus?: string;
  /** The system's own words (e.g. "connect ECONNREFUSED 127.0.0.1:587"): the detail when no server reply is at hand. */
  readonly technical?: string;
}

/** An SMTP error as plain data, for the worker boundary and the Outbox. */
export interface SmtpErrorData extends ErrorData {
  readonly code: SmtpErrorCode;
  readonly retryable: boolean;
  readonly response?: string;
  readonly responseCode?: number;
  readonly enhancedStatus?: string;
  readonly command?: string;
  readonly certificateFingerprint256?: string;
}

/** Reads the RFC 3463 enhanced status code right after the basic code, if any. */
export function enhancedStatusOf(response: string | undefined): string | undefined {
  return response?.match(/^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/)?.[1];
}

/** The basic reply code of a reply line (RFC 5321 §4.2). */
export function replyCodeOf(response: string | undefined): number | undefined {
  const match = response?.match(/^([2-5]\d\d)\b/);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** 4yz is transient, 5yz permanent (RFC 5321 §4.2.1). */
export function codeForReply(responseCode: number): 'SERVER_TEMPORARY' | 'SERVER_PERMANENT' {
  return responseCode >= 500 ? 'SERVER_PERMANENT' : 'SERVER_TEMPORARY';
}

/**
 * An error from the SMTP engine: a `MailbagError` with the server's response, reply code, enhanced
 * status and command verb, and whether retrying later may help.
 */
export class SmtpError extends SessionError {
  declare readonly code: SmtpErrorCode;
  readonly responseCode: number | undefined;
  readonly enhancedStatus: string | undefined;

  constructor(code: SmtpErrorCode, message: string, details: SmtpErrorDetails = {}) {
    const technical = details.technical === undefined ? undefined : serverTextForDisplay(details.technical);
    super(code, message, details.response === undefined ? technical : serverSaid(details.response), details);
    this.name = 'SmtpError';
    this.responseCode = details.responseCode ?? replyCodeOf(details.response);
    this.enhancedStatus = details.enhancedStatus ?? enhancedStatusOf(details.response);
  }

  /** The error as data, with the SMTP facts. */
  toSmtpData(): SmtpErrorData {
    return {
      ...this.toData(),
      code: this.code,
      retryable: this.retryable,
      ...(this.response === undefined ? {} : { response: this.response }),
      ...(this.responseCode === undefined ? {} : { responseCode: this.responseCode }),
      ...(this.enhancedStatus === undefined ? {} : { enhancedStatus: this.enhancedStatus }),
      ...(this.command === undefined ? {} : { command: this.command }),
      ...(this.certificateFingerprint256 === undefined ? {} : { certificateFingerprint256: this.certificateFingerprint256 }),
    };
  }
}

/**
 * An SMTP error whose sentence is a catalog message: its `message` is the English (what --json, logs
 * and the Outbox's record keep), its `words` let the window and the command line say it in the reader's language.
 */
export function wordedSmtpError(code: SmtpErrorCode, words: ErrorWords, details: Omit<SmtpErrorDetails, 'words'> = {}): SmtpError {
  return new SmtpError(code, englishMessage(words), { ...details, words });
}

/** Anything thrown, as SMTP error data (unknown exceptions become INTERNAL without their text). */
export function smtpErrorData(error: unknown): SmtpErrorData {
  if (error instanceof SmtpError) return error.toSmtpData();
  if (error instanceof MailbagError && error.code === 'VALIDATION') {
    return { ...error.toData(), code: 'VALIDATION', retryable: false };
  }
  return { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message, retryable: false };
}

/** Commands of the session's set-up, answered before any credential was sent (RFC 5321 §4.1.1, RFC 3207). */
const PRE_SIGN_IN_COMMANDS: ReadonlySet<string> = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS']);

/** What nodemailer's SMTPConnection attaches to its errors. */
interface NodemailerErrorShape {
  readonly message: string;
  readonly code?: unknown;
  readonly originalCode?: unknown;
  readonly response?: unknown;
  readonly responseCode?: unknown;
  readonly command?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Maps an error of nodemailer's SMTPConnection to the shared codes: a reply code decides between
 * temporary (4yz) and permanent (5yz) refusals (RFC 5321 §4.2.1); authentication refusals (535, RFC 4954
 * §6) are AUTH_FAILED, a missing mechanism (504) AUTH_UNSUPPORTED; STARTTLS missing where required is
 * TLS_REQUIRED (RFC 3207 §4); certificate failures TLS_CERTIFICATE; lost sockets NETWORK.
 */
export function fromNodemailerError(error: unknown, fallbackCommand?: string): SmtpError {
  if (error instanceof SmtpError) return error;
  if (!(error instanceof Error)) return wordedSmtpError('INTERNAL', { id: 'protocolError.smtpFailedUnexpectedly' }, { cause: error });
  const shape = error as Error & NodemailerErrorShape;
  const kind = text(shape.code) ?? '';
  const original = text(shape.originalCode) ?? '';
  const command = text(shape.command) ?? fallbackCommand;
  // Before sign-in (and before STARTTLS) anyone on the path may have written the reply: no links.
  const beforeSignIn = command !== undefined && PRE_SIGN_IN_COMMANDS.has(command.toUpperCase());
  const received = text(shape.response);
  const response = received !== undefined && beforeSignIn ? withoutLinks(received) : received;
  const responseCode = typeof shape.responseCode === 'number' ? shape.responseCode : replyCodeOf(response);
  // nodemailer's messages may quote the server ("Invalid greeting. response=…"): shown plain and bounded.
  const said = serverTextForDisplay(beforeSignIn ? withoutLinks(shape.message) : shape.message);
  const details = {
    ...(response === undefined ? {} : { response }),
    ...(responseCode === undefined ? {} : { responseCode }),
    ...(command === undefined ? {} : { command }),
    cause: error,
  };
  if (CERTIFICATE_ERROR_CODES.has(original) || CERTIFICATE_ERROR_CODES.has(kind)) {
    const words = unverifiedCertificateWords(certificateReasonOf(original || kind));
    return new SmtpError('TLS_CERTIFICATE', englishMessage(words), { ...details, technical: original || kind, words });
  }
  if (kind === 'EAUTH' || kind === 'ENOAUTH') {
    if (responseCode === 504) return wordedSmtpError('AUTH_UNSUPPORTED', { id: 'protocolError.mechanismRefused' }, details);
    if (responseCode !== undefined && responseCode < 500) return wordedSmtpError('SERVER_TEMPORARY', { id: 'protocolError.signInTemporary' }, details);
    return wordedSmtpError('AUTH_FAILED', { id: 'protocolError.credentialsRefused' }, details);
  }
  const refusedStartTls = kind === 'ETLS' && command === 'STARTTLS' && responseCode !== undefined;
  if (refusedStartTls || /does not support required STARTTLS/i.test(shape.message)) {
    const words: ErrorWords = { id: 'tls.starttlsNotOffered' };
    return new SmtpError('TLS_REQUIRED', englishMessage(words), { ...details, words });
  }
  const system = systemCodeOf(shape);
  const problem = connectionProblemOf(system);
  if (kind === 'ETIMEDOUT' || problem === 'timed-out') {
    const words: ErrorWords = problem === 'timed-out' ? connectionProblemWords(problem) : { id: 'connection.tooSlow' };
    return new SmtpError('TIMEOUT', englishMessage(words), { ...details, words, technical: shape.message });
  }
  if (responseCode !== undefined && responseCode >= 400) {
    const refused = response === undefined ? String(responseCode) : serverTextForDisplay(response);
    const words: ErrorWords =
      command === undefined
        ? { id: 'protocolError.serverRefusedRequest', values: { response: refused } }
        : { id: 'protocolError.serverRefusedCommand', values: { command, response: refused } };
    return wordedSmtpError(codeForReply(responseCode), words, details);
  }
  if (kind === 'ETLS') return wordedSmtpError('NETWORK', { id: 'protocolError.tlsFailed' }, { ...details, technical: shape.message });
  if (kind === 'ECONNECTION' || kind === 'ESOCKET' || kind === 'EDNS' || kind === 'ESTREAM' || problem !== undefined) {
    const words: ErrorWords = problem === undefined ? { id: 'connection.failedCheckSettings' } : connectionProblemWords(problem);
    return new SmtpError('NETWORK', englishMessage(words), { ...details, words, technical: shape.message });
  }
  if (kind === 'EPROTOCOL') return wordedSmtpError('PROTOCOL_ERROR', { id: 'protocolError.answeredUnexpectedly', values: { said } }, details);
  return wordedSmtpError('INTERNAL', { id: 'protocolError.smtpFailed', values: { said } }, details);
}
