import { useId, useRef, useState } from 'react';
import type { AddressSuggestion } from '../../../shared/contacts';
import { checkAddress } from '../../../shared/mail/address';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { SYMBOLS } from '../../components/symbols';
import { useAddressSuggestions } from '../../state/address-suggestions';
import { useT } from '../../state/locale';
import { chipLabel, chipOfSuggestion, parseChips, suggestionLabel, type AddressChip } from './address-chips';
import './address-suggestions.css';

/** Words for where a suggestion comes from. */
const SOURCE_WORDS = {
  contact: 'compose.suggestionFromContact',
  collected: 'compose.suggestionFromCollected',
  recent: 'compose.suggestionFromRecent',
} as const satisfies Record<string, MessageId>;

/** The suggestions not already among the chips (a group not yet picked is offered too). */
function freshSuggestions(suggestions: readonly AddressSuggestion[], chips: readonly AddressChip[]): AddressSuggestion[] {
  const taken = new Set(chips.flatMap((chip) => (chip.address === null ? [] : [chip.address.address.toLowerCase()])));
  const groups = new Set(chips.flatMap((chip) => (chip.contactGroup === undefined ? [] : [chip.contactGroup.groupId])));
  return suggestions.filter((suggestion) => (suggestion.kind === 'group' ? !groups.has(suggestion.groupId) : !taken.has(suggestion.address.toLowerCase())));
}

/**
 * The suggestion Enter or Tab picks without moving through the list: the first, unless what is typed is
 * already a whole address that the first suggestion is not (then Enter keeps what was typed).
 */
function defaultActive(typed: string, suggestions: readonly AddressSuggestion[]): number {
  const first = suggestions[0];
  if (first === undefined) return -1;
  const whole = checkAddress({ address: typed.trim() });
  if (whole.ok && (first.kind === 'group' || first.address.toLowerCase() !== whole.value.address.toLowerCase())) return -1;
  return 0;
}

