/**
 * Search in the store with the search language (shared/search-query.ts): one page of results, newest
 * first or most relevant first (bm25), and how many match in all. A query with a mistake answers
 * with the mistake and where it is, never with an exception, so the window can show it as you type.
 */
import { wordedError } from '../../shared/error-words';
import { parseSearchQuery, type SearchNode, type SearchSyntaxError } from '../../shared/search-query';
import type { SqliteDatabase } from './database';
import { DEFAULT_PAGE_SIZE, summary, SUMMARY_COLUMNS, type MessageRow, type MessageSummary, type PageOptions } from './message-queries';
import type { QuickFilter } from './message-list';
import { assertPatternsValid } from './rule-functions';
import { compileSearch, type IndexTerm, type SqlPart } from './search-sql';

/** How results are ordered: newest first (by Date header), or best match first (bm25), then newest. */
export type SearchSort = 'date' | 'relevance';

/**
 * bm25 weights of the main index's columns (subject, addresses, body): a word in the subject says
 * more about a message than the same word somewhere in its text.
 */
const RELEVANCE = 'bm25(message_search, 10.0, 5.0, 1.0)';

/**
 * Most matches of one word ranked by relevance: bm25 is computed per match, so a word in nearly all of
 * 100,000 messages cost ~50 ms to rank. Beyond this many, the most recently received matches are ranked
 * (with the whole index's statistics, so their order is exactly bm25's) and the older ones follow,
 * newest first.
 */
export const RANKED_MATCHES_LIMIT = 10_000;

/** Matches of a term up to which its index drives the query and its matches are sorted (a few ms). */
const SORT_MATCHES_LIMIT = 2_000;
/** Messages read at a time while walking all mail newest first. */
const WALK_CHUNK = 2_000;
/** How many chunks wide the ids of one chunk may spread before the walk gives way to sorting. */
const WALK_SPREAD = 8;

/** Where and how to search. */
export interface SearchOptions extends PageOptions {
  readonly accountId?: string;
  /** Only these folders (one folder, or the folders of one name across accounts). */
  readonly folderIds?: readonly number[];
  readonly sort?: SearchSort;
  /** The locale whose short date form `before:` and friends also read (ISO dates always work). */
  readonly locale?: string;
  /** The list's quick filters, each a flag term joined to the query (`is:unread`, `is:flagged`, `has:attachment`). */
  readonly filters?: readonly QuickFilter[];
  /** Most matches of one word ranked by relevance ({@link RANKED_MATCHES_LIMIT}; tests lower it). */
  readonly rankedMatches?: number;
}

/** A page of results and how many match in all, or the mistake in the query. */
export type SearchOutcome =
  { readonly ok: true; readonly total: number; readonly messages: readonly MessageSummary[] } | { readonly ok: false; readonly error: SearchSyntaxError };

function paging(options: PageOptions): { offset: number; limit: number } {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(offset) || offset < 0) throw wordedError('VALIDATION', { id: 'storageError.offsetWhole' });
  if (!Number.isSafeInteger(limit) || limit < 1) throw wordedError('VALIDATION', { id: 'storageError.limitWhole' });
  return { offset, limit };
}

/**
 * Messages matching `text` in the search language. The main full-text index drives the query when the
 * query has words for it (joined first, so SQLite never reruns it per message); every other condition
 * filters the messages it yields. Without such words, the conditions (field indexes, flags, dates…)
 * select from the messages table.
 */
