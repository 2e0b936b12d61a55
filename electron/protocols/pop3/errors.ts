import { ERROR_CODES, MailbagError } from '../../../shared/errors';
import { serverTextForDisplay } from '../../../shared/terminal-text';

/** The codes a POP3 session can fail with; a subset of the shared table in `shared/errors.ts`. */
export type Pop3ErrorCode =
  | 'AUTH_FAILED'
  | 'AUTH_UNSUPPORTED'
  | 'MAILBOX_BUSY'
  | 'SERVER_TEMPORARY'
  | 'SERVER_PERMANENT'
  | 'PROTOCOL_ERROR'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'TLS_CERTIFICATE'
  | 'TLS_REQUIRED'
  | 'CANCELLED'
  | 'STORAGE'
  | 'VALIDATION';

/** Facts attached to a POP3 error; none of them may contain a secret. */
export interface Pop3ErrorDetails {
  /** The server's status line that caused the error, as received. */
  readonly response?: string;
  /** The command verb (never its arguments, which may be secret). */
  readonly command?: string;
  /** The response code in brackets (RFC 2449 §8), such as `IN-USE` or `SYS/TEMP`. */
  readonly responseCode?: string;
  /** Overrides the table's retry hint, for example a LOGIN-DELAY after which retrying is useful. */
  readonly retryable?: boolean;
  /** For certificate errors: the SHA-256 fingerprint the server presented, so a user can pin it. */
  readonly certificateFingerprint256?: string;
  /** For sign-in errors: the methods the server refused, in the order tried (so advice can name them). */
  readonly refusedMechanisms?: readonly string[];
  /**
   * For sign-in errors: the one fallback method still to try, on a new connection, because the server
   * closed this one after refusing the first method (Solid POP3 does after a refused APOP).
   */
  readonly fallbackMechanism?: string;
  /** The system's own words (e.g. "connect ECONNREFUSED 127.0.0.1:995"): the detail when no server response is at hand. */
  readonly technical?: string;
  readonly cause?: unknown;
}

/**
 * An error from the POP3 engine. Carries the shared error code, the server's response and the command
 * verb (nodemailer style), and whether retrying later may help. It is a `MailbagError`, so it crosses
 * IPC and worker boundaries as data unchanged.
 */
export class Pop3Error extends MailbagError {
  declare readonly code: Pop3ErrorCode;
  readonly response: string | undefined;
  readonly command: string | undefined;
  readonly responseCode: string | undefined;
  readonly retryable: boolean;
  readonly certificateFingerprint256: string | undefined;
  readonly refusedMechanisms: readonly string[];
  readonly fallbackMechanism: string | undefined;

  constructor(code: Pop3ErrorCode, message: string, details: Pop3ErrorDetails = {}) {
    // Quoted for people: plain, bounded, control characters visible (the raw line stays in `response`).
    const detail = details.response === undefined ? details.technical : `Server said: ${serverTextForDisplay(details.response)}`;
    super(code, message, {
      ...(detail === undefined ? {} : { detail }),
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    });
    this.name = 'Pop3Error';
    this.response = details.response;
    this.command = details.command;
    this.responseCode = details.responseCode;
    this.retryable = details.retryable ?? ERROR_CODES[code].retryable;
    this.certificateFingerprint256 = details.certificateFingerprint256;
    this.refusedMechanisms = details.refusedMechanisms ?? [];
    this.fallbackMechanism = details.fallbackMechanism;
  }
}
