/**
 * Helpers of the tests that show a service's refusal in the reader's language: the refusal is caught
 * from the service's own public function, never built by hand.
 */
import assert from 'node:assert/strict';
import { errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import type { Locale } from '../../../../shared/i18n/locales';

/** The MailbagError a promise (or function) fails with; it must carry a catalog message. */
export async function refusal(work: Promise<unknown> | (() => unknown)): Promise<MailbagError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    assert.ok(error instanceof MailbagError, String(error));
    assert.ok(error.words !== undefined, `no catalog message: ${error.message}`);
    return error;
  }
  throw new Error('expected a refusal');
}

/** The error as the window or the command line says it in `locale` (after crossing a boundary as data). */
export function saidIn(locale: Locale, error: MailbagError): string {
  return errorMessageIn(createTranslator(locale).t, error.toData());
}