export function searchMessages(database: SqliteDatabase, text: string, options: SearchOptions = {}): SearchOutcome {
  const { offset, limit } = paging(options);
  const parsed = parseSearchQuery(text, options.locale === undefined ? {} : { locale: options.locale });
  if (!parsed.ok) return parsed;
  if (parsed.query === null) return { ok: true, total: 0, messages: [] };
  assertPatternsValid(parsed.query);
  const quick = (options.filters ?? []).map((flag): SearchNode => ({ kind: 'flag', flag }));
  const query: SearchNode = quick.length === 0 ? parsed.query : { kind: 'and', children: [parsed.query, ...quick] };
  const { match, where } = compileSearch(query);
  const filters: SqlPart[] = [...where];
  if (options.accountId !== undefined) filters.push({ sql: 'm.account_id = ?', parameters: [options.accountId] });
  if (options.folderIds !== undefined) {
    if (options.folderIds.length === 0) return { ok: true, total: 0, messages: [] };
    filters.push({ sql: `m.folder_id in (${options.folderIds.map(() => '?').join(', ')})`, parameters: options.folderIds });
  }
  const relevance = options.sort === 'relevance' && match !== null;
  const [onlyFilter] = filters;
  const single =
    match !== null
      ? filters.length === 0
        ? { table: 'message_search', match, negated: false }
        : undefined
      : filters.length === 1
        ? onlyFilter?.index
        : undefined;
  if (single !== undefined) {
    const { total, ids } = singleTermPage(database, single, relevance, { offset, limit, ranked: options.rankedMatches ?? RANKED_MATCHES_LIMIT });
    return { ok: true, total, messages: summariesInOrder(database, ids) };
  }
  if (match === null && filters.every((filter) => filter.matchSet !== true)) {
    // Flags, folders, dates and sizes: counted on the covering date index, and a page walks it.
    const conditions = filters.map((filter) => ` and ${filter.sql}`).join('');
    const parameters = filters.flatMap((filter) => filter.parameters);
    const total =
      database
        .prepare<Array<string | number>, number>(`select count(*) from messages m where 1${conditions}`)
        .pluck()
        .get(...parameters) ?? 0;
    const ids = database
      .prepare<Array<string | number>, number>(`select m.id from messages m where 1${conditions} order by m.sort_date desc, m.id desc limit ? offset ?`)
      .pluck()
      .all(...parameters, limit, offset);
    return { ok: true, total, messages: summariesInOrder(database, ids) };
  }
  const { total, ids } = severalTermsPage(database, match, filters, relevance, offset, limit);
  return { ok: true, total, messages: summariesInOrder(database, ids) };
}

/**
 * A page of a query of one full-text term (or one negated term), counted in its index alone without
 * reading a message row per match (every row of these indexes is a stored message); ranked by the
 * index alone, or newest first by walking the date index when there are many matches.
 */
function singleTermPage(
  database: SqliteDatabase,
  term: IndexTerm,
  relevance: boolean,
  { offset, limit, ranked }: { readonly offset: number; readonly limit: number; readonly ranked: number },
): { total: number; ids: number[] } {
  const matching = database.prepare<[string], number>(`select count(*) from ${term.table} where ${term.table} match ?`).pluck().get(term.match) ?? 0;
  const total = term.negated ? (database.prepare<[], number>('select count(*) from messages').pluck().get() ?? 0) - matching : matching;
  if (total === 0 || offset >= total) return { total, ids: [] };
  if (relevance) return { total, ids: rankedPage(database, term.match, total, { offset, limit, ranked }) };
  const set = `+m.id in (select rowid from ${term.table} where ${term.table} match ?)`;
  const part: SqlPart = { sql: term.negated ? `not (${set})` : set, parameters: [term.match], matchSet: true, index: term };
  const walked = total > SORT_MATCHES_LIMIT ? walkNewestFirst(database, null, [part], offset + limit) : null;
  if (walked !== null) return { total, ids: walked.slice(offset, offset + limit) };
  // Few matches: the index drives and its matches are sorted (negated: the date index is walked).
  const sql = term.negated
    ? `select m.id from messages m where ${part.sql} order by m.sort_date desc, m.id desc limit ? offset ?`
    : `select m.id from ${term.table} s cross join messages m on m.id = s.rowid where ${term.table} match ? order by m.sort_date desc, m.id desc limit ? offset ?`;
  return { total, ids: database.prepare<[string, number, number], number>(sql).pluck().all(term.match, limit, offset) };
}

