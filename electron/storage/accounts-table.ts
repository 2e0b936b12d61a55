/**
 * The `accounts` table: one row per account with its settings as one JSON document (validated by the
 * account service, which owns their meaning). Passwords never reach this table.
 */
import type { SqliteDatabase } from './database';

/** One account as stored: the settings are the JSON text the account service wrote. */
export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly settingsJson: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What is written when an account is created or changed. */
export interface AccountWrite {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly settingsJson: string;
  /** Creation time of a new account; the update time of both. */
  readonly now: number;
}

/** The statements over the accounts table, prepared once. */
export interface AccountsTable {
  /** Every account, by name (case-insensitive), then by age. */
  list(): AccountRecord[];
  get(id: string): AccountRecord | undefined;
  insert(row: AccountWrite): void;
  update(row: AccountWrite): void;
  /** Removes the row; the store's cascades remove the account's folders and their messages (mail in Local Folders stays). */
  remove(id: string): void;
  /** How many accounts the profile holds. */
  count(): number;
  /**
   * How many messages are stored in the account's own folders (0 while the profile has no messages table
   * yet): what removing it deletes. Its mail filed in Local Folders is not counted, as it outlives the account.
   */
  messageCount(id: string): number;
}

interface AccountRow {
  id: string;
  name: string;
  email: string;
  settings: string;
  created_at: number;
  updated_at: number;
}

interface CountRow {
  count: number;
}

function fromRow(row: AccountRow): AccountRecord {
  return { id: row.id, name: row.name, email: row.email, settingsJson: row.settings, createdAt: row.created_at, updatedAt: row.updated_at };
}

function toParameters(row: AccountWrite): { id: string; name: string; email: string; settings: string; now: number } {
  return { id: row.id, name: row.name, email: row.email, settings: row.settingsJson, now: row.now };
}

/** Prepares the accounts table's statements on the profile's database. */
export function openAccountsTable(database: SqliteDatabase): AccountsTable {
  const selectAll = database.prepare<[], AccountRow>(
    'select id, name, email, settings, created_at, updated_at from accounts order by name collate nocase, created_at',
  );
  const selectOne = database.prepare<[string], AccountRow>('select id, name, email, settings, created_at, updated_at from accounts where id = ?');
  const insert = database.prepare(
    'insert into accounts (id, name, email, settings, created_at, updated_at) values (@id, @name, @email, @settings, @now, @now)',
  );
  const update = database.prepare('update accounts set name = @name, email = @email, settings = @settings, updated_at = @now where id = @id');
  const deleteOne = database.prepare<[string]>('delete from accounts where id = ?');
  const countAll = database.prepare<[], CountRow>('select count(*) as count from accounts');
  const hasMessagesTable = database.prepare<[], CountRow>("select count(*) as count from sqlite_master where type = 'table' and name = 'messages'").get();
  const countMessages =
    (hasMessagesTable?.count ?? 0) > 0
      ? database.prepare<[string], CountRow>(
          'select count(*) as count from messages where account_id = ? and folder_id not in (select id from folders where account_id is null)',
        )
      : undefined;
  return {
    list: () => selectAll.all().map(fromRow),
    get: (id) => {
      const row = selectOne.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    insert: (row) => {
      insert.run(toParameters(row));
    },
    update: (row) => {
      update.run(toParameters(row));
    },
    remove: (id) => {
      deleteOne.run(id);
    },
    count: () => countAll.get()?.count ?? 0,
    messageCount: (id) => countMessages?.get(id)?.count ?? 0,
  };
}
