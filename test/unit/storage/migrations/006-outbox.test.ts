import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration006Outbox } from '../../../../electron/storage/migrations/006-outbox';

function migratedDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration006Outbox.version)) migration.up(db);
  migration006Outbox.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'outbox', 'Outbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  const message = db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date) values (?, 'a', 1, 1, 0, 10, 'x', 1, 1)",
  );
  message.run(1);
  message.run(2);
  return db;
}

const insert = `insert into outbox (account_id, message_id, rfc_message_id, envelope_from, recipients, needs_smtp_utf8, eight_bit, size, state, next_attempt_at, sent_at, queued_at, updated_at)
  values ('a', @message, '<m@x>', 'a@example.com', @recipients, 0, 0, 10, @state, @next, @sent, 1, 1)`;

test('006 creates the Outbox queue with its states, one row per stored message, gone with the message', () => {
  const db = migratedDatabase();
  const add = db.prepare(insert);
  add.run({ message: 1, recipients: '[{"address":"b@example.com","status":"pending"}]', state: 'queued', next: null, sent: null });
  assert.throws(() => add.run({ message: 1, recipients: '[]', state: 'queued', next: null, sent: null }), /UNIQUE/);
  assert.throws(() => add.run({ message: 2, recipients: '[]', state: 'lost', next: null, sent: null }), /CHECK/);
  assert.throws(() => add.run({ message: 2, recipients: '{}', state: 'queued', next: null, sent: null }), /CHECK/);
  assert.throws(() => add.run({ message: 2, recipients: '[]', state: 'retrying', next: null, sent: null }), /CHECK/, 'retrying needs its next try');
  assert.throws(() => add.run({ message: 2, recipients: '[]', state: 'sent', next: null, sent: null }), /CHECK/, 'sent needs its time');
  assert.throws(() => add.run({ message: 99, recipients: '[]', state: 'queued', next: null, sent: null }), /FOREIGN KEY/);
  add.run({ message: 2, recipients: '[]', state: 'retrying', next: 5, sent: null });
  db.prepare('delete from messages where id = 1').run();
  assert.deepEqual(db.prepare('select message_id from outbox').all(), [{ message_id: 2 }]);
  db.close();
});

test('006 keeps one SIZE limit per account, removed with the account', () => {
  const db = migratedDatabase();
  db.prepare("insert into smtp_limits (account_id, max_message_size, learned_at) values ('a', 1000, 1)").run();
  assert.throws(() => db.prepare("insert into smtp_limits (account_id, max_message_size, learned_at) values ('a', 5, 1)").run(), /UNIQUE|PRIMARY/);
  assert.throws(() => db.prepare("insert into smtp_limits (account_id, max_message_size, learned_at) values ('b', 0, 1)").run(), /CHECK|FOREIGN/);
  db.prepare("delete from accounts where id = 'a'").run();
  assert.deepEqual(db.prepare('select * from smtp_limits').all(), []);
  assert.deepEqual(db.prepare('select * from outbox').all(), []);
  db.close();
});

test('006 is registered right after the migrations before it', () => {
  const index = MIGRATIONS.indexOf(migration006Outbox);
  assert.ok(index > 0);
  assert.equal(MIGRATIONS[index - 1]?.version, 5);
  assert.equal(migration006Outbox.version, 6);
});
