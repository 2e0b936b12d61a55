/**
 * The user's own folders: nested in an account's tree or in "Local Folders" (no account), created,
 * renamed and deleted here; built-in folders (those with a role) are never renamed or deleted.
 */
import { wordedError } from '../../shared/error-words';
import type { SqliteDatabase } from './database';
import { folderIdForRole, MAX_FOLDER_NAME_LENGTH, type FolderRole } from './folders';

/** Deepest nesting of user folders, so a tree stays showable and walks stay short. */
export const MAX_FOLDER_DEPTH = 16;

/** What the tree of folders of no account is called, also as the first step of their paths. */
export const LOCAL_FOLDERS_NAME = 'Local Folders';

/**
 * A subquery of the ids of every folder that `text` names, in any account or in Local Folders: by name
 * (a nested folder too), by role (inbox, sent, …), or by path (`Projects/Alpha`, `Local Folders/Archive`),
 * ignoring ASCII case. Search's `in:` and the command line's `--folder` read folders this way.
 */
export function foldersNamedSql(text: string): { readonly sql: string; readonly parameters: string[] } {
  const wanted = text.trim();
  return {
    sql: `with recursive placed(id, local, role, name, path) as (
        select id, account_id is null, role, name, name from folders where parent_id is null
        union all
        select f.id, p.local, f.role, f.name, p.path || '/' || f.name from folders f join placed p on f.parent_id = p.id
      )
      select id from placed
        where name = ? collate nocase or role = ? or path = ? collate nocase or (local and ('${LOCAL_FOLDERS_NAME}/' || path) = ? collate nocase)`,
    parameters: [wanted, wanted.toLowerCase(), wanted, wanted],
  };
}

/** A folder of the tree with its counts; `accountId` null for a Local Folder. */
export interface TreeFolder {
  readonly id: number;
  readonly accountId: string | null;
  readonly parentId: number | null;
  readonly role: FolderRole | null;
  readonly name: string;
  readonly total: number;
  readonly unread: number;
}

interface FolderPlace {
  id: number;
  account_id: string | null;
  parent_id: number | null;
  role: FolderRole | null;
}

// C0 controls, DEL, C1 controls, and the line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** A folder name as stored (trimmed), or VALIDATION saying what is wrong with it. */
export function validFolderName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw wordedError('VALIDATION', { id: 'storageError.folderNameEmpty' });
  if (trimmed.length > MAX_FOLDER_NAME_LENGTH)
    throw wordedError('VALIDATION', { id: 'storageError.folderNameTooLong', values: { max: String(MAX_FOLDER_NAME_LENGTH) } });
  if (CONTROL_CHARACTERS.test(trimmed)) throw wordedError('VALIDATION', { id: 'storageError.folderNameControl' });
  return trimmed;
}

