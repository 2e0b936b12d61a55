/**
 * The languages Mailbag speaks and how one is chosen: the user's choice in Settings → Language, else
 * the first of the operating system's preferred languages that Mailbag has, else English.
 */
/** The locales with a catalog: English (the source), German, French, Arabic (right to left) and the pseudo-locale. */
export const LOCALES = ['en', 'de', 'fr', 'ar', 'en-XA'] as const;

/** A locale Mailbag has a catalog for. */
export type Locale = (typeof LOCALES)[number];

/** Where nothing else matches. */
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The pseudo-locale (accented, about 40 % longer, in brackets): it makes a hard-coded string or a
 * clipped label visible at a glance. `en-XA` is the tag Android and Chromium use for the same purpose.
 */
export const PSEUDO_LOCALE = 'en-XA' satisfies Locale;

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set(['ar']);

/** Whether a locale is written right to left (the window mirrors its layout for it). */
export function isRightToLeft(locale: Locale): boolean {
  return RIGHT_TO_LEFT.has(locale);
}

/**
 * The first of the preferred language tags (BCP 47 like `de-AT`, or POSIX like `fr_CA.UTF-8`) that
 * Mailbag has, by exact tag and then by language; English when none matches.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const raw of preferred) {
    const tag = raw.split(/[.@]/)[0]?.replace(/_/g, '-').toLowerCase() ?? '';
    const exact = LOCALES.find((locale) => locale.toLowerCase() === tag);
    if (exact !== undefined) return exact;
    const language = tag.split('-')[0];
    const byLanguage = LOCALES.find((locale) => locale === language);
    if (byLanguage !== undefined) return byLanguage;
  }
  return DEFAULT_LOCALE;
}

/** The language the window and the messages Mailbag writes use: the setting, else the system's. */
export function chosenLocale(setting: Locale | null | undefined, systemPreferred: readonly string[]): Locale {
  return setting ?? pickLocale(systemPreferred);
}

/**
 * The command line's language from the environment, by POSIX precedence: LC_ALL, then LC_MESSAGES,
 * then LANG (the first one set and not empty); `C` and `POSIX` mean English.
 */
export function localeFromEnvironment(environment: Readonly<Record<string, string | undefined>>): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = environment[name];
    if (value === undefined || value === '') continue;
    if (value === 'C' || value === 'POSIX' || value.startsWith('C.')) return DEFAULT_LOCALE;
    return pickLocale([value]);
  }
  return DEFAULT_LOCALE;
}
