import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration013LocalMailOutlivesAccount } from '../../../../electron/storage/migrations/013-local-mail-outlives-account';

const schemaOfMessages = (db: Database.Database): unknown[] =>
  db.prepare("select type, name from sqlite_master where tbl_name = 'messages' and type in ('index', 'trigger') order by name").all();

test('013 keeps every message, index, trigger and id, and lets mail in Local Folders outlive its account', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version < migration013LocalMailOutlivesAccount.version),
  );
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1), (2, null, null, 'Archive', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  const insert = db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date, seen, subject, indexed_at) values (?, 'a', ?, 1, ?, 10, 'x', 1, 1, 1, ?, 1)",
  );
  insert.run(1, 1, 0, 'Re: in the inbox');
  insert.run(2, 2, 10, 'Filed away');
  insert.run(9, 1, 20, 'Deleted later');
  db.prepare('delete from messages where id = 9').run();
  db.prepare("insert into pop_journal (account_id, uidl, state, message_id, first_seen_at, updated_at) values ('a', 'u2', 'downloaded', 2, 1, 1)").run();
  const before = schemaOfMessages(db);

  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version <= migration013LocalMailOutlivesAccount.version),
  );
  assert.equal(db.pragma('user_version', { simple: true }), migration013LocalMailOutlivesAccount.version);
  assert.ok(before.length > 20);
  assert.deepEqual(schemaOfMessages(db), before, 'every index and trigger of the table is back');
  assert.deepEqual(db.prepare('select id, account_id, folder_id, subject, subject_sort from messages order by id').all(), [
    { id: 1, account_id: 'a', folder_id: 1, subject: 'Re: in the inbox', subject_sort: 'in the inbox' },
    { id: 2, account_id: 'a', folder_id: 2, subject: 'Filed away', subject_sort: 'Filed away' },
  ]);
  assert.deepEqual(db.prepare("select message_id from pop_journal where uidl = 'u2'").get(), { message_id: 2 }, 'the journal still points at the message');
  const next = db
    .prepare("insert into messages (account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date) values ('a', 1, 1, 30, 10, 'y', 1, 1)")
    .run();
  assert.equal(next.lastInsertRowid, 10, 'ids are never reused');
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  assert.equal(migration013LocalMailOutlivesAccount.rebuildsTables, true);

  db.prepare("delete from accounts where id = 'a'").run();
  assert.deepEqual(db.prepare('select id, account_id, folder_id from messages').all(), [{ id: 2, account_id: null, folder_id: 2 }]);
  assert.deepEqual(db.prepare('select count(*) as count from pop_journal').get(), { count: 0 }, 'the journal goes with its account');
});
