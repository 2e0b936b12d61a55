/**
 * Where the catalogs are loaded. Mailbag formats messages with FormatJS: ICU MessageFormat natively
 * (plurals by each language's rules, select for gender and kind, number and date skeletons), the same
 * runtime in the React window (react-intl) and in Node (the main process and the command line, through
 * @formatjs/intl's createIntl), and a lint plugin (eslint-plugin-formatjs) that catches literal text
 * that bypasses the catalogs.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { type Locale, PSEUDO_LOCALE } from './locales';
import { AR_MESSAGES } from './messages-ar';
import { DE_MESSAGES } from './messages-de';
import { type Catalog, EN_MESSAGES, type MessageId } from './messages-en';
import { FR_MESSAGES } from './messages-fr';
import { pseudoCatalog } from './pseudo-locale';

/** Each locale's catalog, made when first asked for (the pseudo-locale's is computed from English). */
const CATALOGS: Readonly<Record<Locale, () => Catalog>> = {
  en: () => EN_MESSAGES,
  de: () => DE_MESSAGES,
  fr: () => FR_MESSAGES,
  ar: () => AR_MESSAGES,
  'en-XA': () => (pseudoMessages ??= pseudoCatalog(EN_MESSAGES)),
};
let pseudoMessages: Catalog | undefined;

/** Each language's name in itself, as the language menu lists it (a person finds their own language by its own name). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  ar: 'العربية',
  'en-XA': '[Ƥšéûðö-ļöçàļé ~~~]',
};

/** The messages of a locale. */
export function catalogOf(locale: Locale): Catalog {
  return CATALOGS[locale]();
}

/**
 * The locale Intl formats dates, numbers and plurals with: the pseudo-locale formats as English (it
 * is a check of the strings, not a region).
 */
export function formattingLocale(locale: Locale): string {
  return locale === PSEUDO_LOCALE ? 'en' : locale;
}

/** The values a message's arguments take. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** A message in the chosen language, with its arguments filled in. */
export type Translate = (id: MessageId, values?: MessageValues) => string;

/** A language's formatter outside React: `t` for messages, `intl` for dates and numbers. */
export interface Translator {
  readonly locale: Locale;
  readonly intl: IntlShape<string>;
  readonly t: Translate;
}

const cache = createIntlCache();

/**
 * A formatter for a locale and time zone (the runtime's own when absent), for the main process and the
 * command line; the React window gets the same catalogs through react-intl's provider. The formatter
 * is made on first use: making one starts ICU's locale data (milliseconds a command that prints
 * nothing, or only JSON, need not spend).
 */
export function createTranslator(locale: Locale, timeZone?: string): Translator {
  let intl: IntlShape<string> | undefined;
  const made = (): IntlShape<string> =>
    (intl ??= createIntl(
      {
        locale: formattingLocale(locale),
        defaultLocale: 'en',
        messages: catalogOf(locale),
        ...(timeZone === undefined ? {} : { timeZone }),
      },
      cache,
    ));
  return {
    locale,
    get intl() {
      return made();
    },
    t: (id, values) => made().formatMessage({ id }, values),
  };
}
