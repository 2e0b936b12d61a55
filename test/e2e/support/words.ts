/**
 * The window's words in the language the end-to-end tests run in (MAILBAG_E2E_LOCALE, English when
 * unset): tests find controls by what a person reads, so the same test passes in every language.
 */
import { createTranslator, type MessageValues } from '../../../shared/i18n/catalogs';
import { pickLocale, type Locale } from '../../../shared/i18n/locales';
import { type MessageId } from '../../../shared/i18n/messages-en';
import { DEFAULT_BROWSER_LOCALE } from './browser';

/** The locale the window is expected to speak in these tests. */
export const E2E_LOCALE: Locale = pickLocale([DEFAULT_BROWSER_LOCALE]);

const translator = createTranslator(E2E_LOCALE);

/** A message of the catalogs as the window shows it in the tests' language. */
export function ui(id: MessageId, values?: MessageValues): string {
  return translator.t(id, values);
}

/** The same message as a pattern that matches it anywhere in a longer text (an accessible name with a count, a key hint). */
export function uiPattern(id: MessageId, values?: MessageValues): RegExp {
  return new RegExp(ui(id, values).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
