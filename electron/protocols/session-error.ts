/**
 * What the POP3 and SMTP engines' errors share (nodemailer's lib/errors.js style): a code from the
 * shared table, the server's words, the command verb and whether retrying later may help. Each engine
 * adds its own facts in a subclass.
 */
import { englishMessage } from '../../shared/error-words';
import { ERROR_CODES, MailbagError, type ErrorWords } from '../../shared/errors';
import { serverTextForDisplay } from '../../shared/terminal-text';

/** The codes a session with any mail server can fail with; a subset of the table in `shared/errors.ts`. */
export type SessionErrorCode =
  | 'AUTH_FAILED'
  | 'AUTH_UNSUPPORTED'
  | 'SERVER_TEMPORARY'
  | 'SERVER_PERMANENT'
  | 'PROTOCOL_ERROR'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'TLS_CERTIFICATE'
  | 'TLS_REQUIRED'
  | 'CANCELLED'
  | 'VALIDATION';

/** Facts every session error may carry; none of them may contain a secret. */
export interface SessionErrorFacts {
  /** The server's answer that caused the error, as received. */
  readonly response?: string;
  /** The command verb (never its arguments, which may be secret). */
  readonly command?: string;
  /** Overrides the table's retry hint. */
  readonly retryable?: boolean;
  /** For certificate errors: the SHA-256 fingerprint the server presented, so a user can pin it. */
  readonly certificateFingerprint256?: string;
  /** The message as a catalog message, so the window and the command line can say it in their language. */
  readonly words?: ErrorWords;
  readonly cause?: unknown;
}

/**
 * The server's answer as the detail shows it, as a catalog message ("Server said: …"): the answer plain,
 * bounded, control characters visible (the raw answer stays in `response`), the label in the reader's language.
 */
export function serverSaid(response: string): ErrorWords {
  return { id: 'protocolError.serverSaid', values: { response: serverTextForDisplay(response) } };
}

/** An error's detail: the system's own words as given, or a catalog message (kept in English as `detail`, said in the reader's language from `detailWords`). */
export type SessionErrorDetail = string | ErrorWords | undefined;

/** An error of a mail-server session; a `MailbagError`, so it crosses IPC and worker boundaries as data. */
export class SessionError extends MailbagError {
  declare readonly code: SessionErrorCode | 'MAILBOX_BUSY' | 'STORAGE' | 'PARTIAL_FAILURE' | 'INTERNAL';
  readonly response: string | undefined;
  readonly command: string | undefined;
  readonly retryable: boolean;
  readonly certificateFingerprint256: string | undefined;

  constructor(code: SessionError['code'], message: string, detail: SessionErrorDetail, facts: SessionErrorFacts) {
    super(code, message, {
      ...(detail === undefined ? {} : typeof detail === 'string' ? { detail } : { detail: englishMessage(detail), detailWords: detail }),
      ...(facts.cause === undefined ? {} : { cause: facts.cause }),
      ...(facts.words === undefined ? {} : { words: facts.words }),
    });
    this.response = facts.response;
    this.command = facts.command;
    this.retryable = facts.retryable ?? ERROR_CODES[code].retryable;
    this.certificateFingerprint256 = facts.certificateFingerprint256;
  }
}
