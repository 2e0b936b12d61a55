/**
 * Reading from standard input: passwords (hidden on a terminal, or lines with --password-stdin) and
 * answers to setup questions on a terminal. A password is never taken from an argument, where other
 * users could read it in the process list and the shell keeps it in its history.
 */
import { MailbagError } from '../../shared/errors';
import type { MessageValues, Translate } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import { CliError } from './command';
import type { CliInput, CliStreams } from './output';

/** Longest line read from standard input (a password or an answer). */
const MAX_INPUT_LINE = 4096;
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = /[\u007f\b]/;

/** Lines from standard input, in order. */
export interface InputReader {
  /** The next line without its line end, or undefined at the end of the input. */
  line(): Promise<string | undefined>;
  /** Stops reading (the process may then exit). */
  close(): void;
}

/** Applies backspaces typed on a raw terminal. */
function edited(text: string): string {
  let result = '';
  for (const character of text) {
    if (BACKSPACE.test(character)) result = result.slice(0, -1);
    else result += character;
  }
  return result;
}

/** Reads lines from `input`; a Ctrl-C typed on a raw terminal rejects with CANCELLED. */
export function createInputReader(input: CliInput): InputReader {
  let buffer = '';
  let ended = false;
  let waiting: { resolve: (line: string | undefined) => void; reject: (error: Error) => void } | undefined;
  const deliver = (): void => {
    if (waiting === undefined) return;
    const { resolve, reject } = waiting;
    if (buffer.includes(CTRL_C)) {
      waiting = undefined;
      reject(new MailbagError('CANCELLED'));
      return;
    }
    let end = -1;
    for (let index = 0; index < buffer.length && end === -1; index += 1) {
      const character = buffer.charAt(index);
      if (character === '\r' || character === '\n' || character === CTRL_D) end = index;
    }
    if (end === -1) {
      if (buffer.length > MAX_INPUT_LINE) {
        waiting = undefined;
        reject(new CliError('VALIDATION', 'cli.prompt.tooLong'));
      } else if (ended) {
        waiting = undefined;
        const rest = buffer;
        buffer = '';
        resolve(rest === '' ? undefined : edited(rest));
      }
      return;
    }
    const line = buffer.slice(0, end);
    const terminator = buffer.charAt(end);
    buffer = buffer.slice(end + (terminator === '\r' && buffer.charAt(end + 1) === '\n' ? 2 : 1));
    waiting = undefined;
    resolve(terminator === CTRL_D && line === '' ? undefined : edited(line));
  };
  const onData = (chunk: string | Buffer): void => {
    buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    deliver();
  };
  const onEnd = (): void => {
    ended = true;
    deliver();
  };
  input.on('data', onData);
  input.once('end', onEnd);
  input.pause();
  return {
    line() {
      // A programming mistake (two reads at once), never shown to a user.
      // eslint-disable-next-line mailbag-cli/strings
      if (waiting !== undefined) return Promise.reject(new Error('one line at a time'));
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        input.resume();
        deliver();
      }).finally(() => input.pause()) as Promise<string | undefined>;
    },
    close() {
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
    },
  };
}

/** Whether questions can be asked: standard input is a terminal. */
export function isInteractive(streams: CliStreams): boolean {
  return streams.stdin?.isTTY === true;
}

/** Asks a question on stderr and returns the answer (`fallback` when the answer is empty). */
export async function ask(reader: InputReader, streams: CliStreams, question: string, fallback?: string): Promise<string> {
  streams.stderr.write(fallback === undefined ? `${question}: ` : `${question} [${fallback}]: `);
  const answer = (await reader.line())?.trim();
  if (answer === undefined) throw new CliError('CANCELLED', 'cli.prompt.inputEnded');
  return answer === '' ? (fallback ?? '') : answer;
}

/** The answers a yes/no question takes in the user's language, besides y/yes and n/no that always work. */
function answers(t: Translate, id: 'cli.prompt.yesAnswers' | 'cli.prompt.noAnswers', english: readonly string[]): Set<string> {
  return new Set([
    ...english,
    ...t(id)
      .split(',')
      .map((word) => word.trim().toLocaleLowerCase()),
  ]);
}

/** Asks a yes/no question (already in the user's words); an empty answer takes `fallback`. */
export async function confirm(reader: InputReader, streams: CliStreams, question: string, fallback: boolean, t: Translate): Promise<boolean> {
  const yes = answers(t, 'cli.prompt.yesAnswers', ['y', 'yes']);
  const no = answers(t, 'cli.prompt.noAnswers', ['n', 'no']);
  for (;;) {
    const answer = (await ask(reader, streams, t(fallback ? 'cli.prompt.yesNoDefaultYes' : 'cli.prompt.yesNoDefaultNo', { question }))).toLocaleLowerCase();
    if (answer === '') return fallback;
    if (yes.has(answer)) return true;
    if (no.has(answer)) return false;
  }
}

/** Asks for a password on a terminal without echoing it. */
export async function askPassword(reader: InputReader, streams: CliStreams, question: string): Promise<string> {
  const input = streams.stdin;
  streams.stderr.write(`${question}: `);
  const raw = input?.isTTY === true && input.setRawMode !== undefined;
  if (raw) input.setRawMode?.(true);
  try {
    const password = await reader.line();
    if (password === undefined || password === '') throw new CliError('VALIDATION', 'cli.prompt.noPasswordEntered');
    return password;
  } finally {
    if (raw) input.setRawMode?.(false);
    streams.stderr.write('\n');
  }
}

/** What is missing when standard input ends before a password: a message of the catalogs. */
export interface MissingPassword {
  readonly id: MessageId;
  readonly values?: MessageValues;
}

/** Reads a password as one line of standard input (--password-stdin). */
export async function readPasswordLine(reader: InputReader, missing: MissingPassword = { id: 'cli.prompt.noPassword' }): Promise<string> {
  const password = await reader.line();
  if (password === undefined || password === '') throw new CliError('VALIDATION', missing.id, missing.values);
  return password;
}
