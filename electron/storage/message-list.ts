/**
 * The reader's message lists: one folder or the unified Inbox (every account's Inbox), in date order
 * either way, optionally only unread or flagged messages, in windows at any offset. Ids of a window are
 * found on the `messages_folder_date` index before any row is read, so a window deep in a
 * 100,000-message folder skips index entries, not rows; several folders are one `union all` of
 * per-folder index scans that SQLite merges in order, never a sort of the whole list.
 */
import { MailbagError } from '../../shared/errors';
import type { SqliteDatabase } from './database';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, summary, SUMMARY_COLUMNS, type MessagePage, type MessageRow } from './message-queries';

/** Which messages a list shows. */
export type ListSource = { readonly kind: 'folder'; readonly folderId: number } | { readonly kind: 'unified-inbox' };

/** Date order of a list. */
export type ListOrder = 'newest-first' | 'oldest-first';

/** Which messages of the source are listed. */
export type ListFilter = 'all' | 'unread' | 'flagged';

/** A window of a list. */
export interface ListOptions {
  readonly order?: ListOrder;
  readonly filter?: ListFilter;
  readonly offset?: number;
  readonly limit?: number;
}

function filterClause(filter: ListFilter): string {
  switch (filter) {
    case 'all':
      return '';
    case 'unread':
      return 'and seen = 0';
    case 'flagged':
      return 'and flagged = 1';
  }
}

function direction(order: ListOrder): 'desc' | 'asc' {
  switch (order) {
    case 'newest-first':
      return 'desc';
    case 'oldest-first':
      return 'asc';
  }
}

/** The ids of the folders a source covers. */
export function sourceFolderIds(database: SqliteDatabase, source: ListSource): number[] {
  switch (source.kind) {
    case 'folder':
      if (database.prepare('select 1 from folders where id = ?').get(source.folderId) === undefined) {
        throw new MailbagError('NOT_FOUND', `There is no folder ${source.folderId}.`);
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
  if (!Number.isInteger(offset) || offset < 0) throw new MailbagError('VALIDATION', 'The offset must be a whole number, 0 or more.');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new MailbagError('VALIDATION', `A page holds 1 to ${MAX_PAGE_SIZE} messages.`);
  const folders = sourceFolderIds(database, source);
  if (folders.length === 0) return { total: 0, messages: [] };
  const filter = filterClause(options.filter ?? 'all');
  const way = direction(options.order ?? 'newest-first');
  const counts = folders.map(() => `select count(*) as total from messages where folder_id = ? ${filter}`).join(' union all ');
  const { total } = database.prepare<number[], { total: number }>(`select sum(total) as total from (${counts})`).get(...folders) ?? { total: 0 };
  const arms = folders.map(() => `select id, sort_date from messages where folder_id = ? ${filter}`).join(' union all ');
  const ids = database
    .prepare<number[], { id: number }>(`${arms} order by sort_date ${way}, id ${way} limit ? offset ?`)
    .all(...folders, limit, offset)
    .map((row) => row.id);
  if (ids.length === 0) return { total, messages: [] };
  const rows = database
    .prepare<number[], MessageRow>(`select ${SUMMARY_COLUMNS} from messages m where m.id in (${ids.map(() => '?').join(', ')})`)
    .all(...ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const messages = ids.flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [summary(row)];
  });
  return { total: total ?? 0, messages };
}