/**
 * A page of one word's matches by relevance: the newest `ranked` matches (all of them when there are
 * no more) in bm25 order, then the older ones newest first. Only the ranked matches are scored; the
 * newest of them are found on the index's rowid order (ids grow as mail arrives) without scoring.
 */
function rankedPage(
  database: SqliteDatabase,
  match: string,
  total: number,
  { offset, limit, ranked }: { readonly offset: number; readonly limit: number; readonly ranked: number },
): number[] {
  const floor =
    total > ranked
      ? database
          .prepare<[string, number], number>('select rowid from message_search where message_search match ? order by rowid desc limit 1 offset ?')
          .pluck()
          .get(match, ranked - 1)
      : undefined;
  const ids: number[] = [];
  if (offset < ranked) {
    ids.push(
      ...database
        .prepare<[string, number, number, number], number>(
          `select rowid from message_search where message_search match ? and rowid >= ? order by ${RELEVANCE}, rowid desc limit ? offset ?`,
        )
        .pluck()
        .all(match, floor ?? 0, Math.min(limit, ranked - offset), offset),
    );
  }
  if (floor === undefined || offset + limit <= ranked) return ids;
  const olderOffset = Math.max(0, offset - ranked);
  return ids.concat(
    database
      .prepare<[string, number, number, number], number>(
        'select rowid from message_search where message_search match ? and rowid < ? order by rowid desc limit ? offset ?',
      )
      .pluck()
      .all(match, floor, limit - ids.length, olderOffset),
  );
}

/**
 * A page of a query with several terms, and its total. Ranked, the main full-text index drives (bm25
 * needs it). Newest first: when the first word (or field term) has few matches its index drives and
 * they are sorted; otherwise the matches are counted by the first term's index tested against the
 * others' sets (or, with flags, dates and the like, by one pass over the covering date index), and a
 * page walks the date index, asking the full-text indexes one id range at a time when every term
 * allows it, else testing each message against the terms' sets.
 */
function severalTermsPage(
  database: SqliteDatabase,
  match: string | null,
  filters: readonly SqlPart[],
  relevance: boolean,
  offset: number,
  limit: number,
): { total: number; ids: number[] } {
  const conditions = filters.map((filter) => ` and ${filter.sql}`).join('');
  const parameters = [...(match === null ? [] : [match]), ...filters.flatMap((filter) => filter.parameters)];
  const every = (sql: string, values: ReadonlyArray<string | number>): { total: number; ids: number[] } => {
    const all = database
      .prepare<Array<string | number>, number>(sql)
      .pluck()
      .all(...values);
    return { total: all.length, ids: all.slice(offset, offset + limit) };
  };
  if (relevance) {
    return every(
      `select m.id from message_search s cross join messages m on m.id = s.rowid where message_search match ?${conditions} order by ${RELEVANCE}, m.sort_date desc, m.id desc`,
      parameters,
    );
  }
  const driver = match !== null ? undefined : filters.find((filter) => filter.index !== undefined && !filter.index.negated);
  const table = driver?.index?.table ?? 'message_search';
  const driverMatch = driver?.index?.match ?? match;
  const rest = filters.filter((filter) => filter !== driver);
  const restConditions = rest.map((filter) => ` and ${filter.sql}`).join('');
  const restParameters = rest.flatMap((filter) => filter.parameters);
  const mainSet = match === null ? '' : ' and +m.id in (select rowid from message_search where message_search match ?)';
  const walkAll = `select m.id from messages m where 1${mainSet}${conditions} order by m.sort_date desc, m.id desc`;
  if (driverMatch === null || rest.some((filter) => filter.matchSet === true && filter.index === undefined)) return every(walkAll, parameters);
  // Only "more than the limit or not" matters here: the count stops there instead of reading every match.
  const driverCount =
    database
      .prepare<[string, number], number>(`select count(*) from (select rowid from ${table} where ${table} match ? limit ?)`)
      .pluck()
      .get(driverMatch, SORT_MATCHES_LIMIT + 1) ?? 0;
  if (driverCount <= SORT_MATCHES_LIMIT) {
    return every(
      `select m.id from ${table} s cross join messages m on m.id = s.rowid where ${table} match ?${restConditions} order by m.sort_date desc, m.id desc`,
      [driverMatch, ...restParameters],
    );
  }
  // Only full-text terms: counted in the first one's index, without reading message rows.
  const countSql = rest.every((filter) => filter.index !== undefined)
    ? `select count(*) from ${table} where ${table} match ?${restConditions.replaceAll('+m.id in', '+rowid in')}`
    : `select count(*) from messages m where 1${mainSet}${conditions}`;
  const countParameters = rest.every((filter) => filter.index !== undefined) ? [driverMatch, ...restParameters] : parameters;
  const total =
    database
      .prepare<Array<string | number>, number>(countSql)
      .pluck()
      .get(...countParameters) ?? 0;
  if (total === 0 || offset >= total) return { total, ids: [] };
  const walked = walkNewestFirst(database, match, filters, offset + limit);
  if (walked !== null) return { total, ids: walked.slice(offset, offset + limit) };
  return {
    total,
    ids: database
      .prepare<Array<string | number>, number>(`${walkAll} limit ? offset ?`)
      .pluck()
      .all(...parameters, limit, offset),
  };
}

