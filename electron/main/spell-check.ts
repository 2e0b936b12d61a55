/**
 * Spell checking in the desktop app with Electron's built-in spell checker: the languages and the
 * on/off switch come from Settings (languages Chromium has no dictionary for are left out, as
 * `setSpellCheckerLanguages` refuses them), and right-clicking a misspelled word in an editable field
 * offers Chromium's suggestions, each replacing the word, and "Add to dictionary". On macOS the
 * system's spell checker decides the language by itself.
 */
import type { Translate } from '../../shared/i18n/catalogs';
import { Menu, type MenuItemConstructorOptions, type Session, type WebContents } from 'electron';
import type { Settings } from '../../shared/settings';

/** Most suggestions offered for one word (Chromium gives a handful; more would crowd the menu). */
export const MAX_SPELLING_SUGGESTIONS = 6;

/** The part of a session spell checking uses (a fake in tests). */
export type SpellCheckSession = Pick<
  Session,
  'setSpellCheckerEnabled' | 'setSpellCheckerLanguages' | 'availableSpellCheckerLanguages' | 'addWordToSpellCheckerDictionary'
>;

/**
 * Applies the spelling settings to a session: on or off, and the chosen languages that have a
 * dictionary (all of them when none is chosen keeps Chromium's choice, the app's language).
 */
export function applySpellCheckSettings(session: SpellCheckSession, settings: Pick<Settings, 'spellCheck' | 'spellCheckLanguages'>): readonly string[] {
  session.setSpellCheckerEnabled(settings.spellCheck);
  const available = new Set(session.availableSpellCheckerLanguages);
  const languages = settings.spellCheckLanguages.filter((language) => available.has(language));
  if (languages.length > 0) session.setSpellCheckerLanguages(languages);
  return languages;
}

/** What a right-click in the page reported that the spelling menu needs. */
export interface SpellingContext {
  readonly isEditable: boolean;
  readonly misspelledWord: string;
  readonly dictionarySuggestions: readonly string[];
}

/** What the spelling menu does. */
export interface SpellingActions {
  readonly replace: (word: string) => void;
  readonly addToDictionary: (word: string) => void;
}

/** The spelling menu for a misspelled word in an editable field; null anywhere else. */
export function spellingMenuTemplate(t: Translate, context: SpellingContext, actions: SpellingActions): MenuItemConstructorOptions[] | null {
  if (!context.isEditable || context.misspelledWord === '') return null;
  const word = context.misspelledWord;
  const suggestions = context.dictionarySuggestions.slice(0, MAX_SPELLING_SUGGESTIONS);
  return [
    ...(suggestions.length === 0
      ? [{ label: t('menu.noSuggestions'), enabled: false }]
      : suggestions.map((suggestion) => ({ label: suggestion, click: () => actions.replace(suggestion) }))),
    { type: 'separator' },
    { label: t('menu.addToDictionary', { word }), click: () => actions.addToDictionary(word) },
  ];
}

/** Shows the spelling menu, in the language chosen at that moment, when a misspelled word in an editable field of the window's page is right-clicked. */
export function attachSpellingMenu(contents: WebContents, session: Pick<Session, 'addWordToSpellCheckerDictionary'>, translate: () => Translate): void {
  contents.on('context-menu', (_event, params) => {
    const template = spellingMenuTemplate(translate(), params, {
      replace: (suggestion) => contents.replaceMisspelling(suggestion),
      addToDictionary: (word) => void session.addWordToSpellCheckerDictionary(word),
    });
    if (template !== null) Menu.buildFromTemplate(template).popup();
  });
}
