import type Database from 'better-sqlite3';
import { migration001Initial } from './001-initial';

/** One numbered schema step. Versions are consecutive, starting at 1; a shipped migration never changes. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(database: Database.Database): void;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial];