/** Whether typed text ends an entry: a trailing comma or semicolon outside quotes, brackets and groups. */
function endsEntry(text: string): boolean {
  if (!/[,;]\s*$/.test(text)) return false;
  const quotes = (text.replace(/\\./g, '').match(/"/g) ?? []).length;
  if (quotes % 2 === 1) return false;
  if (text.lastIndexOf('<') > text.lastIndexOf('>')) return false;
  const openGroup = text.lastIndexOf(':') > text.lastIndexOf(';');
  return !openGroup || /;\s*$/.test(text);
}

/** The catalog's word for each recipients field, as the header of a shown message names it. */
const FIELD_WORDS = { To: 'header.to', Cc: 'header.cc', Bcc: 'compose.fieldBcc' } as const satisfies Record<string, MessageId>;

/**
 * A recipients field (To, Cc, Bcc): chips for the addresses entered and a text box for the one being
 * typed. A comma, semicolon, Enter or leaving the box turns the text into chips; Backspace in an empty
 * box takes the last chip back for editing. Invalid entries stay visible, marked, with the reason.
 * While typing, the box is an ARIA combobox offering the address book's suggestions (best first):
 * Up and Down move through them, Enter picks one (a group stays one chip until sending) and stays for the next,
 * Tab picks one and moves on to the next field, Escape closes.
 */
export function AddressField(props: {
  readonly label: 'To' | 'Cc' | 'Bcc';
  readonly chips: readonly AddressChip[];
  readonly typed: string;
  readonly onChange: (chips: readonly AddressChip[], typed: string) => void;
  readonly onKeyDown?: (event: React.KeyboardEvent) => void;
}) {
  const id = useId();
  const t = useT();
  const fieldName = t(FIELD_WORDS[props.label]);
  const { chips, typed } = props;
  const commit = (text: string) => {
    if (text.trim() === '') {
      props.onChange(chips, '');
      return;
    }
    props.onChange([...chips, ...parseChips(text)], '');
  };
  const invalid = chips.filter((chip) => chip.problem !== null);
  const answer = useAddressSuggestions(typed);
  const suggestions = freshSuggestions(answer.suggestions, chips);
  // The suggestion moved to with the arrows, for the answer it was chosen in; a new answer starts over.
  const [choice, setChoice] = useState<{ readonly answer: typeof answer; readonly index: number } | null>(null);
  const active = choice !== null && choice.answer === answer ? choice.index : defaultActive(answer.query, suggestions);
  const setActive = (index: number) => setChoice({ answer, index });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const open = focused && suggestions.length > 0 && dismissed !== answer.query;
  const listId = `${id}-suggestions`;
  const optionId = (index: number) => `${id}-suggestion-${index}`;
  // Set when Tab picked a suggestion: the blur that follows must not turn the typed text into a chip too.
  const pickedOnTab = useRef(false);
  const pick = (suggestion: AddressSuggestion) => {
    // Offered suggestions are never among the chips already (see freshSuggestions).
    props.onChange([...chips, chipOfSuggestion(suggestion)], '');
    setChoice(null);
  };
  return (
    <div className="compose-row address-field">
      <label htmlFor={id}>{fieldName}</label>
      <div className="chips">
        {chips.length > 0 && (
          <ul className="chip-list" aria-label={t('compose.fieldRecipients', { field: fieldName })}>
            {chips.map((chip, index) => (
              <li
                key={`${chip.text}-${index}`}
                className={chip.problem !== null ? 'chip chip-invalid' : chip.contactGroup !== undefined ? 'chip chip-group' : 'chip'}
                title={
                  chip.contactGroup === undefined
                    ? (chip.problem ?? chip.text)
                    : t('compose.groupChipTitle', { name: chip.contactGroup.name, count: chip.contactGroup.members ?? 0 })
                }
              >
                <span>
                  {chip.contactGroup === undefined ? (
                    chipLabel(chip)
                  ) : (
                    <bdi>
                      {chip.contactGroup.members === null
                        ? chip.contactGroup.name
                        : t('compose.groupChip', { name: chip.contactGroup.name, count: chip.contactGroup.members })}
                    </bdi>
                  )}
                </span>
                {chip.address !== null && chip.address.name !== undefined && chip.address.name !== '' && (
                  <span className="chip-address">{chip.address.address}</span>
                )}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('compose.removeRecipient', { name: chipLabel(chip) })}
                  onClick={() =>
                    props.onChange(
                      chips.filter((_, other) => other !== index),
                      typed,
                    )
                  }
                >
                  {SYMBOLS.removeRecipient}
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
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          {...(open && active >= 0 ? { 'aria-activedescendant': optionId(active) } : {})}
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
            const chosen = open && active >= 0 ? suggestions[active] : undefined;
            if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
              event.preventDefault();
              const last = suggestions.length - 1;
              if (event.key === 'ArrowDown') setActive(active >= last ? 0 : active + 1);
              else setActive(active <= 0 ? last : active - 1);
              return;
            }
            if (!open && event.key === 'ArrowDown' && suggestions.length > 0) {
              event.preventDefault();
              setDismissed(null);
              setActive(0);
              return;
            }
            if (open && event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              setDismissed(answer.query);
              return;
            }
            const picks = (event.key === 'Tab' && !event.shiftKey) || (event.key === 'Enter' && !event.ctrlKey && !event.metaKey);
            if (chosen !== undefined && picks) {
              // Enter stays in the field for the next recipient; Tab takes the suggestion and moves on.
              if (event.key === 'Enter') event.preventDefault();
              else pickedOnTab.current = true;
              pick(chosen);
              return;
            }
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
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            if (pickedOnTab.current) pickedOnTab.current = false;
            else commit(typed);
          }}
        />
        {open && (
          <ul id={listId} role="listbox" className="address-suggestions" aria-label={t('compose.suggestionsFor', { field: fieldName })}>
            {suggestions.map((suggestion, index) => (
              <li
                key={suggestion.kind === 'group' ? `group-${suggestion.groupId}` : suggestion.address}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className="address-suggestion"
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => pick(suggestion)}
              >
                <bdi>{suggestionLabel(suggestion, t)}</bdi>
                <span className="suggestion-source">{t(suggestion.kind === 'group' ? 'compose.suggestionFromGroup' : SOURCE_WORDS[suggestion.source])}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {invalid.length > 0 && (
        <p id={`${id}-problem`} className="field-problem">
          {invalid.map((chip) => `${chip.text}: ${chip.problem ?? ''}`).join(' ')}
        </p>
      )}
    </div>
  );
}
