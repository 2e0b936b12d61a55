/**
 * An error's own message in the reader's language: errors that carry their message as a catalog
 * message (`words`) are said in the language of the window or the command line; the others keep the
 * words main wrote (often the server's), as before.
 */
import { MailbagError, type ErrorCode, type ErrorData, type ErrorWords, type WordValue } from './errors';
import type { Translate } from './i18n/catalogs';
import { englishWords } from './i18n/english';
import { visibleBidiControls } from './bidi';

/** A catalog message carried as data, said in the language of `t`; an argument that is itself a message is said first, in the same language. */
export function sayWords(t: Translate, words: ErrorWords): string {
  if (words.values === undefined) return t(words.id);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(words.values)) values[name] = typeof value === 'string' ? value : sayWords(t, value);
  return t(words.id, values);
}

/** The error's message in the language of `t` when it carries a catalog message, else its message as given. */
export function errorMessageIn(t: Translate, error: Pick<ErrorData, 'message' | 'words'>): string {
  return error.words === undefined ? error.message : sayWords(t, error.words);
}

/** The error's detail in the language of `t` when it carries one as a catalog message, else its detail as given. */
export function errorDetailIn(t: Translate, error: Pick<ErrorData, 'detail' | 'detailWords'>): string | undefined {
  return error.detailWords === undefined ? error.detail : sayWords(t, error.detailWords);
}

/**
 * The same for the window: each text the detail quotes (a server's words) is set apart by Unicode
 * isolates with its own direction controls made visible, so a right-to-left label cannot reorder it
 * ("قال الخادم: -ERR …" keeps "-ERR …" as the server wrote it) and it cannot reorder the label.
 */
export function errorDetailIsolatedIn(t: Translate, error: Pick<ErrorData, 'detail' | 'detailWords'>): string | undefined {
  return error.detailWords === undefined ? error.detail : sayWords(t, isolated(error.detailWords));
}

function isolated(words: ErrorWords): ErrorWords {
  if (words.values === undefined) return words;
  const values: Record<string, WordValue> = {};
  for (const [name, value] of Object.entries(words.values))
    values[name] = typeof value === 'string' ? `\u2068${visibleBidiControls(value)}\u2069` : isolated(value);
  return { id: words.id, values };
}

/** The English of a catalog message: the `message` of an error that carries it as `words` (what `--json` and the log keep). */
export function englishMessage(words: ErrorWords): string {
  return sayWords(englishWords(), words);
}

/**
 * An error whose sentence is a catalog message: its `message` is the English one (what `--json` and
 * the log keep), its `words` let the window and the command line say it in the reader's language.
 */
export function wordedError(
  code: ErrorCode,
  words: ErrorWords,
  options?: { readonly detail?: string; readonly detailWords?: ErrorWords; readonly cause?: unknown },
): MailbagError {
  const detail = options?.detailWords === undefined ? options?.detail : englishMessage(options.detailWords);
  return new MailbagError(code, englishMessage(words), { ...options, ...(detail === undefined ? {} : { detail }), words });
}

/** The same as error data (for a refusal made without throwing, such as a request from a stranger). */
export function wordedErrorData(code: ErrorCode, words: ErrorWords): ErrorData {
  return { code, message: englishMessage(words), words };
}