/** The summaries of messages, in the order of `ids`. */
function summariesInOrder(database: SqliteDatabase, ids: readonly number[]): MessageSummary[] {
  const rows = database
    .prepare<[string], MessageRow>(`select ${SUMMARY_COLUMNS} from messages m where m.id in (select value from json_each(?))`)
    .all(JSON.stringify(ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [summary(row)];
  });
}

/**
 * The first `count` matching messages, newest first, found by walking all mail newest first (an index
 * walk that stops early) a chunk at a time and asking each full-text index only about the id range of
 * the chunk: when a term is in most messages, this reads a few chunks instead of sorting every match.
 * Mail arrives roughly in date order, so a chunk's ids are close together; when they are not (mail
 * imported out of order), or a condition is not a plain index term, null says "sort the matches".
 */
function walkNewestFirst(database: SqliteDatabase, match: string | null, filters: readonly SqlPart[], count: number): number[] | null {
  const terms: IndexTerm[] = [...(match === null ? [] : [{ table: 'message_search', match, negated: false }])];
  const rest: SqlPart[] = [];
  for (const filter of filters) {
    if (filter.index !== undefined) terms.push(filter.index);
    else if (filter.matchSet === true) return null;
    else rest.push(filter);
  }
  if (terms.length === 0) return null;
  const chunk = database
    .prepare<Array<string | number>, number>(
      `select m.id from messages m where 1${rest.map((filter) => ` and ${filter.sql}`).join('')} order by m.sort_date desc, m.id desc limit ? offset ?`,
    )
    .pluck();
  // The range is cast: FTS5 seeks by rowid only for integer values, and numbers arrive as reals.
  const inRange = terms.map((term) => ({
    negated: term.negated,
    match: term.match,
    read: database
      .prepare<[string, number, number], number>(
        `select rowid from ${term.table} where ${term.table} match ? and rowid between cast(? as integer) and cast(? as integer)`,
      )
      .pluck(),
  }));
  const restParameters = rest.flatMap((filter) => filter.parameters);
  const found: number[] = [];
  for (let walked = 0; found.length < count; walked += WALK_CHUNK) {
    const ids = chunk.all(...restParameters, WALK_CHUNK, walked);
    if (ids.length === 0) break;
    const low = Math.min(...ids);
    const high = Math.max(...ids);
    if (high - low > WALK_SPREAD * WALK_CHUNK) return null;
    const checks = inRange.map((term) => ({ negated: term.negated, hits: new Set(term.read.all(term.match, low, high)) }));
    for (const id of ids) if (checks.every((check) => check.hits.has(id) !== check.negated)) found.push(id);
    if (ids.length < WALK_CHUNK) break;
  }
  return found;
}
