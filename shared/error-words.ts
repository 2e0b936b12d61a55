/**
 * An error's own message in the reader's language: errors that carry their message as a catalog
 * message (`words`) are said in the language of the window or the command line; the others keep the
 * words main wrote (often the server's), as before.
 */
import type { ErrorData } from './errors';
import type { Translate } from './i18n/catalogs';

/** The error's message in the language of `t` when it carries a catalog message, else its message as given. */
export function errorMessageIn(t: Translate, error: Pick<ErrorData, 'message' | 'words'>): string {
  return error.words === undefined ? error.message : t(error.words.id, error.words.values);
}
