/**
 * Opening a connection to the profile's database, apart from the migrations: a worker that writes
 * beside the database's owner (the parse workers) opens one the owner has already created and
 * migrated, and so loads neither the migrations nor what they import (the rules' search functions,
 * their regular-expression engine, the error catalogs), which made each such worker's start cost
 * about as much as indexing a thousand small messages.
 */
import Database from 'better-sqlite3';

/**
 * Milliseconds a statement waits for another connection's lock before failing. Every write
 * transaction in Mailbag is started IMMEDIATE (`transaction(fn).immediate()`): it takes the write lock
 * at BEGIN and so waits here, whereas a deferred transaction that reads before it writes fails at once
 * with SQLITE_BUSY_SNAPSHOT when another connection (a receive worker) committed in between.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/** How to open a connection. */
export interface ConnectionOptions {
  /**
   * Path of the compiled better-sqlite3 addon to load instead of the one in node_modules. The Electron
   * app passes its own build (made for Electron's ABI); Node processes leave it out.
   */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
  /** Refuse a file that does not exist yet instead of creating it. */
  readonly fileMustExist?: boolean;
}

/** A connection with the settings every connection has: the busy timeout and foreign keys enforced. */
export function openConnection(file: string, options: ConnectionOptions = {}): Database.Database {
  const database = new Database(file, {
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    ...(options.readonly === true ? { readonly: true, fileMustExist: true } : {}),
    ...(options.fileMustExist === true ? { fileMustExist: true } : {}),
  });
  try {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/**
 * A writing connection to a database its owner has already opened with `openDatabase` (created,
 * private to the user, in WAL mode, migrated): the same durability (`synchronous = FULL`, as every
 * connection that writes mail's index), no migrations and no search functions (the writes of the
 * index and their triggers call none).
 */
export function openWritingConnection(file: string, options: Pick<ConnectionOptions, 'nativeBinding'> = {}): Database.Database {
  const database = openConnection(file, { ...options, fileMustExist: true });
  try {
    database.pragma('synchronous = FULL');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}
