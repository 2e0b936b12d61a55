/**
 * Server rules decide from what the server tells before anything is downloaded: the header section
 * (`TOP n 0`, RFC 1939 §7) and the size (LIST). So their conditions may use only the search language's
 * header and size operators (`from:`, `to:`, `cc:`, `subject:`, `header:`, `larger:`, `smaller:`, with
 * AND, OR and NOT), and are evaluated here, in the same way the search compiler's SQL reads them: words
 * as whole words (the last one typed may be a word's start), `header:` comparisons by rule-functions.ts.
 */
import { wordedError } from '../../shared/error-words';
import type { SearchNode } from '../../shared/search-query';
import type { HeaderColumns } from './header-columns';
import { headerValues, textMatches } from './rule-functions';

/** What the server tells of a message before download. */
export interface ServerMessageFacts {
  /** The header section as the server sent it. */
  readonly headers: string;
  /** Its decoded list columns (undefined when the section could not be read). */
  readonly columns: HeaderColumns | undefined;
  /** Octets as LIST reports them, or null if unknown. */
  readonly size: number | null;
}

const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

/** Refuses a condition that needs more than the headers and the size. */
export function assertServerRuleQuery(node: SearchNode | null): void {
  if (node === null) return;
  switch (node.kind) {
    case 'and':
    case 'or':
      node.children.forEach(assertServerRuleQuery);
      return;
    case 'not':
      assertServerRuleQuery(node.child);
      return;
    case 'header':
    case 'size':
      return;
    case 'text':
      if (node.field === 'from' || node.field === 'to' || node.field === 'cc' || node.field === 'subject') return;
      break;
    default:
      break;
  }
  throw wordedError('VALIDATION', { id: 'refusal.ruleServerOperators' });
}

function wordsOf(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und').match(WORD) ?? [];
}

/** Whether `wanted` (a word or a phrase) is among the words of `text`, as the full-text index finds it. */
function hasWords(text: string, wanted: string, phrase: boolean, prefix: boolean): boolean {
  const hay = wordsOf(text);
  const needles = wordsOf(wanted);
  if (needles.length === 0) return false;
  const same = (word: string | undefined, needle: string, last: boolean): boolean =>
    word !== undefined && (word === needle || (prefix && last && word.startsWith(needle)));
  if (!phrase) return needles.every((needle, index) => hay.some((word) => same(word, needle, index === needles.length - 1)));
  return hay.some((_, start) => needles.every((needle, index) => same(hay[start + index], needle, index === needles.length - 1)));
}

function addressText(list: ReadonlyArray<{ readonly name: string; readonly address: string }>): string[] {
  return list.map((entry) => `${entry.name}\n${entry.address}\n${entry.name} <${entry.address}>`);
}

/** The decoded text of a list-column header, one line per address; null for other headers. */
function columnText(columns: HeaderColumns | undefined, name: string): string[] | null {
  switch (name) {
    case 'subject':
      return [columns?.subject ?? ''];
    case 'from':
      return columns?.from === undefined || columns.from === null ? [''] : addressText([columns.from]);
    case 'to':
      return addressText(columns?.to ?? []);
    case 'cc':
      return addressText(columns?.cc ?? []);
    default:
      return null;
  }
}

/** Whether a server rule's condition holds for a message on the server. */
export function serverRuleMatches(node: SearchNode, facts: ServerMessageFacts): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => serverRuleMatches(child, facts));
    case 'or':
      return node.children.some((child) => serverRuleMatches(child, facts));
    case 'not':
      return !serverRuleMatches(node.child, facts);
    case 'size':
      return facts.size !== null && (node.relation === 'larger' ? facts.size > node.bytes : facts.size < node.bytes);
    case 'header': {
      const decoded = columnText(facts.columns, node.name);
      const values = decoded ?? headerValues(facts.headers, node.name);
      return values.some((value) => textMatches(node.match, node.value, value));
    }
    case 'text': {
      const field = node.field ?? 'subject';
      const texts = columnText(facts.columns, field) ?? [];
      return texts.some((text) => hasWords(text, node.text, node.phrase, node.prefix));
    }
    default:
      return false;
  }
}
