import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration008OutboxHold } from '../../../../electron/storage/migrations/008-outbox-hold';

/** A database at version 7 with one queued Outbox row, then migrated to 8. */
function migratedDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration008OutboxHold.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'outbox', 'Outbox', 1)").run();
  db.prepare("insert into messages (id, account_id, folder_id, raw_file, size, sha256, received_at, sort_date) values (1, 'a', 1, 'f1', 10, 'x', 1, 1)").run();
  db.prepare(
    `insert into outbox (account_id, message_id, rfc_message_id, envelope_from, recipients, needs_smtp_utf8, eight_bit, size, state, queued_at, updated_at)
     values ('a', 1, '<m@x>', 'a@example.com', '[]', 0, 0, 10, 'queued', 1, 1)`,
  ).run();
  migration008OutboxHold.up(db);
  return db;
}

test('008 adds a not-before time: existing rows are due at once, new rows may be held', () => {
  const db = migratedDatabase();
  assert.deepEqual(db.prepare('select not_before from outbox').all(), [{ not_before: null }]);
  db.prepare('update outbox set not_before = 5000').run();
  assert.deepEqual(db.prepare('select not_before from outbox').all(), [{ not_before: 5000 }]);
  assert.throws(() => db.prepare('update outbox set not_before = -1').run(), /CHECK/);
});
