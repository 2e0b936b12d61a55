import type { Settings } from '../../shared/settings';
import { useT } from '../state/locale';
import type { MessageId } from '../../shared/i18n/messages-en';

const CHOICES: readonly { value: Settings['appearance']; label: MessageId }[] = [
  { value: 'system', label: 'appearance.system' },
  { value: 'light', label: 'appearance.light' },
  { value: 'dark', label: 'appearance.dark' },
];

/** Light, dark or system appearance, as a labelled choice. */
export function AppearancePicker(props: { readonly value: Settings['appearance']; readonly onChange: (value: Settings['appearance']) => void }) {
  const t = useT();
  return (
    <label className="field-inline">
      <span>{t('appearance.label')}</span>
      <select value={props.value} onChange={(event) => props.onChange(event.target.value as Settings['appearance'])} aria-label={t('appearance.label')}>
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {t(choice.label)}
          </option>
        ))}
      </select>
    </label>
  );
}
