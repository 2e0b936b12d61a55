import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration014OutboxAnswers } from '../../../../electron/storage/migrations/014-outbox-answers';

/** A database just before this migration with an original message and one queued Outbox row, then migrated. */
function migratedDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration014OutboxAnswers.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  const outbox = db.prepare("select id from folders where account_id = 'a' and role = 'outbox'").pluck().get() as number | undefined;
  const folder =
    outbox ?? Number(db.prepare("insert into folders (account_id, role, name, created_at) values ('a', 'outbox', 'Outbox', 1)").run().lastInsertRowid);
  const message = db.prepare(
    "insert into messages (id, account_id, folder_id, raw_file, size, sha256, received_at, sort_date) values (?, 'a', ?, ?, 10, 'x', 1, 1)",
  );
  message.run(1, folder, 'f1');
  message.run(2, folder, 'f2');
  db.prepare(
    `insert into outbox (account_id, message_id, rfc_message_id, envelope_from, recipients, needs_smtp_utf8, eight_bit, size, state, queued_at, updated_at)
     values ('a', 1, '<m@x>', 'a@example.com', '[]', 0, 0, 10, 'queued', 1, 1)`,
  ).run();
  migration014OutboxAnswers.up(db);
  return db;
}

test('014 links a queued message to the original it answers; rows from before answer nothing, and deleting the original forgets the link', () => {
  const db = migratedDatabase();
  assert.deepEqual(db.prepare('select answers_message_id, answer_kind from outbox').all(), [{ answers_message_id: null, answer_kind: null }]);
  db.prepare("update outbox set answers_message_id = 2, answer_kind = 'forward'").run();
  assert.throws(() => db.prepare("update outbox set answer_kind = 'bounce'").run(), /CHECK/);
  assert.throws(() => db.prepare('update outbox set answers_message_id = 99').run(), /FOREIGN KEY/);
  db.prepare('delete from messages where id = 2').run();
  assert.deepEqual(db.prepare('select answers_message_id, answer_kind from outbox').all(), [{ answers_message_id: null, answer_kind: 'forward' }]);
});
