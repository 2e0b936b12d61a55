/**
 * Prepared statements kept per connection. A lookup that runs once per message (the POP journal row,
 * stored copies of the same bytes) is compiled once instead of thousands of times per receive run:
 * preparing cost more than running them. SQLite re-prepares a kept statement by itself after a schema
 * change, so a kept statement never reads a stale schema.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './database';

const kept = new WeakMap<SqliteDatabase, Map<string, Database.Statement<unknown[], unknown>>>();

/** The statement for `sql` on `database`, prepared on first use and kept while the connection lives. */
export function cachedStatement<Parameters extends unknown[], Row>(database: SqliteDatabase, sql: string): Database.Statement<Parameters, Row> {
  let statements = kept.get(database);
  if (statements === undefined) {
    statements = new Map();
    kept.set(database, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = database.prepare<unknown[], unknown>(sql);
    statements.set(sql, statement);
  }
  return statement as unknown as Database.Statement<Parameters, Row>;
}
