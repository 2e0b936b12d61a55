import type Database from 'better-sqlite3';
import { openConnection } from './database-connection';
import { MIGRATIONS, type Migration } from './migrations';
import { preparePrivateDatabaseFile } from './private-files';
import { registerRuleFunctions } from './rule-functions';

/** A handle on the profile's SQLite index. */
export type SqliteDatabase = Database.Database;

/** Options for opening the database. */
export interface OpenDatabaseOptions {
  /**
   * Path of the compiled better-sqlite3 addon to load instead of the one in node_modules. The Electron
   * app passes its own build (made for Electron's ABI); Node processes leave it out.
   */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
}

/**
 * Opens (creating if needed, private to the user) the SQLite database in WAL mode with foreign keys
 * enforced, and brings its
 * schema up to date. Each migration runs in its own transaction together with the version bump, so a
 * crash leaves the schema at a known version.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (options.readonly !== true) preparePrivateDatabaseFile(file);
  const database = openConnection(file, options);
  try {
    registerRuleFunctions(database);
    if (options.readonly !== true) {
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      migrate(database, MIGRATIONS);
    }
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/** The schema version a database is at (SQLite's `user_version`). */
export function schemaVersion(database: SqliteDatabase): number {
  return database.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies, in order, every migration newer than the database. A database newer than this build (made
 * by a later Mailbag) is refused rather than touched.
 */
export function migrate(database: SqliteDatabase, migrations: readonly Migration[]): void {
  const current = schemaVersion(database);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The mail database is version ${current}, newer than this Mailbag understands (${latest}).`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // SQLite's way to rebuild a table others refer to: foreign keys off (outside the transaction),
    // then checked before commit.
    const rebuilding = migration.rebuildsTables === true && (database.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (rebuilding) database.pragma('foreign_keys = OFF');
    try {
      database
        .transaction(() => {
          migration.up(database);
          if (rebuilding && (database.pragma('foreign_key_check') as unknown[]).length > 0) {
            throw new Error(`Migration ${migration.version} would break references between tables.`);
          }
          database.pragma(`user_version = ${migration.version}`);
        })
        .immediate();
    } finally {
      if (rebuilding) database.pragma('foreign_keys = ON');
    }
  }
}

/** The SQLite library version in use (shown by `mailbag info`). */
export function sqliteVersion(database: SqliteDatabase): string {
  return (database.prepare('select sqlite_version() as version').get() as { version: string }).version;
}
