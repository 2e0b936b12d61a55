/**
 * Finds or makes the folder another program's folder goes into, by its path of names: in an account's
 * tree (top-level folders named like the account's built-in ones become those) or in Local Folders.
 * Finding before making is what lets the same tree be imported twice into the same folders.
 */
import type { SqliteDatabase } from '../../storage/database';
import { createTreeFolder, MAX_FOLDER_DEPTH } from '../../storage/folder-tree';
import { folderIdForRole, MAX_FOLDER_NAME_LENGTH, type FolderRole } from '../../storage/folders';
import type { ImportPlacement } from './import-job';

/** A folder name of the source's top level that stands for one of the account's built-in folders (lower case). */
export type RoleNames = ReadonlyMap<string, FolderRole>;

/** Name given to a folder whose name has nothing left once control characters are taken out. */
const UNNAMED_FOLDER = 'Unnamed folder';

// C0 controls, DEL, C1 controls, and the line and paragraph separators (as folder names refuse them).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;

/** A source folder name as a Mailbag folder name: control characters become spaces, at most the longest name. */
export function importedFolderName(name: string): string {
  const clean = name.replace(CONTROL_CHARACTERS, ' ').trim().slice(0, MAX_FOLDER_NAME_LENGTH).trim();
  return clean === '' ? UNNAMED_FOLDER : clean;
}

function child(database: SqliteDatabase, accountId: string | null, parentId: number | null, name: string): number {
  const found = database
    .prepare<[string, number, string], { id: number }>(
      "select id from folders where coalesce(account_id, '') = ? and coalesce(parent_id, 0) = ? and lower(name) = lower(?) order by id limit 1",
    )
    .get(accountId ?? '', parentId ?? 0, name);
  return found?.id ?? createTreeFolder(database, { accountId, parentId, name });
}

/** The id of the folder for `path` (see the module comment); folders nest at most MAX_FOLDER_DEPTH deep, deeper ones join the deepest. */
export function placeFolder(database: SqliteDatabase, accountId: string, placement: ImportPlacement, path: readonly string[], roles: RoleNames): number {
  const names = path.map(importedFolderName);
  let owner: string | null = accountId;
  let parent: number | null = null;
  let depth = 0;
  if (placement.kind === 'local') {
    owner = null;
    if (placement.under !== null) {
      parent = child(database, null, null, importedFolderName(placement.under));
      depth = 1;
    }
  } else {
    const role = names[0] === undefined ? undefined : roles.get(names[0].toLowerCase());
    if (role !== undefined) {
      parent = folderIdForRole(database, accountId, role);
      depth = 1;
      names.shift();
    }
  }
  for (const name of names) {
    if (depth >= MAX_FOLDER_DEPTH && parent !== null) break;
    parent = child(database, owner, parent, name);
    depth += 1;
  }
  if (parent === null) throw new Error('A folder path needs at least one name.');
  return parent;
}
