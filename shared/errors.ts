import type { MessageId } from './i18n/messages-en';

/**
 * The one table of error codes that crosses every boundary: IPC results, worker messages, the CLI's
 * stderr and exit code. Each code carries plain words for the user and whether retrying later can help,
 * so the UI can say something useful instead of showing a raw server string.
 */
export const ERROR_CODES = {
  VALIDATION: { retryable: false, exitCode: 2, message: 'The request was not valid.' },
  UNKNOWN_OPERATION: { retryable: false, exitCode: 2, message: 'Mailbag does not know this operation.' },
  FORBIDDEN_SENDER: { retryable: false, exitCode: 1, message: 'The request did not come from Mailbag’s own window.' },
  NOT_FOUND: { retryable: false, exitCode: 1, message: 'That item does not exist.' },
  FOLDER_NOT_FOUND: { retryable: false, exitCode: 1, message: 'The folder to move or copy to does not exist.' },
  INTERNAL: { retryable: false, exitCode: 1, message: 'Something went wrong inside Mailbag.' },
  STORAGE: { retryable: false, exitCode: 1, message: 'Mailbag could not read or write its data on disk.' },
  AUTH_FAILED: { retryable: false, exitCode: 1, message: 'The server did not accept the user name or password.' },
  PASSWORD_NEEDED: {
    retryable: false,
    exitCode: 1,
    message: 'Mailbag has no saved password for this account. Enter it to continue.',
  },
  PASSWORD_COMMAND: {
    retryable: false,
    exitCode: 1,
    message: 'The account’s password command did not give a password.',
  },
  AUTH_UNSUPPORTED: {
    retryable: false,
    exitCode: 1,
    message: 'The server offers no sign-in method that Mailbag can use safely with these settings.',
  },
  MAILBOX_BUSY: {
    retryable: true,
    exitCode: 4,
    message: 'Another program is checking this mailbox. Mailbag will try again later.',
  },
  SERVER_TEMPORARY: { retryable: true, exitCode: 1, message: 'The server has a temporary problem. Try again later.' },
  SERVER_PERMANENT: { retryable: false, exitCode: 1, message: 'The server refused the request.' },
  PROTOCOL_ERROR: { retryable: true, exitCode: 1, message: 'The server answered in a way Mailbag did not expect.' },
  NETWORK: { retryable: true, exitCode: 1, message: 'Mailbag could not reach the server.' },
  TIMEOUT: { retryable: true, exitCode: 1, message: 'The server took too long to answer.' },
  TLS_CERTIFICATE: {
    retryable: false,
    exitCode: 1,
    message: 'The server’s certificate could not be verified, so the connection was stopped.',
  },
  TLS_REQUIRED: {
    retryable: false,
    exitCode: 1,
    message: 'The server does not offer encryption, and this account requires it.',
  },
  CANCELLED: { retryable: false, exitCode: 1, message: 'The operation was cancelled.' },
  KEYCHAIN_UNAVAILABLE: {
    retryable: false,
    exitCode: 1,
    message: 'The system keychain is not available, so the password is kept for this session only.',
  },
  GROUP_UNAVAILABLE: {
    retryable: false,
    exitCode: 1,
    message: 'A contact group this message is addressed to no longer exists or has no members.',
  },
  PARTIAL_FAILURE: { retryable: true, exitCode: 3, message: 'Some parts of the operation failed.' },
} as const satisfies Record<string, ErrorCodeInfo>;

/** What the table says about one code. */
export interface ErrorCodeInfo {
  /** Whether the same request may succeed later without the user changing anything. */
  readonly retryable: boolean;
  /** The command line's exit code for this failure (see the CLI documentation). */
  readonly exitCode: 1 | 2 | 3 | 4;
  /** A sentence a user understands, used when no more specific message is at hand. */
  readonly message: string;
}

/** Every error code Mailbag uses. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * A specific message as data: the catalog message and its arguments, so the window and the command
 * line say it in their own language while `message` keeps the English words (what `--json` shows).
 */
export interface ErrorWords {
  readonly id: MessageId;
  /** Each argument is text as given (a name, a server's words) or another catalog message, said in the same language. */
  readonly values?: Readonly<Record<string, WordValue>>;
}

/** An argument of a catalog message carried as data: plain text, or a message of its own (a reason inside a sentence). */
export type WordValue = string | ErrorWords;

/** An error as it crosses a boundary: plain data, safe to serialize, never containing a secret. */
export interface ErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  /** Extra facts for support, such as the server's own words; never a password or token. */
  readonly detail?: string;
  /** The message as a catalog message, when it says more than the code's own sentence. */
  readonly words?: ErrorWords;
  /** The detail as a catalog message (such as "Server said: …"), for the window and the command line; `detail` keeps the English. */
  readonly detailWords?: ErrorWords;
}

/** Whether a string is one of the known codes (data arriving from a worker or socket). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/**
 * An error thrown inside Mailbag that already knows its code. Anything else that escapes a handler is
 * reported as INTERNAL, so unexpected exceptions never leak raw text to the user.
 */
export class MailbagError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly words: ErrorWords | undefined;
  readonly detailWords: ErrorWords | undefined;

  constructor(code: ErrorCode, message?: string, options?: { detail?: string; cause?: unknown; words?: ErrorWords; detailWords?: ErrorWords }) {
    super(message ?? ERROR_CODES[code].message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MailbagError';
    this.code = code;
    this.detail = options?.detail;
    this.words = options?.words;
    this.detailWords = options?.detailWords;
  }

  /**
   * The error again from its data (an operation's result, a worker's reply), so code that receives
   * errors as data can throw them on with their code, message and detail intact.
   */
  static fromData(data: ErrorData): MailbagError {
    return new MailbagError(data.code, data.message, {
      ...(data.detail === undefined ? {} : { detail: data.detail }),
      ...(data.words === undefined ? {} : { words: data.words }),
      ...(data.detailWords === undefined ? {} : { detailWords: data.detailWords }),
    });
  }

  /** The error as data for IPC, workers and JSON output. */
  toData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.words === undefined ? {} : { words: this.words }),
      ...(this.detailWords === undefined ? {} : { detailWords: this.detailWords }),
    };
  }
}

/** Turns anything thrown into error data; unknown exceptions become INTERNAL without their text. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof MailbagError) return error.toData();
  return { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message };
}

/** The result shape of every contract operation: errors cross as data, never as thrown exceptions. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };
