import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration015Rules } from '../../../../electron/storage/migrations/015-rules';

test('015 adds rules and marks mail from the server as waiting for them in the transaction that stores it', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version < migration015Rules.version),
  );
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  const insert = db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date) values (?, 'a', 1, 1, ?, 10, 'x', 1, 1)",
  );
  insert.run(1, 0);
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version <= migration015Rules.version),
  );
  assert.equal(db.pragma('user_version', { simple: true }), migration015Rules.version);
  assert.deepEqual(db.prepare('select count(*) as count from rules_pending').get(), { count: 0 }, 'mail stored before is not filtered again');

  insert.run(2, 10);
  insert.run(3, 20);
  insert.run(4, 30);
  const journal = db.prepare("insert into pop_journal (account_id, uidl, state, message_id, first_seen_at, updated_at) values ('a', ?, ?, ?, 1, 1)");
  journal.run('u2', 'downloaded', 2);
  journal.run('u3', 'kept-on-server', null);
  db.prepare("update pop_journal set state = 'headers-only', message_id = 3 where uidl = 'u3'").run();
  db.prepare('insert into rules_ran (message_id, ran_at) values (4, 1)').run();
  journal.run('u4', 'downloaded', 4);
  assert.deepEqual(db.prepare('select message_id from rules_pending order by message_id').pluck().all(), [2, 3], 'not the one whose rules already ran');

  db.prepare('delete from messages where id = 2').run();
  assert.deepEqual(db.prepare('select message_id from rules_pending').pluck().all(), [3], 'a removed message waits no more');
  db.prepare("insert into rules (position, name, query, actions, created_at) values (1, 'Lists', 'header:list-id:x', '[]', 1)").run();
  assert.throws(() => db.prepare("insert into rules (position, name, query, actions, created_at) values (2, 'lists', 'x', '[]', 1)").run(), /UNIQUE/);
  assert.deepEqual(db.prepare('select junk_messages, ham_messages from junk_training').all(), [{ junk_messages: 0, ham_messages: 0 }]);
  assert.throws(() => db.prepare("insert into message_junk (message_id, verdict, source, updated_at) values (3, 'maybe', 'user', 1)").run(), /CHECK/);
});
