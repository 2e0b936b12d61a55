/**
 * Sub-folders found by path below a folder, made when missing: an import that brings a folder tree
 * (Outlook, Thunderbird's `.sbd` directories) files each message into the same place as in its source.
 */
import type { SqliteDatabase } from './database';
import { createTreeFolder, MAX_FOLDER_DEPTH, validFolderName } from './folder-tree';

/** What a folder name becomes when the source's name is not one Mailbag can keep (empty, too long, controls). */
function storableName(name: string): string {
  try {
    return validFolderName(name);
  } catch {
    const cleaned = Array.from(name.replace(/\p{Cc}|[\u2028\u2029]/gu, ' ').trim())
      .slice(0, 100)
      .join('');
    return cleaned === '' ? 'Unnamed' : cleaned;
  }
}

/**
 * The id of the folder at `names` below `parentId` (the parent itself for an empty path), creating
 * each missing step. A path deeper than the tree allows is filed in the deepest folder allowed.
 */
export function ensureFolderPath(database: SqliteDatabase, parentId: number, names: readonly string[]): number {
  const find = database.prepare<[number, string], { id: number }>('select id from folders where parent_id = ? and name = ?');
  let current = parentId;
  for (const name of names.slice(0, MAX_FOLDER_DEPTH - 1)) {
    const wanted = storableName(name);
    const found = find.get(current, wanted);
    if (found !== undefined) {
      current = found.id;
      continue;
    }
    try {
      current = createTreeFolder(database, { accountId: null, parentId: current, name: wanted });
    } catch {
      // Too deep below a parent that is itself nested: the rest of the path stays in this folder.
      break;
    }
  }
  return current;
}

/** The account a folder belongs to: its id, null for a Local Folder, undefined when there is no such folder. */
export function folderAccount(database: SqliteDatabase, folderId: number): string | null | undefined {
  const row = database.prepare<[number], { account_id: string | null }>('select account_id from folders where id = ?').get(folderId);
  return row === undefined ? undefined : row.account_id;
}
