import type Database from 'better-sqlite3';

/** One numbered schema step. Versions are consecutive, starting at 1; a shipped migration never changes. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Rebuilds a table other tables refer to: runs with foreign keys off, checked before commit. */
  readonly rebuildsTables?: boolean;
  up(database: Database.Database): void;
}
