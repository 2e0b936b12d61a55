/**
 * The reader's message lists: one folder or the unified Inbox (every account's Inbox), sorted by date,
 * sender, subject or size in either direction (ties by id, in the same direction), optionally only
 * unread, flagged or with attachments (any of them together), in windows at any offset. Ids of a window are found on an index of
 * migration 002 or 007 before any row is read, so a window deep in a 100,000-message folder skips index
 * entries, not rows; several folders are one `union all` of per-folder index scans that SQLite merges
 * in order, never a sort of the whole list. Messages still waiting for the indexer have no sender or
 * subject yet: they list first ascending and last descending, in arrival order (see migration 007).
 */
import { wordedError } from '../../shared/error-words';
import type { SqliteDatabase } from './database';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, summary, SUMMARY_COLUMNS, type MessagePage, type MessageRow } from './message-queries';

/** Which messages a list shows. */
export type ListSource = { readonly kind: 'folder'; readonly folderId: number } | { readonly kind: 'unified-inbox' };

/** Date order of a list (the older spelling of `direction` for the date sort). */
export type ListOrder = 'newest-first' | 'oldest-first';

/** What a list is sorted by. */
export type ListSort = 'date' | 'sender' | 'subject' | 'size';

/** Which way a list is sorted. */
export type ListDirection = 'asc' | 'desc';

/** Which messages of the source are listed. */
export type ListFilter = 'all' | 'unread' | 'flagged';

/** A quick filter of the window's list; several together keep messages that pass every one. */
export type QuickFilter = 'unread' | 'flagged' | 'attachment';

/** A window of a list. Without a direction: date and size descending, sender and subject ascending. */
export interface ListOptions {
  readonly sort?: ListSort;
  readonly direction?: ListDirection;
  /** Same as `direction` (newest-first is desc); giving both with different meanings is VALIDATION. */
  readonly order?: ListOrder;
  readonly filter?: ListFilter;
  /** Quick filters on top of `filter`, all of which a message must pass. */
  readonly filters?: readonly QuickFilter[];
  /**
   * A message of the source listed even when it fails the filters: the one the reader shows, kept
   * in an Unread list after it is read until the selection moves on, as Thunderbird does.
   */
  readonly keep?: number;
  readonly offset?: number;
  readonly limit?: number;
}

/** The indexed column of each sort (migration 002 for date, 007 for the others). */
function sortColumn(sort: ListSort): string {
  switch (sort) {
    case 'date':
      return 'sort_date';
    case 'sender':
      return 'sender_sort';
    case 'subject':
      return 'subject_sort';
    case 'size':
      return 'size';
  }
}

/** The direction a sort takes when the caller does not give one. */
function defaultDirection(sort: ListSort): ListDirection {
  switch (sort) {
    case 'date':
    case 'size':
      return 'desc';
    case 'sender':
    case 'subject':
      return 'asc';
  }
}

/** The literal condition of one quick filter, so the planner can use the partial indexes of migration 007. */
function quickCondition(filter: QuickFilter): string {
  switch (filter) {
    case 'unread':
      return 'and seen = 0';
    case 'flagged':
      return 'and flagged = 1';
    case 'attachment':
      return 'and has_attachments = 1';
  }
}

/** Literal conditions of the filter and the quick filters, each once and in one order. */
function filterClause(filter: ListFilter, filters: readonly QuickFilter[]): string {
  const chosen = new Set<QuickFilter>(filters);
  if (filter !== 'all') chosen.add(filter);
  const order: readonly QuickFilter[] = ['unread', 'flagged', 'attachment'];
  return order
    .filter((name) => chosen.has(name))
    .map(quickCondition)
    .join(' ');
}

function orderDirection(order: ListOrder): ListDirection {
  switch (order) {
    case 'newest-first':
      return 'desc';
    case 'oldest-first':
      return 'asc';
  }
}

