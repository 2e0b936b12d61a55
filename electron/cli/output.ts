import { errorDetailIn, errorMessageIn } from '../../shared/error-words';
import { ERROR_CODES, type ErrorCode, type ErrorData } from '../../shared/errors';
import type { Translator } from '../../shared/i18n/catalogs';
import { terminalJson, visibleControls } from '../../shared/terminal-text';

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

/**
 * Writes a command's result: one JSON document with `--json`, readable text otherwise. Results carry
 * text from servers and from mail, so control characters are shown visibly (line breaks and tabs
 * stay) and JSON escapes every control character: neither can drive the user's terminal.
 */
export function writeResult(streams: CliStreams, json: boolean, value: unknown, text: () => string): void {
  streams.stdout.write(json ? `${terminalJson(value)}\n` : `${visibleControls(text(), 'lines')}\n`);
}

/**
 * An error in the user's words: the sentence the code stands for in the user's language; a more
 * specific message from the services replaces it — in the user's language where the error carries it as
 * a catalog message, else in parentheses after it where the language is not English. The detail (often
 * the server's own words) comes last.
 */
export function errorText(error: ErrorData, translator: Translator): string {
  const id: `cli.error.${ErrorCode}` = `cli.error.${error.code}`;
  const sentence = translator.t(id);
  const specific = error.message !== ERROR_CODES[error.code].message;
  // A message carried as a catalog message is said in the user's language; in English it is the message itself.
  const words = !specific
    ? sentence
    : translator.locale === 'en'
      ? error.message
      : error.words !== undefined
        ? errorMessageIn(translator.t, error)
        : translator.t('cli.error.specific', { sentence, message: error.message });
  // The detail said in the user's language where it is a catalog message ("Server said: …"); the server's own words stay as sent.
  const detail = errorDetailIn(translator.t, error);
  return detail === undefined ? words : translator.t('cli.error.detail', { message: words, detail });
}

/**
 * Writes an error on stderr in the user's words with its code, e.g.
 * `mailbag: MAILBOX_BUSY: Another program is checking this mailbox.` (`text`, with its detail, when
 * the command describes it itself); with `--json` the error is also printed on stdout as `{"error": {...}}` so
 * scripts can read it, the same in every language.
 */
export function writeError(streams: CliStreams, json: boolean, error: ErrorData, translator: Translator, text?: string): void {
  // Messages often quote the server (a greeting, a refusal): shown with control characters visible.
  streams.stderr.write(`mailbag: ${error.code}: ${visibleControls(text ?? errorText(error, translator))}\n`);
  if (json) streams.stdout.write(`${terminalJson({ error })}\n`);
}
