import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDatabase, schemaVersion } from '../../../electron/storage/database';
import { MIGRATIONS } from '../../../electron/storage/migrations';

function file(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-db-')), 'mailbag.sqlite');
}

test('opening brings the schema to the latest version in WAL mode, and reopening changes nothing', () => {
  const target = file();
  const database = openDatabase(target);
  assert.equal(schemaVersion(database), MIGRATIONS.at(-1)?.version);
  assert.equal(database.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(database.pragma('foreign_keys', { simple: true }), 1);
  database.close();
  const again = openDatabase(target);
  assert.equal(schemaVersion(again), MIGRATIONS.at(-1)?.version);
  again.close();
});

test('migration versions are consecutive from 1', () => {
  MIGRATIONS.forEach((migration, index) => assert.equal(migration.version, index + 1, migration.name));
});

test('a failing migration rolls back with its version bump', () => {
  const database = new Database(':memory:');
  assert.throws(() =>
    migrate(database, [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', up: (db) => db.exec('create table half (x); select * from missing;') },
    ]),
  );
  assert.equal(schemaVersion(database), MIGRATIONS.length);
  assert.equal(database.prepare("select count(*) as n from sqlite_master where name = 'half'").get() !== undefined, true);
  assert.deepEqual(database.prepare("select count(*) as n from sqlite_master where name = 'half'").get(), { n: 0 });
});

test('a database from a newer Mailbag is refused, not touched', () => {
  const target = file();
  const newer = new Database(target);
  newer.pragma(`user_version = ${MIGRATIONS.length + 5}`);
  newer.close();
  assert.throws(() => openDatabase(target), /newer than this Mailbag understands/);
});
