import { LANGUAGE_NAMES } from '../../../shared/i18n/catalogs';
import { languageSchema } from '../../../shared/i18n/language-schema';
import { LOCALES, pickLocale } from '../../../shared/i18n/locales';
import { Field } from '../../components/field';
import { systemLanguages, useT } from '../../state/locale';
import type { SectionProps } from './preference-sections';

/** The value of the "same as system" choice in the language box (a setting of null). */
const SYSTEM_CHOICE = 'system';

/**
 * Settings → Language: the system's language or one of Mailbag's. The window switches at once, and
 * replies and forwards written from then on carry their header in that language.
 */
export function LanguageSection(props: SectionProps) {
  const t = useT();
  const system = LANGUAGE_NAMES[pickLocale(systemLanguages())];
  return (
    <div className="settings-fields">
      <Field label={t('language.label')} hint={t('language.hint')}>
        {(control) => (
          <select
            {...control}
            value={props.settings.language ?? SYSTEM_CHOICE}
            onChange={(event) => {
              const chosen = languageSchema.safeParse(event.target.value === SYSTEM_CHOICE ? null : event.target.value);
              if (chosen.success) void props.update({ language: chosen.data });
            }}
          >
            <option value={SYSTEM_CHOICE}>{t('language.system', { language: system })}</option>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
