/**
 * Suggestions for what is being typed in an address field, from the address book (contacts, collected
 * and recent recipients, groups) through main. Each answer is matched to the text it was asked for,
 * so a slow answer to an earlier keystroke never replaces the answer to the text now in the box.
 */
import { useEffect, useState } from 'react';
import type { AddressSuggestion } from '../../shared/contacts';
import { bridge } from '../bridge';

/** Suggestions an address field shows at most. */
const SHOWN_SUGGESTIONS = 8;

/** The suggestions for `query` (none while it is blank), and the query they answer. */
export function useAddressSuggestions(query: string): { readonly query: string; readonly suggestions: readonly AddressSuggestion[] } {
  const [answer, setAnswer] = useState<{ query: string; suggestions: readonly AddressSuggestion[] }>({ query: '', suggestions: [] });
  const wanted = query.trim();
  useEffect(() => {
    if (wanted === '') return;
    let current = true;
    void bridge.suggestAddresses(wanted, SHOWN_SUGGESTIONS).then((result) => {
      if (current && result.ok) setAnswer({ query: wanted, suggestions: result.value });
    });
    return () => {
      current = false;
    };
  }, [wanted]);
  return wanted !== '' && answer.query === wanted ? answer : { query: wanted, suggestions: [] };
}
