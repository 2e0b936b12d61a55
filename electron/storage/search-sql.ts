/**
 * Turns a parsed search (shared/search-query.ts) into SQL over the store: text terms become FTS5
 * queries in which every value is a quoted string (so no character a user types is ever read as FTS5
 * syntax), flags, folders, dates and sizes become column tests with bound parameters (so nothing a
 * user types is ever SQL). The largest part that the main full-text index can answer alone is
 * returned as one MATCH expression, so the index drives the query and bm25 can rank it; the rest is
 * a WHERE condition on the messages row `m`.
 */
import type { SearchDay, SearchNode } from '../../shared/search-query';
import { cjkQuery, cjkRuns, hasCjk, withoutCjk } from './cjk-search';
import { foldersNamedSql } from './folder-tree';

/** A piece of SQL with its parameters in order. */
export interface SqlPart {
  readonly sql: string;
  readonly parameters: ReadonlyArray<string | number>;
  /** It builds the set of message ids an index (or the attachment list) matches, once per statement run. */
  readonly matchSet?: boolean;
  /** The part is "the message is (`negated`: is not) among the matches of this full-text index". */
  readonly index?: IndexTerm;
}

/** A full-text index and its MATCH expression, whose rowids are message ids. */
export interface IndexTerm {
  readonly table: string;
  readonly match: string;
  readonly negated: boolean;
}

/** A compiled query: messages matching `match` in the main full-text index (when not null) and `where`. */
export interface CompiledSearch {
  readonly match: string | null;
  readonly where: readonly SqlPart[];
}

/** Trigram search needs at least three characters; shorter file-name searches scan the names. */
const TRIGRAM_LENGTH = 3;
/** Main index columns, as in migration 004. */
const SUBJECT_COLUMN = 'subject';
const BODY_COLUMN = 'body';
/** Milliseconds in a day, for ages. */
const DAY_MS = 86_400_000;
/** Headers `header:` reads from the message's decoded list columns rather than its stored header section. */
const COLUMN_HEADERS = {
  subject: "coalesce(m.subject, '')",
  from: "coalesce(m.from_name, '') || char(10) || coalesce(m.from_address, '') || char(10) || coalesce(m.from_name, '') || ' <' || coalesce(m.from_address, '') || '>'",
} as const;
/** Address list headers read from their JSON columns: each address as its name, its address and both. */
const ADDRESS_LIST_HEADERS = { to: 'm.to_addresses', cc: 'm.cc_addresses' } as const;
/** Address indexes, as in migration 011. */
const ADDRESS_INDEXES = { from: 'message_from_search', to: 'message_to_search', cc: 'message_cc_search' } as const;
/** The messages columns whose text a CJK run of an address search is looked for in. */
const ADDRESS_TEXT_COLUMNS = { from: "coalesce(m.from_name, '') || ' ' || coalesce(m.from_address, '')", to: 'm.to_addresses', cc: 'm.cc_addresses' } as const;
/** Control characters are never part of a word; NUL would end the FTS5 query early. */
const CONTROL_CHARACTERS = /[\p{Cc}]/gu;
const SEARCHABLE = /[\p{L}\p{N}\p{Co}]/u;

