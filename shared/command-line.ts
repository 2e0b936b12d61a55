/**
 * Splits a command line into words the way a POSIX shell quotes them — single quotes, double quotes
 * and backslashes — and refuses everything else a shell would interpret (pipes, redirections, `;`,
 * `&`, `$`, backticks, globs left to the program), so a command run without a shell does exactly what
 * it says. Used for the `passwordCommand` account setting; shared so the window can check it as typed.
 */
import { englishMessage } from './error-words';
import type { ErrorWords } from './errors';

/** Longest command line accepted. */
export const MAX_COMMAND_LINE_LENGTH = 4096;

/** The words of a command line, or why it cannot be split. */
export type SplitCommandLine =
  { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly problem: string; readonly problemWords: ErrorWords };

/** Characters a shell would give a meaning that a command run without one cannot have. */
const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '$', '`', '(', ')']);

/** Why a command line cannot be split: the English (what the schema and the log keep) and the same as a catalog message. */
function refuse(problemWords: ErrorWords): SplitCommandLine {
  return { ok: false, problem: englishMessage(problemWords), problemWords };
}

/** Splits `text` into words; see the module comment for the rules. */
export function splitCommandLine(text: string): SplitCommandLine {
  if (text.length > MAX_COMMAND_LINE_LENGTH) return refuse({ id: 'serviceError.commandLine.tooLong', values: { max: String(MAX_COMMAND_LINE_LENGTH) } });
  if (/[\r\n\0]/.test(text)) return refuse({ id: 'serviceError.commandLine.oneLine' });
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;
  while (index < text.length) {
    const character = text.charAt(index);
    if (character === ' ' || character === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      index += 1;
      continue;
    }
    inWord = true;
    if (character === "'") {
      const end = text.indexOf("'", index + 1);
      if (end === -1) return refuse({ id: 'serviceError.commandLine.singleQuoteOpen' });
      word += text.slice(index + 1, end);
      index = end + 1;
      continue;
    }
    if (character === '"') {
      index += 1;
      let closed = false;
      while (index < text.length) {
        const inner = text.charAt(index);
        if (inner === '"') {
          closed = true;
          index += 1;
          break;
        }
        if (inner === '$' || inner === '`') return refuse({ id: 'serviceError.commandLine.noShellInQuotes', values: { character: inner } });
        if (inner === '\\' && index + 1 < text.length && '"\\$`'.includes(text.charAt(index + 1))) {
          word += text.charAt(index + 1);
          index += 2;
          continue;
        }
        word += inner;
        index += 1;
      }
      if (!closed) return refuse({ id: 'serviceError.commandLine.doubleQuoteOpen' });
      continue;
    }
    if (character === '\\') {
      if (index + 1 >= text.length) return refuse({ id: 'serviceError.commandLine.endsWithBackslash' });
      word += text.charAt(index + 1);
      index += 2;
      continue;
    }
    if (SHELL_ONLY.has(character)) {
      return refuse({ id: 'serviceError.commandLine.noShell', values: { character } });
    }
    word += character;
    index += 1;
  }
  if (inWord) words.push(word);
  if (words.length === 0) return refuse({ id: 'serviceError.commandLine.empty' });
  return { ok: true, words };
}
