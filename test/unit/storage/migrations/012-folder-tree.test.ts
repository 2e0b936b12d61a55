import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration012FolderTree } from '../../../../electron/storage/migrations/012-folder-tree';

test('012 keeps folders and their mail, and allows nested and account-less folders with sibling-unique names', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration012FolderTree.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1), (2, 'a', null, 'Projects', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date, seen) values (1, 'a', 2, 1, 0, 10, 'x', 1, 1, 1)",
  ).run();
  db.pragma('foreign_keys = OFF');
  db.transaction(() => migration012FolderTree.up(db)).immediate();
  db.pragma('foreign_keys = ON');
  assert.deepEqual(db.prepare('select id, account_id, parent_id, role, name from folders order by id').all(), [
    { id: 1, account_id: 'a', parent_id: null, role: 'inbox', name: 'Inbox' },
    { id: 2, account_id: 'a', parent_id: null, role: null, name: 'Projects' },
  ]);
  assert.deepEqual(db.prepare('select folder_id, seen, forwarded from messages').get(), { folder_id: 2, seen: 1, forwarded: 0 });
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  assert.equal(migration012FolderTree.rebuildsTables, true, 'run with foreign keys off, as the table is rebuilt');

  const insert = db.prepare('insert into folders (account_id, parent_id, role, name, created_at) values (?, ?, ?, ?, 1)');
  insert.run('a', 2, null, 'Inbox');
  insert.run(null, null, null, 'Archive');
  insert.run(null, null, null, 'Projects');
  assert.throws(() => insert.run('a', null, null, 'projects'), /UNIQUE/, 'siblings differ in more than case');
  assert.throws(() => insert.run(null, null, null, 'ARCHIVE'), /UNIQUE/);
  assert.throws(() => insert.run(null, null, 'trash', 'Trash'), /CHECK/, 'a built-in folder needs an account');
  assert.throws(() => insert.run('a', 99, null, 'Orphan'), /FOREIGN KEY/);
  assert.throws(() => db.prepare('update messages set folder_id = 99 where id = 1').run(), /FOREIGN KEY/, 'messages still point at real folders');
  db.prepare("delete from accounts where id = 'a'").run();
  assert.deepEqual(db.prepare('select name from folders order by id').all(), [{ name: 'Archive' }, { name: 'Projects' }], 'local folders outlive accounts');
});
