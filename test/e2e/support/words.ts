/**
 * The window's words in the language the end-to-end tests run in (MAILBAG_E2E_LOCALE, English when
 * unset): tests find controls by what a person reads, so the same test passes in every language.
 */
import { formatByteSize } from '../../../shared/byte-size';
import { createTranslator, formattingLocale, type MessageValues } from '../../../shared/i18n/catalogs';
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

/**
 * A value of {@link uiPattern} that stands for any text: a part the test cannot know, such as the time
 * a check ran (`uiPattern('status.checked', { account: 'Alice', time: ANY_TEXT, news })`).
 */
export const ANY_TEXT = '\u{E000}';

/**
 * A value of {@link uiPattern} that stands for any number in a `{name, number}` argument (how many of
 * the listed messages are unread when the test does not control it). Not for a plural's count: the
 * count picks the words around it.
 */
export const ANY_NUMBER = 987_654_321;

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The same message as a pattern that matches it anywhere in a longer text (an accessible name with a count, a key hint). */
export function uiPattern(id: MessageId, values?: MessageValues): RegExp {
  const anyNumber = translator.intl.formatNumber(ANY_NUMBER);
  const parts = ui(id, values)
    .split(ANY_TEXT)
    .flatMap((part) => part.split(anyNumber));
  return new RegExp(parts.map(escaped).join('[^]*?'));
}

/** A byte count as the window writes it in the tests' language ("2.9 KB", "2,9 KB"), by the product's own formatter. */
export function uiByteSize(bytes: number): string {
  return formatByteSize(bytes, formattingLocale(E2E_LOCALE));
}
