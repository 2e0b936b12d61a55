/**
 * The `passwordCommand` account setting (the convention of mpop's and msmtp's `passwordeval`): a
 * program whose first line of output is the password, for machines without a keychain (cron, servers)
 * and for password managers such as `pass`. Unlike those tools it runs without a shell: the text is
 * split into words here (quotes and backslashes as in a shell, nothing else), so no expansion, pipe or
 * redirection can run something the user did not write. Its output is never logged or put in an error.
 */
import { execFile } from 'node:child_process';
import { wordedError } from '../../../shared/error-words';
import type { ErrorWords, MailbagError } from '../../../shared/errors';
import { splitCommandLine } from '../../../shared/command-line';

/** Longest a password command may run (a password manager may ask for its own passphrase first). */
export const PASSWORD_COMMAND_TIMEOUT_MS = 30_000;
/** Most bytes read from its standard output or error; a longer output stops it. */
export const PASSWORD_COMMAND_MAX_OUTPUT_BYTES = 64 * 1024;
/** Characters of its error output quoted in the message when it fails. */
const QUOTED_ERROR_CHARS = 200;

/** Options of {@link runPasswordCommand}; tests shorten the limits. */
export interface PasswordCommandOptions {
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** The first line of a command's error output, shortened, with control characters removed. */
function firstLine(text: string): string {
  const line = (text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '').trim();
  const printable = [...line].filter((character) => character.charCodeAt(0) >= 0x20 && character.charCodeAt(0) !== 0x7f).join('');
  return printable.length > QUOTED_ERROR_CHARS ? `${printable.slice(0, QUOTED_ERROR_CHARS)}…` : printable;
}

function failure(words: ErrorWords, detail?: string): MailbagError {
  return wordedError('PASSWORD_COMMAND', words, detail === undefined || detail === '' ? {} : { detail });
}

/**
 * Runs a password command and returns the first line of its output (without the line end). Fails with
 * PASSWORD_COMMAND, in plain words, when the command cannot be split or started, runs too long, prints
 * too much, exits with an error, or prints no password.
 */
export function runPasswordCommand(command: string, options: PasswordCommandOptions = {}): Promise<string> {
  const split = splitCommandLine(command);
  if (!split.ok) return Promise.reject(failure({ id: 'serviceError.passwordCommand.unusable', values: { problem: split.problemWords } }));
  const [program, ...args] = split.words;
  if (program === undefined) return Promise.reject(failure({ id: 'serviceError.passwordCommand.empty' }));
  const timeoutMs = options.timeoutMs ?? PASSWORD_COMMAND_TIMEOUT_MS;
  const maxBuffer = options.maxOutputBytes ?? PASSWORD_COMMAND_MAX_OUTPUT_BYTES;
  return new Promise<string>((resolve, reject) => {
    const child = execFile(
      program,
      args,
      { shell: false, timeout: timeoutMs, maxBuffer, windowsHide: true, encoding: 'utf8', env: options.env ?? process.env },
      (error, stdout, stderr) => {
        if (error !== null) {
          const systemCode = (error as NodeJS.ErrnoException).code;
          if (systemCode === 'ENOENT') return reject(failure({ id: 'serviceError.passwordCommand.notFound', values: { program } }));
          if (systemCode === 'EACCES') return reject(failure({ id: 'serviceError.passwordCommand.notPermitted', values: { program } }));
          if (systemCode === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
            return reject(failure({ id: 'serviceError.passwordCommand.tooMuchOutput', values: { max: String(maxBuffer) } }));
          if (error.killed === true || error.signal === 'SIGTERM')
            return reject(failure({ id: 'serviceError.passwordCommand.tooSlow', values: { seconds: String(Math.max(1, Math.ceil(timeoutMs / 1000))) } }));
          const words: ErrorWords =
            typeof error.code === 'number'
              ? { id: 'serviceError.passwordCommand.exitStatus', values: { status: String(error.code) } }
              : { id: 'serviceError.passwordCommand.signal', values: { signal: error.signal ?? 'unknown' } };
          return reject(failure(words, firstLine(stderr)));
        }
        const password = stdout.split(/\r?\n/, 1)[0] ?? '';
        if (password === '') return reject(failure({ id: 'serviceError.passwordCommand.noPassword' }));
        resolve(password);
      },
    );
    // Nothing is ever typed into it: a command that waits for input ends at once instead of timing out.
    child.stdin?.end();
  });
}
