/**
 * The main process's language: the one chosen in Settings → Language, else the operating system's
 * (Electron's app.getLocale and the system's preferred languages), for the dialogs main shows itself.
 */
import { createTranslator, type Translator } from '../../shared/i18n/catalogs';
import { chosenLocale, type Locale } from '../../shared/i18n/locales';

/** A translator for main's own dialogs and menus, from the setting and the system's languages. */
export function mainTranslator(setting: Locale | null | undefined, systemLanguages: readonly string[]): Translator {
  return createTranslator(chosenLocale(setting, systemLanguages));
}
