/** Where stored messages are (account, folder and the folder's role), for announcing what changed. */
import type { SqliteDatabase } from './database';

/** Ids per SQL statement when locating many messages (below SQLite's parameter limit). */
const IDS_PER_QUERY = 500;

/** One stored message's place. */
export interface MessageLocation {
  readonly id: number;
  /** Null for mail kept in Local Folders after its account was removed. */
  readonly accountId: string | null;
  readonly folderId: number;
  /** The folder's role; null for a folder the user made. */
  readonly role: string | null;
}

/** Where the messages are; unknown ids are left out. */
export function locateMessages(database: SqliteDatabase, ids: readonly number[]): MessageLocation[] {
  const found: MessageLocation[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY);
    const rows = database
      .prepare<number[], { id: number; account_id: string | null; folder_id: number; role: string | null }>(
        `select m.id, m.account_id, m.folder_id, f.role from messages m join folders f on f.id = m.folder_id
          where m.id in (${chunk.map(() => '?').join(', ')})`,
      )
      .all(...chunk);
    for (const row of rows) found.push({ id: row.id, accountId: row.account_id, folderId: row.folder_id, role: row.role });
  }
  return found;
}

/** The ids of every message in a folder (emptying the Trash). */
export function messageIdsInFolder(database: SqliteDatabase, folderId: number): number[] {
  return database
    .prepare<[number], { id: number }>('select id from messages where folder_id = ?')
    .all(folderId)
    .map((row) => row.id);
}

/** One stored message's folder and the flags the window can change and undo. */
export interface MessageState {
  readonly id: number;
  readonly folderId: number;
  readonly seen: boolean;
  readonly flagged: boolean;
}

/** The folders and flags of messages, so a change to them can be undone; unknown ids are left out. */
export function messageStates(database: SqliteDatabase, ids: readonly number[]): MessageState[] {
  const found: MessageState[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY);
    const rows = database
      .prepare<number[], { id: number; folder_id: number; seen: number; flagged: number }>(
        `select id, folder_id, seen, flagged from messages where id in (${chunk.map(() => '?').join(', ')})`,
      )
      .all(...chunk);
    for (const row of rows) found.push({ id: row.id, folderId: row.folder_id, seen: row.seen === 1, flagged: row.flagged === 1 });
  }
  return found;
}