/** `text` as one FTS5 string: double quotes doubled, so anything inside is only text. */
function ftsString(text: string, prefix: boolean): string {
  return `"${text.replace(CONTROL_CHARACTERS, ' ').replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

/** `text` as a LIKE pattern for "contains" with `\` as the escape character. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function inIndex(table: string, match: string): SqlPart {
  // The unary + keeps SQLite from looking each match up by id: it walks an index of the messages
  // (newest first, or the covering one for counting) and tests each against the set of matches.
  return { sql: `+m.id in (select rowid from ${table} where ${table} match ?)`, parameters: [match], matchSet: true, index: { table, match, negated: false } };
}

/** The start of a day in the local time zone (what "on 14 March" means to the person searching). */
function startOfDay(day: SearchDay, offsetDays = 0): number {
  return new Date(day.year, day.month - 1, day.day + offsetDays).getTime();
}

/** The pieces of a text term outside CJK runs, as main-index strings (a word's pieces each a term). */
function latinTerms(text: string, phrase: boolean, prefix: boolean): string[] {
  const rest = withoutCjk(text).trim();
  if (!SEARCHABLE.test(rest)) return [];
  // A CJK run typed last ends the word being typed there: the Latin pieces before it are whole words.
  const endsInCjk = hasCjk([...text.trimEnd()].at(-1) ?? '');
  if (phrase) return [ftsString(rest, prefix && !endsInCjk)];
  const pieces = rest.split(/\s+/u).filter((piece) => SEARCHABLE.test(piece));
  return pieces.map((piece, index) => ftsString(piece, prefix && !endsInCjk && index === pieces.length - 1));
}

/** A compiled node: either all of it in the main index (`match`), or a condition on `m`. */
type Compiled =
  { readonly kind: 'match'; readonly match: string } | { readonly kind: 'where'; readonly match: string | null; readonly where: readonly SqlPart[] };

function all(parts: readonly SqlPart[]): SqlPart {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  return {
    sql: `(${parts.map((part) => part.sql).join(' and ')})`,
    parameters: parts.flatMap((part) => part.parameters),
    matchSet: parts.some((part) => part.matchSet === true),
  };
}

function negation(part: SqlPart): SqlPart {
  const negated: SqlPart = { sql: `not (${part.sql})`, parameters: part.parameters, matchSet: part.matchSet === true };
  return part.index === undefined ? negated : { ...negated, index: { ...part.index, negated: !part.index.negated } };
}

/** A compiled node as one condition on `m`. */
function condition(compiled: Compiled): SqlPart {
  const parts =
    compiled.kind === 'match'
      ? [inIndex('message_search', compiled.match)]
      : [...(compiled.match === null ? [] : [inIndex('message_search', compiled.match)]), ...compiled.where];
  return all(parts);
}

function combine(matches: readonly string[], where: readonly SqlPart[]): Compiled {
  const match = matches.length === 0 ? null : matches.length === 1 ? (matches[0] ?? null) : matches.map((term) => `(${term})`).join(' AND ');
  if (where.length === 0 && match !== null) return { kind: 'match', match };
  return { kind: 'where', match, where };
}

function textNode(node: Extract<SearchNode, { kind: 'text' }>): Compiled {
  const runs = cjkRuns(node.text);
  const query = runs.length === 0 ? null : cjkQuery(node.phrase ? [node.text] : node.text.split(/\s+/u));
  // The side index finds a single character only at the start of a pair: a field search then relies
  // on the column test alone (names and subjects are short), so 明 finds 李明.
  const sideUsable = node.field === null || runs.every((run) => [...run].length > 1);
  const side = query === null || !sideUsable ? [] : [inIndex('message_search_cjk', query)];
  switch (node.field) {
    case null:
      return combine(latinTerms(node.text, node.phrase, node.prefix), side);
    case 'subject': {
      const subjectLike = runs.map((run): SqlPart => ({ sql: "m.subject like ? escape '\\'", parameters: [containsPattern(run)] }));
      return combine(
        latinTerms(node.text, node.phrase, node.prefix).map((term) => `${SUBJECT_COLUMN} : ${term}`),
        [...side, ...subjectLike],
      );
    }
    case 'from':
    case 'to':
    case 'cc': {
      const terms = latinTerms(node.text, node.phrase, node.prefix);
      const where: SqlPart[] = terms.length === 0 ? [] : [inIndex(ADDRESS_INDEXES[node.field], terms.join(' AND '))];
      for (const run of runs) where.push({ sql: `${ADDRESS_TEXT_COLUMNS[node.field]} like ? escape '\\'`, parameters: [containsPattern(run)] });
      return { kind: 'where', match: null, where: [...side, ...where] };
    }
    case 'body':
      return combine(
        latinTerms(node.text, node.phrase, node.prefix).map((term) => `${BODY_COLUMN} : ${term}`),
        side,
      );
    case 'filename': {
      const name = node.text.replace(CONTROL_CHARACTERS, ' ');
      if ([...name].length >= TRIGRAM_LENGTH) return { kind: 'where', match: null, where: [inIndex('attachment_name_search', ftsString(name, false))] };
      return {
        kind: 'where',
        match: null,
        where: [
          { sql: "m.id in (select message_id from attachments where file_name like ? escape '\\')", parameters: [containsPattern(name)], matchSet: true },
        ],
      };
    }
  }
}

/**
 * `header:`: the decoded list columns for Subject, From, To and Cc (so "begins with" sees the words a
 * person reads), the stored header section (message_headers) for any other header. The comparison is
 * the SQL function mailbag_match (rule-functions.ts), case-insensitive, regular expressions linear-time.
 */
function headerLeaf(node: Extract<SearchNode, { kind: 'header' }>): SqlPart {
  if (node.name === 'subject' || node.name === 'from') {
    return { sql: `mailbag_match(?, ?, ${COLUMN_HEADERS[node.name]})`, parameters: [node.match, node.value] };
  }
  if (node.name === 'to' || node.name === 'cc') {
    const column = ADDRESS_LIST_HEADERS[node.name];
    return {
      sql: `exists (select 1 from json_each(case when json_valid(${column}) then ${column} else '[]' end) a
        where mailbag_match(?, ?, coalesce(json_extract(a.value, '$.name'), '') || char(10) || coalesce(json_extract(a.value, '$.address'), '')
          || char(10) || coalesce(json_extract(a.value, '$.name'), '') || ' <' || coalesce(json_extract(a.value, '$.address'), '') || '>'))`,
      parameters: [node.match, node.value],
    };
  }
  return {
    sql: 'mailbag_header_match((select h.headers from message_headers h where h.message_id = m.id), ?, ?, ?)',
    parameters: [node.name, node.match, node.value],
  };
}

function leaf(node: Exclude<SearchNode, { kind: 'text' | 'and' | 'or' | 'not' }>, now: number): SqlPart {
  switch (node.kind) {
    case 'flag':
      switch (node.flag) {
        case 'unread':
          return { sql: 'm.seen = 0', parameters: [] };
        case 'read':
          return { sql: 'm.seen = 1', parameters: [] };
        case 'flagged':
          return { sql: 'm.flagged = 1', parameters: [] };
        case 'attachment':
          return { sql: 'm.has_attachments = 1', parameters: [] };
        case 'junk':
          return { sql: "m.id in (select message_id from message_junk where verdict = 'junk')", parameters: [], matchSet: true };
      }
      break;
    case 'header':
      return headerLeaf(node);
    case 'age':
      return { sql: node.relation === 'older' ? 'm.sort_date < ?' : 'm.sort_date >= ?', parameters: [now - node.days * DAY_MS] };
    case 'tag':
      return { sql: 'm.id in (select message_id from message_tags where tag = ?)', parameters: [node.tag], matchSet: true };
    case 'account':
      return {
        sql: 'm.account_id in (select id from accounts where id = ? or name = ? collate nocase or email = ? collate nocase)',
        parameters: [node.name, node.name, node.name],
      };
    case 'folder': {
      const named = foldersNamedSql(node.name);
      return { sql: `m.folder_id in (${named.sql})`, parameters: named.parameters };
    }
    case 'date':
      switch (node.relation) {
        case 'before':
          return { sql: 'm.sort_date < ?', parameters: [startOfDay(node.day)] };
        case 'after':
          return { sql: 'm.sort_date >= ?', parameters: [startOfDay(node.day)] };
        case 'on':
          return { sql: '(m.sort_date >= ? and m.sort_date < ?)', parameters: [startOfDay(node.day), startOfDay(node.day, 1)] };
      }
      break;
    case 'size':
      return { sql: node.relation === 'larger' ? 'm.size > ?' : 'm.size < ?', parameters: [node.bytes] };
  }
}

function compileNode(node: SearchNode, now: number): Compiled {
  switch (node.kind) {
    case 'text':
      return textNode(node);
    case 'and': {
      const matches: string[] = [];
      const negated: string[] = [];
      const where: SqlPart[] = [];
      for (const child of node.children) {
        const compiled = compileNode(child.kind === 'not' ? child.child : child, now);
        if (child.kind === 'not') {
          if (compiled.kind === 'match') negated.push(compiled.match);
          else where.push(negation(condition(compiled)));
        } else if (compiled.kind === 'match') {
          matches.push(compiled.match);
        } else {
          if (compiled.match !== null) matches.push(compiled.match);
          where.push(...compiled.where);
        }
      }
      // FTS5's NOT is binary: a negated index term joins the match only when something positive is there.
      if (matches.length > 0) {
        const positive = combine(matches, []);
        const match = `${positive.match ?? ''}${negated.map((term) => ` NOT (${term})`).join('')}`;
        return combine([match], where);
      }
      return { kind: 'where', match: null, where: [...negated.map((term) => negation(inIndex('message_search', term))), ...where] };
    }
    case 'or': {
      const compiled = node.children.map((child) => compileNode(child, now));
      const matches = compiled.flatMap((child) => (child.kind === 'match' ? [child.match] : []));
      if (matches.length === compiled.length) return { kind: 'match', match: matches.map((term) => `(${term})`).join(' OR ') };
      const parts = compiled.map(condition);
      return {
        kind: 'where',
        match: null,
        where: [
          {
            sql: `(${parts.map((part) => part.sql).join(' or ')})`,
            parameters: parts.flatMap((part) => part.parameters),
            matchSet: parts.some((part) => part.matchSet === true),
          },
        ],
      };
    }
    case 'not': {
      return { kind: 'where', match: null, where: [negation(condition(compileNode(node.child, now)))] };
    }
    default:
      return { kind: 'where', match: null, where: [leaf(node, now)] };
  }
}

/**
 * The SQL of a parsed query: `match` for the main full-text index (to drive the query and rank it),
 * `where` conditions on the messages row `m`. `now` is the moment ages (`older:`) count from.
 */
export function compileSearch(query: SearchNode, now = Date.now()): CompiledSearch {
  const compiled = compileNode(query, now);
  return compiled.kind === 'match' ? { match: compiled.match, where: [] } : { match: compiled.match, where: compiled.where };
}
