import { useT } from '../../state/locale';
import type { FromChoice } from './compose-load';

/**
 * Text set apart from the words around it (Unicode's first-strong isolate): an option cannot hold a
 * <bdi>, and a name or an address must not reorder the sentence in a right-to-left window.
 */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The From row: one choice per identity of each account; choosing one sets the account, the address and the signature. */
export function FromField(props: {
  readonly choices: readonly FromChoice[];
  readonly selected: FromChoice | undefined;
  readonly disabled: boolean;
  readonly onChange: (choice: FromChoice) => void;
}) {
  const { choices, selected, disabled, onChange } = props;
  const t = useT();
  return (
    <div className="compose-row">
      <label htmlFor="compose-from">{t('compose.from')}</label>
      <select
        id="compose-from"
        value={selected?.key ?? ''}
        disabled={disabled}
        onChange={(event) => {
          const choice = choices.find((item) => item.key === event.target.value);
          if (choice !== undefined) onChange(choice);
        }}
      >
        {choices.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {t('compose.fromChoice', {
              identity: isolate(choice.identity.name === '' ? choice.identity.address : `${choice.identity.name} <${choice.identity.address}>`),
              account: isolate(choice.accountName),
            })}
          </option>
        ))}
      </select>
    </div>
  );
}
