import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, createTranslator, formattingLocale, LANGUAGE_NAMES } from '../../../../shared/i18n/catalogs';
import { chosenLocale, isRightToLeft, localeFromEnvironment, LOCALES, pickLocale, type Locale } from '../../../../shared/i18n/locales';
import { EN_MESSAGES, type MessageId } from '../../../../shared/i18n/messages-en';
import { pseudoLocalize } from '../../../../shared/i18n/pseudo-locale';

/** ICU element kinds as the parser numbers them. */
const KIND_NAMES = ['literal', 'argument', 'number', 'date', 'time', 'select', 'plural', 'pound', 'tag'] as const;

interface Element {
  readonly type: number;
  readonly value?: unknown;
  readonly options?: Readonly<Record<string, { readonly value: readonly Element[] }>>;
  readonly children?: readonly Element[];
}

/** A message's arguments as `name:kind` (select arguments with their keys; plurals count as numbers), and whether each plural has `other`. */
function argumentsOf(locale: Locale, message: string): string[] {
  const ast = createTranslator(locale).intl.formatters.getMessageFormat(message, formattingLocale(locale)).getAst() as readonly Element[];
  const found = new Set<string>();
  const walk = (elements: readonly Element[]): void => {
    for (const element of elements) {
      const kind = KIND_NAMES[element.type] ?? 'unknown';
      if (kind === 'literal' || kind === 'pound') continue;
      if (kind === 'select')
        found.add(
          `${String(element.value)}:select(${Object.keys(element.options ?? {})
            .sort()
            .join(',')})`,
        );
      else if (kind === 'plural') {
        assert.ok(element.options?.['other'] !== undefined, `${locale}: a plural without "other" in ${message}`);
        // A count may be a plural in one language and a plain number in another (French "non lus").
        found.add(`${String(element.value)}:number`);
      } else found.add(`${String(element.value)}:${kind}`);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.children !== undefined) walk(element.children);
    }
  };
  walk(ast);
  return [...found].sort();
}

const IDS = Object.keys(EN_MESSAGES).sort() as MessageId[];

test('every catalog has exactly the English ids, none missing and none left over', () => {
  for (const locale of LOCALES) assert.deepEqual(Object.keys(catalogOf(locale)).sort(), IDS, locale);
});

test('every message parses as ICU MessageFormat and takes the same arguments as the English one', () => {
  for (const locale of LOCALES) {
    for (const id of IDS) {
      const message = catalogOf(locale)[id];
      assert.ok(message.trim() !== '', `${locale} ${id} is empty`);
      assert.deepEqual(argumentsOf(locale, message), argumentsOf('en', EN_MESSAGES[id]), `${locale} ${id}`);
    }
  }
});

test('the translations are translations: most messages differ from English', () => {
  for (const locale of ['de', 'fr', 'ar'] as const) {
    const same = IDS.filter((id) => catalogOf(locale)[id] === EN_MESSAGES[id]);
    assert.ok(same.length < IDS.length / 5, `${locale}: ${same.length} of ${IDS.length} messages are the English text`);
  }
  // Arabic letters, not Latin, in the Arabic catalog.
  assert.match(catalogOf('ar')['app.opening'], /[\u0600-\u06ff]/);
});

test('the pseudo-locale accents literal text, keeps arguments and plural syntax, brackets and lengthens', () => {
  const message = '{count, plural, one {# new message} other {# new messages}} in {folder}';
  const pseudo = pseudoLocalize(message);
  assert.match(pseudo, /^\[.*\]$/);
  assert.deepEqual(argumentsOf('en-XA', pseudo), argumentsOf('en', message));
  assert.doesNotMatch(pseudo.replace(/\{[a-z]+|plural|one|other|folder/g, ''), /[a-z]{2}/);
  const shown = (text: string) => createTranslator('en').intl.formatMessage({ id: 'sample', defaultMessage: text }, { count: 3, folder: 'Inbox' });
  assert.ok(shown(pseudo).length >= shown(message).length * 1.4, shown(pseudo));
  const translator = createTranslator('en-XA');
  assert.match(translator.t('app.opening'), /^\[Öþéñîñĝ ýöûŕ ɱàîļ… ~+\]$/);
  assert.ok(translator.t('app.opening').length >= EN_MESSAGES['app.opening'].length * 1.35);
});

test('plurals follow each language’s rules', () => {
  const samples = { en: 'one', de: 'one', fr: 'one', ar: 'one' } as const;
  for (const locale of Object.keys(samples) as (keyof typeof samples)[]) {
    const rules = new Intl.PluralRules(formattingLocale(locale));
    assert.equal(rules.select(1), samples[locale]);
  }
  // French counts 0 as singular, English as plural; Arabic has a dual.
  assert.equal(new Intl.PluralRules('fr').select(0), 'one');
  assert.equal(new Intl.PluralRules('en').select(0), 'other');
  assert.equal(new Intl.PluralRules('ar').select(2), 'two');
});

test('the language follows the system’s preferred languages until one is chosen', () => {
  assert.equal(pickLocale(['de-AT', 'en-US']), 'de');
  assert.equal(pickLocale(['pt-BR', 'fr-CA']), 'fr');
  assert.equal(pickLocale(['ar-EG']), 'ar');
  assert.equal(pickLocale(['en-XA']), 'en-XA');
  assert.equal(pickLocale(['ja-JP']), 'en');
  assert.equal(pickLocale([]), 'en');
  assert.equal(chosenLocale(null, ['de-DE']), 'de');
  assert.equal(chosenLocale('fr', ['de-DE']), 'fr');
  assert.equal(isRightToLeft('ar'), true);
  assert.equal(isRightToLeft('de'), false);
  assert.equal(LANGUAGE_NAMES.de, 'Deutsch');
});

test('the command line takes its language from LC_ALL, then LC_MESSAGES, then LANG', () => {
  assert.equal(localeFromEnvironment({ LANG: 'de_DE.UTF-8' }), 'de');
  assert.equal(localeFromEnvironment({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' }), 'fr');
  assert.equal(localeFromEnvironment({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8', LC_ALL: 'ar_EG.UTF-8' }), 'ar');
  assert.equal(localeFromEnvironment({ LANG: 'de_DE.UTF-8', LC_ALL: '' }), 'de');
  assert.equal(localeFromEnvironment({ LANG: 'C.UTF-8' }), 'en');
  assert.equal(localeFromEnvironment({ LC_ALL: 'POSIX', LANG: 'de_DE' }), 'en');
  assert.equal(localeFromEnvironment({}), 'en');
});

test('counts agree in number: no message writes a plural as “message(s)”', () => {
  for (const locale of LOCALES) {
    const catalog = catalogOf(locale);
    const hedged = IDS.filter((id) => /\p{L}\((?:s|es|e|en|n|x)\)/u.test(catalog[id]));
    assert.deepEqual(hedged, [], locale);
  }
  const german = createTranslator('de');
  assert.equal(german.t('cli.server.keptForever', { count: 1 }), '1 Nachricht bleibt für immer auf dem Server.');
  assert.equal(german.t('cli.server.keptForever', { count: 1200 }), '1.200 Nachrichten bleiben für immer auf dem Server.');
  assert.match(german.t('cli.restore.result', { count: 1, date: '1.12.2026', profile: 'p' }), /^1 Nachricht aus der Sicherung/);
  assert.match(german.t('cli.restore.result', { count: 3, date: '1.12.2026', profile: 'p' }), /^3 Nachrichten aus der Sicherung/);
});
