/**
 * Search in the store with the search language (shared/search-query.ts): one page of results, newest
 * first or most relevant first (bm25), and how many match in all. A query with a mistake answers
 * with the mistake and where it is, never with an exception, so the window can show it as you type.
 */
import { MailbagError } from '../../shared/errors';
import { parseSearchQuery, type SearchSyntaxError } from '../../shared/search-query';
import type { SqliteDatabase } from './database';
import { DEFAULT_PAGE_SIZE, summary, SUMMARY_COLUMNS, type MessageRow, type MessageSummary, type PageOptions } from './message-queries';
import { compileSearch, type SqlPart } from './search-sql';

/** How results are ordered: newest first (by Date header), or best match first (bm25), then newest. */
export type SearchSort = 'date' | 'relevance';

/**
 * bm25 weights of the main index's columns (subject, addresses, body): a word in the subject says
 * more about a message than the same word somewhere in its text.
 */
const RELEVANCE = 'bm25(message_search, 10.0, 5.0, 1.0)';

/** Where and how to search. */
export interface SearchOptions extends PageOptions {
  readonly accountId?: string;
  /** Only these folders (one folder, or the folders of one name across accounts). */
  readonly folderIds?: readonly number[];
  readonly sort?: SearchSort;
  /** The locale whose short date form `before:` and friends also read (ISO dates always work). */
  readonly locale?: string;
}

/** A page of results and how many match in all, or the mistake in the query. */
export type SearchOutcome =
  | { readonly ok: true; readonly total: number; readonly messages: readonly MessageSummary[] }
  | { readonly ok: false; readonly error: SearchSyntaxError };

function paging(options: PageOptions): { offset: number; limit: number } {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new MailbagError('VALIDATION', 'The offset must be a whole number, 0 or more.');
  if (!Number.isSafeInteger(limit) || limit < 1) throw new MailbagError('VALIDATION', 'The limit must be a whole number, 1 or more.');
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
  const { match, where } = compileSearch(parsed.query);
  const filters: SqlPart[] = [...where];
  if (options.accountId !== undefined) filters.push({ sql: 'm.account_id = ?', parameters: [options.accountId] });
  if (options.folderIds !== undefined) {
    if (options.folderIds.length === 0) return { ok: true, total: 0, messages: [] };
    filters.push({ sql: `m.folder_id in (${options.folderIds.map(() => '?').join(', ')})`, parameters: options.folderIds });
  }
  const from = match === null ? 'from messages m where 1' : 'from message_search s cross join messages m on m.id = s.rowid where message_search match ?';
  const conditions = filters.map((filter) => ` and ${filter.sql}`).join('');
  const parameters = [...(match === null ? [] : [match]), ...filters.flatMap((filter) => filter.parameters)];
  const countSql = match !== null && filters.length === 0 ? 'select count(*) as total from message_search where message_search match ?' : `select count(*) as total ${from}${conditions}`;
  const total = database.prepare<Array<string | number>, { total: number }>(countSql).get(...parameters)?.total ?? 0;
  if (total === 0 || offset >= total) return { ok: true, total, messages: [] };
  const order = options.sort === 'relevance' && match !== null ? `${RELEVANCE}, m.sort_date desc, m.id desc` : 'm.sort_date desc, m.id desc';
  const rows = database
    .prepare<Array<string | number>, MessageRow>(`select ${SUMMARY_COLUMNS} ${from}${conditions} order by ${order} limit ? offset ?`)
    .all(...parameters, limit, offset);
  return { ok: true, total, messages: rows.map(summary) };
}
