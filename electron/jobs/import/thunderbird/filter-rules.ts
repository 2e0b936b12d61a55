/**
 * Thunderbird's message filters (`msgFilterRules.dat`, one per account folder) as Mailbag rules: each
 * filter's conditions become a search-language condition and its actions rule actions, where they map.
 * A filter with a condition that does not map is not imported at all (dropping a condition would make
 * the rule match more mail than it did); an action that does not map is left out and said. Every
 * filter that could not be brought over whole is listed with the reason.
 */
import type { ErrorData } from '../../../../shared/errors';
import { MAX_RULE_NAME_LENGTH, type RuleAction, type RuleInput } from '../../../../shared/rules';

/** A filter brought over: the rule to save, whether it was on, and the actions left out. */
export interface ImportedFilter {
  readonly rule: Omit<RuleInput, 'accountId'>;
  readonly enabled: boolean;
  readonly leftOut: readonly string[];
}

/**
 * Why a filter was not imported, as a code with its facts (Thunderbird's own words where it names a
 * condition, a field or actions), so the command line says it in the user's language and `--json` the
 * same in every language.
 */
export type FilterSkipReason =
  /** It matches every message (Thunderbird's ALL). */
  | { readonly code: 'every-message' }
  /** Its condition could not be read at all. */
  | { readonly code: 'condition-unreadable' }
  /** One condition has no equivalent in the search language. */
  | { readonly code: 'condition-unmapped'; readonly condition: string }
  /** Conditions on this Thunderbird field (age, status, priority…) have no equivalent. */
  | { readonly code: 'field-unmapped'; readonly field: string }
  /** A size condition whose value is not a whole number of kilobytes. */
  | { readonly code: 'size-not-number'; readonly value: string }
  /** None of its actions (Thunderbird's names, perhaps none) has an equivalent. */
  | { readonly code: 'actions-unmapped'; readonly actions: readonly string[] }
  /** An earlier filter of the file has the same name. */
  | { readonly code: 'same-name' }
  /** Mailbag refused to save the rule it became. */
  | { readonly code: 'refused'; readonly error: ErrorData };

/** A filter that was not imported, by its name. */
export interface SkippedFilter {
  readonly name: string;
  readonly reason: FilterSkipReason;
}

/** What a filter file yields: the rules, and the filters that could not be imported with why. */
export interface FilterImport {
  readonly filters: readonly ImportedFilter[];
  readonly skipped: readonly SkippedFilter[];
}

/** Largest filter file read (Thunderbird's are a few kilobytes; a bigger one is not a filter list). */
export const MAX_FILTER_FILE_BYTES = 4 * 1024 * 1024;

interface RawFilter {
  name: string;
  enabled: boolean;
  condition: string;
  actions: Array<{ action: string; value: string | null }>;
}

