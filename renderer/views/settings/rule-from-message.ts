/**
 * "Create rule from this message": the conditions a message suggests — its sender (chosen at first),
 * its subject, and the mailing list it came through (its List-Id, RFC 2919) — written in the search
 * language, so the editor opens with a condition the user can try as a search before saving.
 */
import { firstHeaderValue } from '../../../shared/mail/header-section';
import type { MessageListItem } from '../../../shared/mail';
import type { NewRulePrefill, RuleSuggestion } from '../../state/navigation';

/** Longest subject put in a suggested condition (the search language's bounds leave room for more terms). */
const MAX_SUGGESTED_SUBJECT_LENGTH = 120;

/** A value as one search term: quoted when it holds blanks, quotes or parentheses (quotes inside are dropped). */
function term(value: string): string {
  const clean = value.replace(/"/g, '').trim();
  return /[\s()]/.test(clean) ? `"${clean}"` : clean;
}

/** The list's id inside the angle brackets of a List-Id field (RFC 2919 §3), else the field as it is. */
export function listIdOf(headerSection: string): string | null {
  const value = firstHeaderValue(headerSection, 'list-id');
  if (value === undefined) return null;
  const inside = /<([^<>\s]+)>/.exec(value)?.[1] ?? value.trim();
  return inside === '' ? null : inside;
}

/** The rule a message suggests: named after its sender or list (unnamed without either), for its account, the sender chosen. */
export function rulePrefillFromMessage(item: Pick<MessageListItem, 'accountId' | 'from' | 'subject'>, listId: string | null): NewRulePrefill {
  const suggestions: RuleSuggestion[] = [];
  const address = item.from?.address ?? '';
  if (address !== '') suggestions.push({ kind: 'from', value: address, query: `from:${term(address)}`, chosen: true });
  const subject = (item.subject ?? '').trim().slice(0, MAX_SUGGESTED_SUBJECT_LENGTH);
  if (subject.replace(/"/g, '').trim() !== '') suggestions.push({ kind: 'subject', value: subject, query: `subject:${term(subject)}`, chosen: false });
  if (listId !== null) suggestions.push({ kind: 'list', value: listId, query: `header:list-id:${term(listId)}`, chosen: address === '' });
  return {
    name: listId ?? address,
    query: suggestedQuery(suggestions),
    accountId: item.accountId,
    suggestions,
  };
}

/** The condition of the suggestions chosen (all of them must match). */
export function suggestedQuery(suggestions: readonly RuleSuggestion[]): string {
  return suggestions
    .filter((suggestion) => suggestion.chosen)
    .map((suggestion) => suggestion.query)
    .join(' ');
}
