/**
 * Splits a command line into words the way a POSIX shell quotes them — single quotes, double quotes
 * and backslashes — and refuses everything else a shell would interpret (pipes, redirections, `;`,
 * `&`, `$`, backticks, globs left to the program), so a command run without a shell does exactly what
 * it says. Used for the `passwordCommand` account setting; shared so the window can check it as typed.
 */

/** Longest command line accepted. */
export const MAX_COMMAND_LINE_LENGTH = 4096;

/** The words of a command line, or why it cannot be split. */
export type SplitCommandLine = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly problem: string };

/** Characters a shell would give a meaning that a command run without one cannot have. */
const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '$', '`', '(', ')']);

/** Splits `text` into words; see the module comment for the rules. */
export function splitCommandLine(text: string): SplitCommandLine {
  if (text.length > MAX_COMMAND_LINE_LENGTH) return { ok: false, problem: `it is longer than ${MAX_COMMAND_LINE_LENGTH} characters.` };
  if (/[\r\n\0]/.test(text)) return { ok: false, problem: 'it must be one line.' };
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
      if (end === -1) return { ok: false, problem: 'a single quote is not closed.' };
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
        if (inner === '$' || inner === '`') return { ok: false, problem: `“${inner}” is not supported: the command runs without a shell.` };
        if (inner === '\\' && index + 1 < text.length && '"\\$`'.includes(text.charAt(index + 1))) {
          word += text.charAt(index + 1);
          index += 2;
          continue;
        }
        word += inner;
        index += 1;
      }
      if (!closed) return { ok: false, problem: 'a double quote is not closed.' };
      continue;
    }
    if (character === '\\') {
      if (index + 1 >= text.length) return { ok: false, problem: 'it ends with a backslash.' };
      word += text.charAt(index + 1);
      index += 2;
      continue;
    }
    if (SHELL_ONLY.has(character)) {
      return {
        ok: false,
        problem: `“${character}” is not supported: the command runs without a shell (quote it if it is part of an argument, or write sh -c '…').`,
      };
    }
    word += character;
    index += 1;
  }
  if (inWord) words.push(word);
  if (words.length === 0) return { ok: false, problem: 'it is empty.' };
  return { ok: true, words };
}
