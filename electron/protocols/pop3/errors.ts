import { englishMessage } from '../../../shared/error-words';
import type { ErrorWords } from '../../../shared/errors';
import { serverSaid, SessionError, type SessionErrorCode, type SessionErrorFacts } from '../session-error';

/** The codes a POP3 session can fail with; a subset of the shared table in `shared/errors.ts`. */
export type Pop3ErrorCode = SessionErrorCode | 'MAILBOX_BUSY' | 'STORAGE';

/**
 * Facts attached to a POP3 error; none of them may contain a secret. `response` is the status line
 * as received; `retryable` overrides the table, for example a LOGIN-DELAY after which retrying helps.
 */
export interface Pop3ErrorDetails extends SessionErrorFacts {
  /** The response code in brackets (RFC 2449 §8), such as `IN-USE` or `SYS/TEMP`. */
  readonly responseCode?: string;
  /** For sign-in errors: the methods the server refused, in the order tried (so advice can name them). */
  readonly refusedMechanisms?: readonly string[];
  /**
   * For sign-in errors: the one fallback method still to try, on a new connection, because the server
   * closed this one after refusing the first method (Solid POP3 does after a refused APOP).
   */
  readonly fallbackMechanism?: string;
  /** The system's own words (e.g. "connect ECONNREFUSED 127.0.0.1:995"): the detail when no server response is at hand. */
  readonly technical?: string;
}

/**
 * An error from the POP3 engine. Carries the shared error code, the server's response and the command
 * verb (nodemailer style), and whether retrying later may help. It is a `MailbagError`, so it crosses
 * IPC and worker boundaries as data unchanged.
 */
export class Pop3Error extends SessionError {
  declare readonly code: Pop3ErrorCode;
  readonly responseCode: string | undefined;
  readonly refusedMechanisms: readonly string[];
  readonly fallbackMechanism: string | undefined;

  constructor(code: Pop3ErrorCode, message: string, details: Pop3ErrorDetails = {}) {
    super(code, message, details.response === undefined ? details.technical : serverSaid(details.response), details);
    this.name = 'Pop3Error';
    this.responseCode = details.responseCode;
    this.refusedMechanisms = details.refusedMechanisms ?? [];
    this.fallbackMechanism = details.fallbackMechanism;
  }
}

/**
 * A POP3 error whose sentence is a catalog message: its `message` is the English (what --json, logs
 * and transcripts keep), its `words` let the window and the command line say it in the reader's language.
 */
export function wordedPop3Error(code: Pop3ErrorCode, words: ErrorWords, details: Omit<Pop3ErrorDetails, 'words'> = {}): Pop3Error {
  return new Pop3Error(code, englishMessage(words), { ...details, words });
}
