import type { Settings } from '../../shared/settings';

const CHOICES: readonly { value: Settings['appearance']; label: string }[] = [
  { value: 'system', label: 'Same as system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark or system appearance, as a labelled choice. */
export function AppearancePicker(props: { readonly value: Settings['appearance']; readonly onChange: (value: Settings['appearance']) => void }) {
  return (
    <label className="field-inline">
      <span>Appearance</span>
      <select value={props.value} onChange={(event) => props.onChange(event.target.value as Settings['appearance'])} aria-label="Appearance">
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
