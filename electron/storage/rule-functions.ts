/**
 * The SQL functions that the search language's `header:` comparisons compile to (search-sql.ts), so a
 * rule's conditions run inside SQLite like any search. Regular expressions run on RE2's linear-time
 * engine (re2js): no pattern, however written, can backtrack catastrophically on a hostile header.
 */
import { wordedError } from '../../shared/error-words';
import type Database from 'better-sqlite3';
import { RE2JS } from 're2js';
import type { HeaderMatch, SearchNode } from '../../shared/search-query';

/** Compiled patterns kept (rules reuse a few patterns across many messages). */
const PATTERN_CACHE_SIZE = 64;
/** Longest text a comparison reads (a header section is bounded when stored; this bounds the rest). */
const MAX_MATCHED_CHARS = 64 * 1024;
const HEADER_MATCHES: ReadonlySet<string> = new Set<HeaderMatch>(['contains', 'is', 'begins', 'ends', 'regex']);

const patterns = new Map<string, RE2JS | null>();

/** The compiled pattern, or null when it is not a valid expression. */
function pattern(text: string): RE2JS | null {
  const known = patterns.get(text);
  if (known !== undefined) return known;
  let compiled: RE2JS | null;
  try {
    compiled = RE2JS.compile(text, RE2JS.CASE_INSENSITIVE);
  } catch {
    compiled = null;
  }
  if (patterns.size >= PATTERN_CACHE_SIZE) patterns.delete(patterns.keys().next().value ?? '');
  patterns.set(text, compiled);
  return compiled;
}

function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('und');
}

/** Whether one value (a line of several for address headers) compares as `match` says with `wanted`. */
export function textMatches(match: HeaderMatch, wanted: string, text: string): boolean {
  const value = text.length > MAX_MATCHED_CHARS ? text.slice(0, MAX_MATCHED_CHARS) : text;
  if (match === 'regex') return value.split('\n').some((line) => pattern(wanted)?.test(line) === true);
  const needle = fold(wanted);
  return value.split('\n').some((line) => {
    const hay = fold(line.trim());
    switch (match) {
      case 'contains':
        return hay.includes(needle);
      case 'is':
        return hay === needle;
      case 'begins':
        return hay.startsWith(needle);
      case 'ends':
        return hay.endsWith(needle);
    }
  });
}

/** The last header section unfolded, with its fields as [lower-case name, value]. */
let unfolded: { readonly section: string; readonly fields: ReadonlyArray<readonly [string, string]> } | undefined;

/**
 * The fields of a header section, unfolded (RFC 5322 §2.2.3). The last section's are kept: its headers
 * are asked for one name after another (the junk filter asks three, a rule one per condition), and
 * unfolding a large section again for each name cost more than the rest of judging new mail.
 */
function headerFields(section: string): ReadonlyArray<readonly [string, string]> {
  if (unfolded?.section === section) return unfolded.fields;
  const fields: Array<readonly [string, string]> = [];
  for (const line of section.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  unfolded = { section, fields };
  return fields;
}

/** The unfolded values of every header `name` (lower case) in a header section (RFC 5322 §2.2.3). */
export function headerValues(section: string, name: string): string[] {
  return headerFields(section)
    .filter(([field]) => field === name)
    .map(([, value]) => value);
}

/**
 * Registers `mailbag_match(match, wanted, text)` and `mailbag_header_match(headers, name, match,
 * wanted)` on a connection; both answer 1 or 0 (0 for a missing text or a pattern that is invalid).
 */
export function registerRuleFunctions(database: Database.Database): void {
  database.function('mailbag_match', { deterministic: true }, (match: unknown, wanted: unknown, text: unknown) =>
    typeof match === 'string' && HEADER_MATCHES.has(match) && typeof wanted === 'string' && typeof text === 'string'
      ? Number(textMatches(match as HeaderMatch, wanted, text))
      : 0,
  );
  database.function('mailbag_header_match', { deterministic: true }, (headers: unknown, name: unknown, match: unknown, wanted: unknown) => {
    if (typeof headers !== 'string' || typeof name !== 'string' || typeof match !== 'string' || !HEADER_MATCHES.has(match) || typeof wanted !== 'string')
      return 0;
    return Number(headerValues(headers, name).some((value) => textMatches(match as HeaderMatch, wanted, value)));
  });
}

/** Refuses a query whose regular expressions the engine cannot read, saying which. */
export function assertPatternsValid(query: SearchNode | null): void {
  if (query === null) return;
  switch (query.kind) {
    case 'and':
    case 'or':
      query.children.forEach(assertPatternsValid);
      return;
    case 'not':
      assertPatternsValid(query.child);
      return;
    case 'header':
      if (query.match === 'regex' && pattern(query.value) === null) {
        throw wordedError('VALIDATION', { id: 'refusal.ruleBadPattern', values: { pattern: query.value } });
      }
      return;
    default:
      return;
  }
}