/** The direction asked for; VALIDATION when `order` and `direction` disagree. */
function chosenDirection(options: ListOptions, sort: ListSort): ListDirection {
  const fromOrder = options.order === undefined ? undefined : orderDirection(options.order);
  if (fromOrder !== undefined && options.direction !== undefined && fromOrder !== options.direction) {
    throw wordedError('VALIDATION', { id: 'storageError.listDirectionTwice' });
  }
  return options.direction ?? fromOrder ?? defaultDirection(sort);
}

/**
 * The statements of one list: the count, and the window's ids in order (parameters: each folder id,
 * then limit and offset). With `keep`, one more arm lists a message that fails the filters
 * (parameters after the folder ids: the kept id, then each folder id again). Exported so tests can
 * check their query plans.
 */
export function listStatements(
  folderCount: number,
  sort: ListSort,
  direction: ListDirection,
  filter: ListFilter,
  filters: readonly QuickFilter[] = [],
  keep = false,
): { count: string; window: string } {
  const where = filterClause(filter, filters);
  const column = sortColumn(sort);
  const repeated = (arm: string): string => Array.from({ length: folderCount }, () => arm).join(' union all ');
  // The kept message, when the filters would leave it out (where it passes them, its folder's arm lists it).
  const kept =
    keep && where !== ''
      ? ` union all select %s from messages where id = ? and folder_id in (${Array.from({ length: folderCount }, () => '?').join(', ')}) and not (${where.replace(/^and /, '')})`
      : '';
  const counts = repeated(`select count(*) as total from messages where folder_id = ? ${where}`) + kept.replace('%s', 'count(*) as total');
  const arms = repeated(`select id, ${column} as sort_key from messages where folder_id = ? ${where}`) + kept.replace('%s', `id, ${column} as sort_key`);
  return {
    count: `select sum(total) as total from (${counts})`,
    window: `${arms} order by sort_key ${direction}, id ${direction} limit ? offset ?`,
  };
}

/** The ids of the folders a source covers. */
export function sourceFolderIds(database: SqliteDatabase, source: ListSource): number[] {
  switch (source.kind) {
    case 'folder':
      if (database.prepare('select 1 from folders where id = ?').get(source.folderId) === undefined) {
        throw wordedError('NOT_FOUND', { id: 'storageError.noFolder', values: { id: String(source.folderId) } });
      }
      return [source.folderId];
    case 'unified-inbox':
      return database
        .prepare<[], { id: number }>("select id from folders where role = 'inbox' order by id")
        .all()
        .map((row) => row.id);
  }
}

/** One window of a folder or of the unified Inbox, with the number of messages the list holds. */
export function listSource(database: SqliteDatabase, source: ListSource, options: ListOptions = {}): MessagePage {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(offset) || offset < 0) throw wordedError('VALIDATION', { id: 'storageError.offsetWhole' });
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw wordedError('VALIDATION', { id: 'storageError.pageOfMessages', values: { max: String(MAX_PAGE_SIZE) } });
  const folders = sourceFolderIds(database, source);
  if (folders.length === 0) return { total: 0, messages: [] };
  const sort = options.sort ?? 'date';
  const filters = options.filters ?? [];
  const keeping = options.keep !== undefined && (filters.length > 0 || (options.filter ?? 'all') !== 'all');
  const statements = listStatements(folders.length, sort, chosenDirection(options, sort), options.filter ?? 'all', filters, keeping);
  const parameters = keeping && options.keep !== undefined ? [...folders, options.keep, ...folders] : folders;
  const { total } = database.prepare<number[], { total: number }>(statements.count).get(...parameters) ?? { total: 0 };
  const ids = database
    .prepare<number[], { id: number }>(statements.window)
    .all(...parameters, limit, offset)
    .map((row) => row.id);
  if (ids.length === 0) return { total, messages: [] };
  const rows = database.prepare<number[], MessageRow>(`select ${SUMMARY_COLUMNS} from messages m where m.id in (${ids.map(() => '?').join(', ')})`).all(...ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const messages = ids.flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [summary(row)];
  });
  return { total: total ?? 0, messages };
}
