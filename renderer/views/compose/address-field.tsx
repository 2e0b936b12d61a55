import { useId } from 'react';
import { chipLabel, parseChips, type AddressChip } from './address-chips';

/** Whether typed text ends an entry: a trailing comma or semicolon outside quotes, brackets and groups. */
function endsEntry(text: string): boolean {
  if (!/[,;]\s*$/.test(text)) return false;
  const quotes = (text.replace(/\\./g, '').match(/"/g) ?? []).length;
  if (quotes % 2 === 1) return false;
  if (text.lastIndexOf('<') > text.lastIndexOf('>')) return false;
  const openGroup = text.lastIndexOf(':') > text.lastIndexOf(';');
  return !openGroup || /;\s*$/.test(text);
}

/**
 * A recipients field (To, Cc, Bcc): chips for the addresses entered and a text box for the one being
 * typed. A comma, semicolon, Enter or leaving the box turns the text into chips; Backspace in an empty
 * box takes the last chip back for editing. Invalid entries stay visible, marked, with the reason.
 */
export function AddressField(props: {
  readonly label: 'To' | 'Cc' | 'Bcc';
  readonly chips: readonly AddressChip[];
  readonly typed: string;
  readonly onChange: (chips: readonly AddressChip[], typed: string) => void;
  readonly onKeyDown?: (event: React.KeyboardEvent) => void;
}) {
  const id = useId();
  const { chips, typed } = props;
  const commit = (text: string) => {
    if (text.trim() === '') {
      props.onChange(chips, '');
      return;
    }
    props.onChange([...chips, ...parseChips(text)], '');
  };
  const invalid = chips.filter((chip) => chip.problem !== null);
  return (
    <div className="compose-row address-field">
      <label htmlFor={id}>{props.label}</label>
      <div className="chips">
        {chips.length > 0 && (
          <ul className="chip-list" aria-label={`${props.label} recipients`}>
            {chips.map((chip, index) => (
              <li key={`${chip.text}-${index}`} className={chip.problem === null ? 'chip' : 'chip chip-invalid'} title={chip.problem ?? chip.text}>
                <span>{chipLabel(chip)}</span>
                {chip.address !== null && chip.address.name !== undefined && chip.address.name !== '' && (
                  <span className="chip-address">{chip.address.address}</span>
                )}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${chipLabel(chip)}`}
                  onClick={() =>
                    props.onChange(
                      chips.filter((_, other) => other !== index),
                      typed,
                    )
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          className="chip-input"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid.length > 0}
          {...(invalid.length > 0 ? { 'aria-describedby': `${id}-problem` } : {})}
          onChange={(event) => {
            const value = event.target.value;
            if (endsEntry(value)) commit(value);
            else props.onChange(chips, value);
          }}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text');
            if (/[,;\n]/.test(pasted)) {
              event.preventDefault();
              commit(`${typed}${pasted.replace(/\r?\n/g, ',')}`);
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
              event.preventDefault();
              commit(typed);
            } else if (event.key === 'Backspace' && typed === '' && chips.length > 0) {
              event.preventDefault();
              const last = chips[chips.length - 1];
              props.onChange(chips.slice(0, -1), last?.text ?? '');
            }
            props.onKeyDown?.(event);
          }}
          onBlur={() => commit(typed)}
        />
      </div>
      {invalid.length > 0 && (
        <p id={`${id}-problem`} className="field-problem">
          {invalid.map((chip) => `${chip.text}: ${chip.problem ?? ''}`).join(' ')}
        </p>
      )}
    </div>
  );
}
