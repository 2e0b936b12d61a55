/**
 * Folders of an account: the six with a role (created together, once) and any the user adds.
 */
import { wordedError } from '../../shared/error-words';
import type { SqliteDatabase } from './database';

/** The folders every account has, by role, in the order they are shown. */
export const FOLDER_ROLES = ['inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk'] as const;
/** The role of a built-in folder. */
export type FolderRole = (typeof FOLDER_ROLES)[number];
/** Longest user folder name accepted. */
export const MAX_FOLDER_NAME_LENGTH = 200;

/** The default display name of a built-in folder. */
export function defaultFolderName(role: FolderRole): string {
  switch (role) {
    case 'inbox':
      return 'Inbox';
    case 'drafts':
      return 'Drafts';
    case 'outbox':
      return 'Outbox';
    case 'sent':
      return 'Sent';
    case 'trash':
      return 'Trash';
    case 'junk':
      return 'Junk';
  }
}

/** A folder as found by name or role. */
export interface FolderIdentity {
  readonly id: number;
  readonly accountId: string;
  /** null for a user folder. */
  readonly role: FolderRole | null;
  readonly name: string;
}

/** A folder with its message counts (for the folder list). */
export interface FolderSummary extends FolderIdentity {
  readonly total: number;
  readonly unread: number;
}

/**
 * An account's folders without counting their messages, in the order of `listFolders`: finding a
 * folder by name or role must stay instant however large the folders are (counting a folder of
 * 100,000 messages was a large share of a command's start).
 */
export function listFolderIdentities(database: SqliteDatabase, accountId: string): FolderIdentity[] {
  const rows = database
    .prepare<[string], { id: number; account_id: string; role: FolderRole | null; name: string }>(
      `select id, account_id, role, name from folders where account_id = ?
        order by role is null, case role ${FOLDER_ROLES.map((role, index) => `when '${role}' then ${index}`).join(' ')} end, name`,
    )
    .all(accountId);
  return rows.map((row) => ({ id: row.id, accountId: row.account_id, role: row.role, name: row.name }));
}

/** Creates the built-in folders an account does not have yet; safe to call again. */
export function ensureDefaultFolders(database: SqliteDatabase, accountId: string, now = Date.now()): void {
  const insert = database.prepare('insert into folders (account_id, role, name, created_at) values (?, ?, ?, ?) on conflict do nothing');
  database
    .transaction(() => {
      for (const role of FOLDER_ROLES) insert.run(accountId, role, defaultFolderName(role), now);
    })
    .immediate();
}

/** The id of an account's built-in folder, creating the built-in folders on first use. */
export function folderIdForRole(database: SqliteDatabase, accountId: string, role: FolderRole): number {
  const find = database.prepare<[string, string], { id: number }>('select id from folders where account_id = ? and role = ?');
  const found = find.get(accountId, role);
  if (found !== undefined) return found.id;
  ensureDefaultFolders(database, accountId);
  const created = find.get(accountId, role);
  if (created === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.accountMissing', values: { id: accountId } });
  return created.id;
}

/** Adds a user folder; names are unique per account. */
export function createFolder(database: SqliteDatabase, accountId: string, name: string, now = Date.now()): number {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_FOLDER_NAME_LENGTH) {
    throw wordedError('VALIDATION', { id: 'storageError.folderNameLength', values: { max: String(MAX_FOLDER_NAME_LENGTH) } });
  }
  if (database.prepare('select 1 from folders where account_id = ? and name = ?').get(accountId, trimmed) !== undefined) {
    throw wordedError('VALIDATION', { id: 'storageError.folderNameTaken', values: { name: trimmed } });
  }
  const result = database.prepare('insert into folders (account_id, role, name, created_at) values (?, null, ?, ?)').run(accountId, trimmed, now);
  return Number(result.lastInsertRowid);
}

interface FolderRow {
  id: number;
  account_id: string;
  role: FolderRole | null;
  name: string;
  total: number;
  unread: number;
}

/** An account's folders with total and unread counts (messages deleted locally are not counted). */
export function listFolders(database: SqliteDatabase, accountId: string): FolderSummary[] {
  const rows = database
    .prepare<[string], FolderRow>(
      `select f.id, f.account_id, f.role, f.name,
              count(m.id) as total, coalesce(sum(m.seen = 0), 0) as unread
         from folders f left join messages m on m.folder_id = f.id and m.deleted_locally = 0
        where f.account_id = ?
        group by f.id
        order by f.role is null, case f.role ${FOLDER_ROLES.map((role, index) => `when '${role}' then ${index}`).join(' ')} end, f.name`,
    )
    .all(accountId);
  return rows.map((row) => ({ id: row.id, accountId: row.account_id, role: row.role, name: row.name, total: row.total, unread: row.unread }));
}

/** Whether a folder is one of the Local Folders (a folder of no account), where any account's mail may be filed. */
export function isLocalFolder(database: SqliteDatabase, folderId: number): boolean {
  const row = database.prepare<[number], { account_id: string | null }>('select account_id from folders where id = ?').get(folderId);
  return row !== undefined && row.account_id === null;
}

/** Whether a folder exists (and belongs to the account, when one is given). */
export function folderExists(database: SqliteDatabase, folderId: number, accountId?: string): boolean {
  const row = database.prepare<[number], { account_id: string }>('select account_id from folders where id = ?').get(folderId);
  return row !== undefined && (accountId === undefined || row.account_id === accountId);
}
