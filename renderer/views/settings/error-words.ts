/**
 * An error from main in the window's language: main sends a code (shared/errors.ts) with English
 * words; Settings and account setup say the code's sentence in the chosen language instead.
 */
import type { ErrorData } from '../../../shared/errors';
import type { Translate } from '../../../shared/i18n/catalogs';

/** The sentence for an error's code, in the language of `t`. */
export function errorWords(t: Translate, error: Pick<ErrorData, 'code'>): string {
  return t(`settings.error.${error.code}`);
}
