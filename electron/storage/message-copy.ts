/**
 * Copying messages into another folder. A message in a pack shares its record with the copy (packs are
 * append-only and a record is reclaimed only when no row refers to it); a message in a file of its own
 * gets its own file (a file belongs to one row and goes when that row is deleted), written and synced
 * before the row that names it is committed. Either way the copy outlives the original.
 */
import { copyMessageTags } from './message-tags';
import fs from 'node:fs/promises';
import path from 'node:path';
import { wordedError } from '../../shared/error-words';
import { syncDirectory } from './atomic-file';
import type { SqliteDatabase } from './database';
import { LARGE_EXTENSION, LARGE_FOLDER, newRawFileName } from './raw-layout';

/** Columns a copy takes over unchanged (flags and list columns; the index is rebuilt for it). */
const COPIED_COLUMNS = `account_id, pack_id, pack_offset, size, sha256, received_at, seen, flagged, answered, forwarded, partial, sort_date,
  subject, from_name, from_address, to_addresses, cc_addresses, date, message_id, in_reply_to, message_references, snippet, has_attachments, thread_key`;

/** Whether a message may be put in the folder: one of its own account's, or a Local Folder. */
export function assertFolderTakes(database: SqliteDatabase, folderId: number, accountId: string | null): void {
  const folder = database
    .prepare<[number], { account_id: string | null; role: string | null }>('select account_id, role from folders where id = ?')
    .get(folderId);
  if (folder === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noFolder', values: { id: String(folderId) } });
  if (folder.account_id !== null && folder.account_id !== accountId) {
    throw wordedError('VALIDATION', { id: 'storageError.copyFolderAccount' });
  }
}

/**
 * A copy of a message in a file of its own (a message too large for a pack), written and synced under a
 * new name; the caller syncs the folder (LARGE_FOLDER) before committing a row that names it.
 */
export async function copyRawFile(rawRoot: string, rawFile: string): Promise<string> {
  const file = `${LARGE_FOLDER}/${newRawFileName(LARGE_EXTENSION)}`;
  await fs.copyFile(path.join(rawRoot, rawFile), path.join(rawRoot, file), fs.constants.COPYFILE_EXCL);
  const handle = await fs.open(path.join(rawRoot, file), 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return file;
}

/**
 * Inserts the row of a copy (in the caller's transaction): a message in a pack shares its record, one
 * in a file of its own needs `rawFile`, its copy from copyRawFile. Returns the copy's id.
 */
export function insertCopy(database: SqliteDatabase, messageId: number, folderId: number, rawFile: string | null): number {
  const copy = Number(
    database
      .prepare<[number, string | null, number]>(
        `insert into messages (folder_id, raw_file, ${COPIED_COLUMNS}) select ?, ?, ${COPIED_COLUMNS} from messages where id = ?`,
      )
      .run(folderId, rawFile, messageId).lastInsertRowid,
  );
  copyMessageTags(database, messageId, copy);
  return copy;
}

/** Copies messages into a folder and returns the copies' ids, in the order given. */
export async function copyMessages(database: SqliteDatabase, rawRoot: string, messageIds: readonly number[], folderId: number): Promise<number[]> {
  const find = database.prepare<[number], { account_id: string | null; raw_file: string | null }>('select account_id, raw_file from messages where id = ?');
  const sources = messageIds.map((id) => {
    const row = find.get(id);
    if (row === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noMessage', values: { id: String(id) } });
    assertFolderTakes(database, folderId, row.account_id);
    return { id, rawFile: row.raw_file };
  });
  const files = new Map<number, string>();
  for (const source of sources) {
    if (source.rawFile !== null) files.set(source.id, await copyRawFile(rawRoot, source.rawFile));
  }
  if (files.size > 0) await syncDirectory(path.join(rawRoot, LARGE_FOLDER));
  try {
    return database.transaction(() => sources.map((source) => insertCopy(database, source.id, folderId, files.get(source.id) ?? null))).immediate();
  } catch (error) {
    for (const file of files.values()) await fs.rm(path.join(rawRoot, file), { force: true });
    throw error;
  }
}
