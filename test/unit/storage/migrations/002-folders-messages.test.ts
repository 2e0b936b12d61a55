import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migration001Initial } from '../../../../electron/storage/migrations/001-initial';
import { migration002FoldersMessages } from '../../../../electron/storage/migrations/002-folders-messages';

function database(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migration001Initial.up(db);
  migration002FoldersMessages.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a1', 'Home', 'ann@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a1', 'inbox', 'Inbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p.pack', 1)").run();
  return db;
}

const insertMessage =
  'insert into messages (account_id, folder_id, pack_id, pack_offset, raw_file, size, sha256, received_at, sort_date) values (?, ?, ?, ?, ?, ?, ?, ?, ?)';

test('002 stores a message either in a pack or in its own file, never both or neither', () => {
  const db = database();
  db.prepare(insertMessage).run('a1', 1, 1, 64, null, 10, 'h', 1, 1);
  db.prepare(insertMessage).run('a1', 1, null, null, 'large/x.eml', 10, 'h', 1, 1);
  assert.throws(() => db.prepare(insertMessage).run('a1', 1, 1, 64, 'large/y.eml', 10, 'h', 1, 1), /CHECK/);
  assert.throws(() => db.prepare(insertMessage).run('a1', 1, null, null, null, 10, 'h', 1, 1), /CHECK/);
  assert.throws(() => db.prepare(insertMessage).run('a1', 99, 1, 0, null, 10, 'h', 1, 1), /FOREIGN KEY/);
  assert.throws(() => db.prepare(insertMessage).run('a1', 1, 2, 0, null, 10, 'h', 1, 1), /FOREIGN KEY/);
  db.close();
});

test('002 allows one folder per role and account, and lists a folder by date through an index', () => {
  const db = database();
  assert.throws(() => db.prepare("insert into folders (account_id, role, name, created_at) values ('a1', 'inbox', 'Other', 1)").run(), /UNIQUE/);
  db.prepare("insert into folders (account_id, role, name, created_at) values ('a1', null, 'Receipts', 1)").run();
  db.prepare("insert into folders (account_id, role, name, created_at) values ('a1', null, 'Travel', 1)").run();
  assert.throws(() => db.prepare("insert into folders (account_id, role, name, created_at) values ('a1', 'archive', 'A', 1)").run(), /CHECK/);
  const plan = db.prepare('explain query plan select id from messages where folder_id = ? order by sort_date desc, id desc limit 50').all(1) as Array<{
    detail: string;
  }>;
  assert.ok(
    plan.some((row) => row.detail.includes('messages_folder_date')),
    JSON.stringify(plan),
  );
  assert.ok(!plan.some((row) => row.detail.includes('TEMP B-TREE')), JSON.stringify(plan));
  db.close();
});

test('002 removes attachment metadata with its message', () => {
  const db = database();
  const { lastInsertRowid } = db.prepare(insertMessage).run('a1', 1, 1, 64, null, 10, 'h', 1, 1);
  db.prepare("insert into attachments (message_id, ordinal, content_type, size, inline) values (?, 0, 'image/png', 5, 0)").run(lastInsertRowid);
  db.prepare('delete from messages where id = ?').run(lastInsertRowid);
  assert.deepEqual(db.prepare('select count(*) as n from attachments').get(), { n: 0 });
  db.close();
});
