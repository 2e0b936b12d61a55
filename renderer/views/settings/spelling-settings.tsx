import { useEffect, useState } from 'react';
import { MAX_SPELL_CHECK_LANGUAGES, SPELL_CHECK_LANGUAGE } from '../../../shared/settings';
import { Field } from '../../components/field';
import { hasSpellChecker } from '../compose/spelling';
import { useT } from '../../state/locale';
import { ToggleSetting, type SectionProps } from './preference-sections';

/** The languages as typed ("en-US, de-DE") as a list; null when one is not a language tag or there are too many. */
export function parseLanguages(text: string): string[] | null {
  const languages = [...new Set(text.split(/[\s,;]+/).filter((item) => item !== ''))];
  if (languages.length > MAX_SPELL_CHECK_LANGUAGES || languages.some((item) => !SPELL_CHECK_LANGUAGE.test(item))) return null;
  return languages;
}

/**
 * Spelling: underline misspelled words while writing, the spell checker's languages (the app's
 * dictionaries; a browser uses its own), and whether Send asks first when words are misspelled.
 */
export function SpellingSettings(props: SectionProps) {
  const { settings, update } = props;
  const t = useT();
  const saved = settings.spellCheckLanguages.join(', ');
  const [languages, setLanguages] = useState(saved);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => setLanguages(saved), [saved]);
  const app = hasSpellChecker();
  return (
    <fieldset className="settings-fields settings-spelling">
      <legend>{t('spelling.title')}</legend>
      <ToggleSetting label={t('spelling.whileWriting')} value={settings.spellCheck} onSave={(spellCheck) => void update({ spellCheck })} />
      <Field label={t('spelling.languages')} error={error} hint={app ? t('spelling.languagesHint') : t('spelling.browserHint')}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={languages}
            disabled={!app}
            onChange={(event) => setLanguages(event.target.value)}
            onBlur={() => {
              const parsed = parseLanguages(languages);
              if (parsed === null) {
                setError(t('spelling.invalid', { max: MAX_SPELL_CHECK_LANGUAGES }));
                return;
              }
              setError(undefined);
              if (parsed.join(', ') !== saved) void update({ spellCheckLanguages: parsed });
            }}
          />
        )}
      </Field>
      <ToggleSetting
        label={t('spelling.beforeSend')}
        value={settings.checkSpellingBeforeSend}
        onSave={(checkSpellingBeforeSend) => void update({ checkSpellingBeforeSend })}
      />
    </fieldset>
  );
}
