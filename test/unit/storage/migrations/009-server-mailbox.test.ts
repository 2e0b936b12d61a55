import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration009ServerMailbox } from '../../../../electron/storage/migrations/009-server-mailbox';

function migratedDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version <= migration009ServerMailbox.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  return db;
}

test('009 keeps one keep-forever row per message and one transcript per account, removed with the account', () => {
  const db = migratedDatabase();
  db.prepare("insert into pop_keep_forever (account_id, uidl, kept_at) values ('a', 'u1', 1)").run();
  assert.throws(() => db.prepare("insert into pop_keep_forever (account_id, uidl, kept_at) values ('a', 'u1', 2)").run(), /UNIQUE/);
  db.prepare("insert into pop_transcripts (account_id, kind, started_at, ended_at, entries) values ('a', 'server-mailbox', 1, 2, '[]')").run();
  assert.throws(
    () => db.prepare("insert into pop_transcripts (account_id, kind, started_at, ended_at, entries) values ('a', 'other', 1, 2, '[]')").run(),
    /CHECK|UNIQUE/,
  );
  db.prepare("delete from accounts where id = 'a'").run();
  assert.equal(db.prepare('select count(*) from pop_keep_forever').pluck().get(), 0);
  assert.equal(db.prepare('select count(*) from pop_transcripts').pluck().get(), 0);
});

test('009 is the migration after 008', () => {
  assert.equal(MIGRATIONS[migration009ServerMailbox.version - 1], migration009ServerMailbox);
});
