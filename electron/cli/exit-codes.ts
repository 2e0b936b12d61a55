import { ERROR_CODES, type ErrorCode } from '../../shared/errors';

/** Exit codes of the `mailbag` command line (documented in README). */
export const EXIT = {
  /** Everything asked for was done. */
  SUCCESS: 0,
  /** The operation failed: server error, validation, storage. */
  FAILURE: 1,
  /** The command line itself was wrong: unknown command or flag, missing value. */
  USAGE: 2,
  /** Some accounts or recipients failed, others succeeded. */
  PARTIAL: 3,
  /** The mailbox is locked by another program or a login delay applies: retry later. */
  BUSY: 4,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for a failure with the given error code, from the shared table. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  return ERROR_CODES[code].exitCode;
}
