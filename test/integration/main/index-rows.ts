/**
 * Everything the full-text index derives from a profile's mail, keyed by each message's bytes (its
 * SHA-256), so two profiles that received the same mail by different paths can be compared row for
 * row: the index columns, the attachment records, and every term of every full-text index with its
 * column and position (read through FTS5's vocabulary tables, since the indexes keep no text).
 */
import type { SqliteDatabase } from '../../../electron/storage/database';

/** The full-text indexes the indexer and its triggers write. */
const FULL_TEXT_INDEXES = [
  'message_search',
  'message_search_cjk',
  'message_from_search',
  'message_to_search',
  'message_cc_search',
  'attachment_name_search',
] as const;

/** What the index holds of every message, comparable across profiles. */
export interface IndexRows {
  readonly messages: readonly unknown[];
  readonly attachments: readonly unknown[];
  readonly terms: Readonly<Record<string, readonly string[]>>;
}

/** Reads every derived row of `database` (see the module comment). */
export function indexRows(database: SqliteDatabase): IndexRows {
  const shaOf = new Map(database.prepare<[], [number, string]>('select id, sha256 from messages').raw().all());
  const messages = database
    .prepare(
      `select sha256, indexed_at is not null as indexed, subject, from_name, from_address, to_addresses, cc_addresses, date, message_id,
         in_reply_to, message_references, snippet, has_attachments, thread_key, parse_problems
       from messages order by sha256`,
    )
    .all();
  const attachments = database
    .prepare(
      `select m.sha256, a.ordinal, a.file_name, a.content_type, a.size, a.content_id, a.inline
       from attachments a join messages m on m.id = a.message_id order by m.sha256, a.ordinal`,
    )
    .all();
  const terms: Record<string, string[]> = {};
  for (const table of FULL_TEXT_INDEXES) {
    database.exec(`create virtual table if not exists temp.${table}_terms using fts5vocab(main, ${table}, instance)`);
    terms[table] = database
      .prepare<[], [string, number, string | null, number]>(`select term, doc, col, offset from temp.${table}_terms`)
      .raw()
      .all()
      .map(([term, doc, column, offset]) => `${shaOf.get(doc) ?? `missing message ${doc}`} ${column ?? ''} ${offset} ${term}`)
      .sort();
  }
  return { messages, attachments, terms };
}
