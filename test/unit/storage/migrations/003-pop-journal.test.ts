import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migration001Initial } from '../../../../electron/storage/migrations/001-initial';
import { migration002FoldersMessages } from '../../../../electron/storage/migrations/002-folders-messages';
import { migration003PopJournal } from '../../../../electron/storage/migrations/003-pop-journal';

test('003 keeps one journal row per account and UIDL, with a known state, that outlives its message', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of [migration001Initial, migration002FoldersMessages, migration003PopJournal]) migration.up(db);
  db.exec(`
    insert into accounts (id, name, email, created_at) values ('a1', 'Home', 'ann@example.com', 1), ('a2', 'Work', 'ann@work.example', 1);
    insert into folders (id, account_id, role, name, created_at) values (1, 'a1', 'inbox', 'Inbox', 1);
    insert into messages (id, account_id, folder_id, raw_file, size, sha256, received_at, sort_date) values (7, 'a1', 1, 'large/m.eml', 1, 'h', 1, 1);
  `);
  const insert = db.prepare('insert into pop_journal (account_id, uidl, state, message_id, first_seen_at, updated_at) values (?, ?, ?, ?, 1, 1)');
  insert.run('a1', 'UID-1', 'downloaded', 7);
  insert.run('a2', 'UID-1', 'kept-on-server', null);
  assert.throws(() => insert.run('a1', 'UID-1', 'downloaded', null), /UNIQUE|PRIMARY/);
  assert.throws(() => insert.run('a1', 'UID-2', 'lost', null), /CHECK/);
  db.prepare("insert into server_deletions (account_id, uidl, message_id, reason, deleted_at) values ('a1', 'UID-1', 7, 'delete-after-download', 2)").run();
  db.prepare('delete from messages where id = 7').run();
  assert.deepEqual(db.prepare("select message_id, state from pop_journal where account_id = 'a1'").get(), { message_id: null, state: 'downloaded' });
  assert.deepEqual(db.prepare('select message_id, reason from server_deletions').get(), { message_id: null, reason: 'delete-after-download' });
  const plan = db.prepare('explain query plan select state from pop_journal where account_id = ? and uidl = ?').all('a1', 'x') as Array<{ detail: string }>;
  assert.ok(
    plan.some((row) => /USING (PRIMARY KEY|INDEX)/.test(row.detail)),
    JSON.stringify(plan),
  );
  db.close();
});