function place(database: SqliteDatabase, folderId: number): FolderPlace {
  const row = database.prepare<[number], FolderPlace>('select id, account_id, parent_id, role from folders where id = ?').get(folderId);
  if (row === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noFolder', values: { id: String(folderId) } });
  return row;
}

function depth(database: SqliteDatabase, folderId: number): number {
  let level = 0;
  let current: number | null = folderId;
  while (current !== null && level <= MAX_FOLDER_DEPTH) {
    current = place(database, current).parent_id;
    level += 1;
  }
  return level;
}

function assertNoSibling(database: SqliteDatabase, accountId: string | null, parentId: number | null, name: string, except: number | null): void {
  const clash = database
    .prepare<[string, number, string, number], { id: number }>(
      "select id from folders where coalesce(account_id, '') = ? and coalesce(parent_id, 0) = ? and lower(name) = lower(?) and id != ?",
    )
    .get(accountId ?? '', parentId ?? 0, name, except ?? 0);
  if (clash !== undefined) throw wordedError('VALIDATION', { id: 'storageError.folderNameTakenHere', values: { name } });
}

/** Where a new folder goes: an account's top level, inside a folder, or Local Folders (all null). */
export interface NewFolder {
  readonly accountId: string | null;
  readonly parentId?: number | null;
  readonly name: string;
}

/** Adds a user folder and returns its id. A sub-folder belongs to its parent's account (or none). */
export function createTreeFolder(database: SqliteDatabase, folder: NewFolder, now = Date.now()): number {
  const name = validFolderName(folder.name);
  return database
    .transaction(() => {
      let accountId = folder.accountId;
      const parentId = folder.parentId ?? null;
      if (parentId !== null) {
        const parent = place(database, parentId);
        if (parent.role === 'outbox') throw wordedError('VALIDATION', { id: 'storageError.outboxHoldsNoFolders' });
        if (folder.accountId !== null && parent.account_id !== folder.accountId) throw wordedError('VALIDATION', { id: 'storageError.subfolderAccount' });
        accountId = parent.account_id;
        if (depth(database, parentId) >= MAX_FOLDER_DEPTH)
          throw wordedError('VALIDATION', { id: 'storageError.foldersTooDeep', values: { max: String(MAX_FOLDER_DEPTH) } });
      } else if (accountId !== null && database.prepare('select 1 from accounts where id = ?').get(accountId) === undefined) {
        throw wordedError('NOT_FOUND', { id: 'storageError.noAccount', values: { id: accountId } });
      }
      assertNoSibling(database, accountId, parentId, name, null);
      const result = database
        .prepare('insert into folders (account_id, parent_id, role, name, created_at) values (?, ?, null, ?, ?)')
        .run(accountId, parentId, name, now);
      return Number(result.lastInsertRowid);
    })
    .immediate();
}

function assertUserFolder(folder: FolderPlace): void {
  if (folder.role !== null) throw wordedError('VALIDATION', { id: 'storageError.specialFolderFixed' });
}

/** Renames a user folder (names stay unique among its siblings). */
export function renameTreeFolder(database: SqliteDatabase, folderId: number, newName: string): void {
  const name = validFolderName(newName);
  database
    .transaction(() => {
      const folder = place(database, folderId);
      assertUserFolder(folder);
      assertNoSibling(database, folder.account_id, folder.parent_id, name, folder.id);
      database.prepare('update folders set name = ? where id = ?').run(name, folderId);
    })
    .immediate();
}

/** The ids of a folder and every folder inside it, parents first. */
export function folderSubtree(database: SqliteDatabase, folderId: number): number[] {
  return database
    .prepare<[number], { id: number }>(
      `with recursive tree(id, level) as (select ?, 0 union all select f.id, tree.level + 1 from folders f join tree on f.parent_id = tree.id)
       select id from tree order by level, id`,
    )
    .all(folderId)
    .map((row) => row.id);
}

/**
 * Deletes a user folder and its sub-folders in one transaction; their messages move to the Trash of the
 * account each came from (nothing is deleted for good). Returns how many messages moved.
 */
export function deleteTreeFolder(database: SqliteDatabase, folderId: number): { readonly movedToTrash: number; readonly folders: readonly number[] } {
  return database
    .transaction(() => {
      assertUserFolder(place(database, folderId));
      const folders = folderSubtree(database, folderId);
      const accounts = database
        .prepare<[string], { account_id: string }>('select distinct account_id from messages where folder_id in (select value from json_each(?))')
        .all(JSON.stringify(folders));
      let movedToTrash = 0;
      for (const { account_id: accountId } of accounts) {
        const trash = folderIdForRole(database, accountId, 'trash');
        movedToTrash += database
          .prepare('update messages set folder_id = ? where account_id = ? and folder_id in (select value from json_each(?))')
          .run(trash, accountId, JSON.stringify(folders)).changes;
      }
      database.prepare('delete from folders where id = ?').run(folderId);
      return { movedToTrash, folders };
    })
    .immediate();
}

/** Marks every message of a folder read; returns how many changed. */
export function markFolderRead(database: SqliteDatabase, folderId: number): number {
  place(database, folderId);
  return database.prepare('update messages set seen = 1 where folder_id = ? and seen = 0').run(folderId).changes;
}

/** Every folder with counts: an account's (null: the Local Folders), built-in first, then by name. */
export function listTreeFolders(database: SqliteDatabase, accountId: string | null): TreeFolder[] {
  const rows = database
    .prepare<
      [string],
      { id: number; account_id: string | null; parent_id: number | null; role: FolderRole | null; name: string; total: number; unread: number }
    >(
      `select f.id, f.account_id, f.parent_id, f.role, f.name,
              (select count(*) from messages m where m.folder_id = f.id and m.deleted_locally = 0) as total,
              (select count(*) from messages m where m.folder_id = f.id and m.deleted_locally = 0 and m.seen = 0) as unread
         from folders f where coalesce(f.account_id, '') = ?
        order by f.role is null, case f.role when 'inbox' then 0 when 'drafts' then 1 when 'outbox' then 2 when 'sent' then 3 when 'trash' then 4 when 'junk' then 5 end, lower(f.name), f.id`,
    )
    .all(accountId ?? '');
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    parentId: row.parent_id,
    role: row.role,
    name: row.name,
    total: row.total,
    unread: row.unread,
  }));
}
