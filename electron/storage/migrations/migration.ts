import type Database from 'better-sqlite3';

/** One numbered schema step. Versions are consecutive, starting at 1; a shipped migration never changes. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(database: Database.Database): void;
}
