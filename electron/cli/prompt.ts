/**
 * Reading from standard input: passwords (hidden on a terminal, or lines with --password-stdin) and
 * answers to setup questions on a terminal. A password is never taken from an argument, where other
 * users could read it in the process list and the shell keeps it in its history.
 */
import { MailbagError } from '../../shared/errors';
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
        reject(new MailbagError('VALIDATION', 'The input line is too long.'));
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
  if (answer === undefined) throw new MailbagError('CANCELLED', 'The input ended before the question was answered.');
  return answer === '' ? (fallback ?? '') : answer;
}

/** Asks a yes/no question; an empty answer takes `fallback`. */
export async function confirm(reader: InputReader, streams: CliStreams, question: string, fallback: boolean): Promise<boolean> {
  for (;;) {
    const answer = (await ask(reader, streams, `${question} (${fallback ? 'Y/n' : 'y/N'})`)).toLowerCase();
    if (answer === '') return fallback;
    if (answer === 'y' || answer === 'yes') return true;
    if (answer === 'n' || answer === 'no') return false;
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
    if (password === undefined || password === '') throw new MailbagError('VALIDATION', 'No password was entered.');
    return password;
  } finally {
    if (raw) input.setRawMode?.(false);
    streams.stderr.write('\n');
  }
}

/** Reads a password as one line of standard input (--password-stdin). */
export async function readPasswordLine(reader: InputReader, what: string): Promise<string> {
  const password = await reader.line();
  if (password === undefined || password === '') {
    throw new MailbagError('VALIDATION', `Standard input holds no ${what}: give one password per line.`);
  }
  return password;
}
