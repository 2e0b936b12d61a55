/**
 * Junk is emptied after N days, as Thunderbird's junk purge: a message in a Junk folder whose junk
 * verdict is older than that is deleted for good (its stored bytes with it). Mail moved into Junk by
 * hand without a verdict, and mail whose verdict is recent, stay. Nothing here touches the server: a
 * local junk verdict never deletes the server's copy.
 */
import type { MessageStore } from './message-store';

/** One day, in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Messages deleted in one step (each step one transaction of the store). */
const PURGE_CHUNK = 500;

/** What a purge deleted: the messages, and the folders and accounts whose lists changed. */
export interface JunkPurge {
  readonly messageIds: readonly number[];
  readonly folderIds: readonly number[];
  readonly accountIds: readonly string[];
}

/** Deletes for good the junk whose verdict is more than `days` days old (0 days: nothing is deleted). */
export async function purgeOldJunk(store: MessageStore, days: number, now = Date.now()): Promise<JunkPurge> {
  if (days <= 0) return { messageIds: [], folderIds: [], accountIds: [] };
  const rows = store.database
    .prepare<[number], { id: number; folder_id: number; account_id: string | null }>(
      `select m.id, m.folder_id, m.account_id from messages m
         join folders f on f.id = m.folder_id
         join message_junk j on j.message_id = m.id
       where f.role = 'junk' and j.verdict = 'junk' and j.updated_at <= ?
       order by m.id`,
    )
    .all(now - days * DAY_MS);
  const ids = rows.map((row) => row.id);
  for (let start = 0; start < ids.length; start += PURGE_CHUNK) await store.deleteMessagesPermanently(ids.slice(start, start + PURGE_CHUNK));
  return {
    messageIds: ids,
    folderIds: [...new Set(rows.map((row) => row.folder_id))],
    accountIds: [...new Set(rows.flatMap((row) => (row.account_id === null ? [] : [row.account_id])))],
  };
}
