/** Counts over the whole store, for reports such as `mailbag rebuild-index`'s. */
import type { SqliteDatabase } from './database';

interface CountRow {
  count: number;
}

/** How many messages the profile stores, in every account and folder. */
export function countMessages(database: SqliteDatabase): number {
  return database.prepare<[], CountRow>('select count(*) as count from messages').get()?.count ?? 0;
}

/** How many stored messages could be parsed only in part (they stay listed and exportable). */
export function countMessagesWithParseProblems(database: SqliteDatabase): number {
  return database.prepare<[], CountRow>('select count(*) as count from messages where parse_problems is not null').get()?.count ?? 0;
}
