import type { Migration } from './migration';

/** Reply and forward prefixes the subject sort ignores (lower case, with their colon). */
const SHORT_PREFIXES = "'re:', 'fw:', 'aw:', 'wg:', 'sv:', 'vs:'";

/** One prefix removed from `value` (an SQL expression), with the blanks after it. */
function stripPrefix(value: string): string {
  return `case when lower(substr(${value}, 1, 3)) in (${SHORT_PREFIXES}) then ltrim(substr(${value}, 4))
    when lower(substr(${value}, 1, 4)) = 'fwd:' then ltrim(substr(${value}, 5)) else ${value} end`;
}

/** The list orders and filters each index serves: key column, and partial-index condition. */
const SORT_KEYS = { date: 'sort_date', sender: 'sender_sort', subject: 'subject_sort', size: 'size' } as const;
const FILTERS = { unread: 'seen = 0', flagged: 'flagged = 1' } as const;

/**
 * Indexes that make every message-list order (date, sender, subject, size; either direction, ties by
 * id) and filter (all, unread, flagged) an index walk, so a window at any offset skips index entries
 * and never sorts the folder. Sender and subject are virtual generated columns (computed, not stored):
 * `sender_sort` is the From name, or the address when there is no name; `subject_sort` is the subject
 * without up to three leading "Re:", "Fwd:", "Fw:", "AW:", "WG:", "SV:", "VS:" prefixes; both compare
 * case-insensitively (ASCII, `nocase`). Both are null while the message waits for the indexer
 * (`indexed_at` null), so unindexed messages still list: first when ascending, last when descending,
 * in arrival (id) order; an indexed message without From or Subject sorts as ''. Date uses the
 * `messages_folder_date` index of 002; unread and flagged lists use partial indexes.
 */
export const migration007MessageListIndexes: Migration = {
  version: 7,
  name: 'message-list-indexes',
  up(database) {
    database.exec(`
      alter table messages add column subject_strip_1 text generated always as (${stripPrefix('ltrim(subject)')}) virtual;
      alter table messages add column subject_strip_2 text generated always as (${stripPrefix('subject_strip_1')}) virtual;
      alter table messages add column subject_sort text collate nocase generated always as
        (case when indexed_at is null then null else coalesce(${stripPrefix('subject_strip_2')}, '') end) virtual;
      alter table messages add column sender_sort text collate nocase generated always as
        (case when indexed_at is null then null else coalesce(nullif(trim(from_name), ''), from_address, '') end) virtual;
    `);
    for (const [sort, column] of Object.entries(SORT_KEYS)) {
      if (sort !== 'date') database.exec(`create index messages_list_${sort} on messages(folder_id, ${column}, id)`);
      for (const [filter, condition] of Object.entries(FILTERS)) {
        database.exec(`create index messages_list_${sort}_${filter} on messages(folder_id, ${column}, id) where ${condition}`);
      }
    }
  },
};