/** The value of a `key="value"` line, with Thunderbird's `\"` and `\\` escapes undone. */
function unquote(text: string): string {
  const inner = text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text;
  return inner.replace(/\\(["\\])/g, '$1');
}

function readFilters(text: string): RawFilter[] {
  const filters: RawFilter[] = [];
  let current: RawFilter | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = /^([a-zA-Z]+)=(.*)$/.exec(line.trim());
    if (match === null) continue;
    const key = match[1] ?? '';
    const value = unquote(match[2] ?? '');
    if (key === 'name') {
      current = { name: value, enabled: true, condition: '', actions: [] };
      filters.push(current);
    } else if (current === undefined) {
      continue;
    } else if (key === 'enabled') {
      current.enabled = value === 'yes';
    } else if (key === 'condition') {
      current.condition = value;
    } else if (key === 'action') {
      current.actions.push({ action: value, value: null });
    } else if (key === 'actionValue') {
      const last = current.actions.at(-1);
      if (last !== undefined) last.value = value;
    }
  }
  return filters;
}

/** Splits `AND (from,contains,x) OR (…)` into its joiner and terms, honouring quoted values. */
function conditionTerms(condition: string): { joiner: 'AND' | 'OR'; terms: string[][] } | 'all' {
  if (condition.trim().toUpperCase() === 'ALL') return 'all';
  const terms: string[][] = [];
  let joiner: 'AND' | 'OR' = 'AND';
  let index = 0;
  while (index < condition.length) {
    const rest = condition.slice(index);
    const head = /^\s*(AND|OR)\s*\(/.exec(rest);
    if (head === null) break;
    joiner = head[1] === 'OR' ? 'OR' : 'AND';
    index += head[0].length;
    const parts: string[] = [];
    let part = '';
    let quoted = false;
    for (; index < condition.length; index += 1) {
      const character = condition.charAt(index);
      if (quoted) {
        if (character === '\\' && index + 1 < condition.length) {
          index += 1;
          part += condition.charAt(index);
        } else if (character === '"') quoted = false;
        else part += character;
      } else if (character === '"') {
        quoted = true;
        // A quoted field is a custom header: its leading quote is kept to say so.
        if (parts.length === 0 && part === '') part = '"';
      } else if (character === ',' && parts.length < 2) {
        parts.push(part);
        part = '';
      } else if (character === ')') {
        parts.push(part);
        index += 1;
        break;
      } else part += character;
    }
    terms.push(parts);
  }
  return { joiner, terms };
}

/** One value as a search term's value: quoted when it holds blanks or parentheses; a double quote cannot be said. */
function valueText(value: string): string | null {
  if (value.includes('"') || value.trim() === '') return null;
  return /[\s()]/.test(value) ? `"${value}"` : value;
}

/** A header comparison in the search language. */
function headerCondition(header: string, operator: string, value: string): string | null {
  const marked: Record<string, (text: string) => string> = {
    contains: (text) => text,
    "doesn't contain": (text) => text,
    is: (text) => `=${text}`,
    "isn't": (text) => `=${text}`,
    'begins with': (text) => `^${text}`,
    'ends with': (text) => `${text}$`,
  };
  const mark = marked[operator];
  if (mark === undefined || !/^[\x21-\x39\x3b-\x7e]+$/.test(header)) return null;
  const text = valueText(mark(value));
  if (text === null) return null;
  const negated = operator === "doesn't contain" || operator === "isn't";
  return `${negated ? '-' : ''}header:${header.toLowerCase()}:${text}`;
}

/** A condition (in Thunderbird's words) that has no equivalent. */
function unmapped(condition: string): { reason: FilterSkipReason } {
  return { reason: { code: 'condition-unmapped', condition } };
}

/** One Thunderbird condition term in the search language, or why it cannot be. */
function termCondition(parts: readonly string[]): string | { reason: FilterSkipReason } {
  const [field = '', operator = '', value = ''] = parts;
  const name = field.replace(/^"|"$/g, '').toLowerCase();
  switch (name) {
    case 'from':
    case 'to':
    case 'cc':
    case 'subject':
      return headerCondition(name, operator, value) ?? unmapped(`${field} ${operator} ${value}`);
    case 'body': {
      const text = valueText(value);
      if (text === null || (operator !== 'contains' && operator !== "doesn't contain")) return unmapped(`body ${operator}`);
      return `${operator === 'contains' ? '' : '-'}body:${text}`;
    }
    case 'to or cc': {
      const text = valueText(value);
      if (text === null || (operator !== 'contains' && operator !== "doesn't contain")) return unmapped(`to or cc ${operator}`);
      return `${operator === 'contains' ? '' : '-'}recipient:${text}`;
    }
    case 'size': {
      const kilobytes = Number(value);
      if (!Number.isInteger(kilobytes) || kilobytes < 0) return { reason: { code: 'size-not-number', value } };
      if (operator === 'is greater than') return `larger:${kilobytes}K`;
      if (operator === 'is less than') return `smaller:${kilobytes}K`;
      return unmapped(`size ${operator}`);
    }
    default:
      // A custom header is written in quotes; the other built-in fields (date, age, status, priority, tags, junk score, address book) do not map.
      if (field.startsWith('"')) return headerCondition(name, operator, value) ?? unmapped(`${name} ${operator} ${value}`);
      return { reason: { code: 'field-unmapped', field } };
  }
}

/** The folder a `mailbox://user@host/Path` URI names: its path, under Local Folders for the local host. */
function folderOf(uri: string): string | null {
  const match = /^[a-z-]+:\/\/([^/]*)\/(.+)$/i.exec(uri);
  if (match === null) return null;
  let path;
  try {
    path = decodeURIComponent(match[2] ?? '');
  } catch {
    return null;
  }
  const local = /@Local%20Folders$|@Local Folders$/i.test(match[1] ?? '');
  return local ? `Local Folders/${path}` : path;
}

/** One Thunderbird action as rule actions; null for one that does not map. */
function actionOf(action: string, value: string | null): RuleAction | 'stop' | null {
  switch (action) {
    case 'Move to folder':
    case 'Copy to folder': {
      const folder = value === null ? null : folderOf(value);
      if (folder === null) return null;
      return { kind: action === 'Move to folder' ? 'move' : 'copy', folder };
    }
    case 'Mark read':
      return { kind: 'mark-read' };
    case 'Mark flagged':
      return { kind: 'flag' };
    case 'Delete':
      return { kind: 'delete' };
    case 'JunkScore':
      return value === '100' ? { kind: 'junk' } : value === '0' ? { kind: 'not-junk' } : null;
    case 'Stop execution':
      return 'stop';
    default:
      return null;
  }
}

/** Reads a `msgFilterRules.dat` text into rules to save and the filters that could not come over. */
export function importThunderbirdFilters(text: string): FilterImport {
  const filters: ImportedFilter[] = [];
  const skipped: SkippedFilter[] = [];
  const names = new Set<string>();
  for (const raw of readFilters(text)) {
    const name = raw.name.trim().slice(0, MAX_RULE_NAME_LENGTH) || 'Imported filter';
    const parsed = conditionTerms(raw.condition);
    if (parsed === 'all') {
      skipped.push({ name, reason: { code: 'every-message' } });
      continue;
    }
    const conditions = parsed.terms.map(termCondition);
    const failed = conditions.find((condition): condition is { reason: FilterSkipReason } => typeof condition !== 'string');
    if (failed !== undefined || conditions.length === 0) {
      skipped.push({ name, reason: failed?.reason ?? { code: 'condition-unreadable' } });
      continue;
    }
    const query = (conditions as string[]).join(parsed.joiner === 'OR' ? ' OR ' : ' ');
    const actions: RuleAction[] = [];
    const leftOut: string[] = [];
    let stop = false;
    for (const entry of raw.actions) {
      const mapped = actionOf(entry.action, entry.value);
      if (mapped === 'stop') stop = true;
      else if (mapped === null) leftOut.push(entry.action);
      else actions.push(mapped);
    }
    if (actions.length === 0) {
      skipped.push({ name, reason: { code: 'actions-unmapped', actions: raw.actions.map((entry) => entry.action) } });
      continue;
    }
    if (names.has(name.toLowerCase())) {
      skipped.push({ name, reason: { code: 'same-name' } });
      continue;
    }
    names.add(name.toLowerCase());
    filters.push({ rule: { name, query, actions: actions.slice(0, 8), stop }, enabled: raw.enabled, leftOut });
  }
  return { filters, skipped };
}
