import type { ErrorData } from '../../shared/errors';

/** Standard input as commands use it: passwords with --password-stdin, answers to prompts on a terminal. */
export interface CliInput extends AsyncIterable<string | Buffer> {
  readonly isTTY?: boolean;
  /** Terminals only: no echo while a password is typed. */
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  once(event: 'end', listener: () => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** Where a command reads and writes: stdin for passwords and answers, stdout for results, stderr for errors and progress. */
export interface CliStreams {
  /** Absent when the command line runs without input (then no password can be asked for). */
  readonly stdin?: CliInput;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

/** Writes a command's result: one JSON document with `--json`, readable text otherwise. */
export function writeResult(streams: CliStreams, json: boolean, value: unknown, text: () => string): void {
  streams.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

/**
 * Writes an error on stderr in plain words with its code, e.g.
 * `mailbag: MAILBOX_BUSY: Another program is checking this mailbox.`; with `--json` the error is also
 * printed on stdout as `{"error": {...}}` so scripts can read it.
 */
export function writeError(streams: CliStreams, json: boolean, error: ErrorData): void {
  const detail = error.detail === undefined ? '' : ` (${error.detail})`;
  streams.stderr.write(`mailbag: ${error.code}: ${error.message}${detail}\n`);
  if (json) streams.stdout.write(`${JSON.stringify({ error })}\n`);
}
