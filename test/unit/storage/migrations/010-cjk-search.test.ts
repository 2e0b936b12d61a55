import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration010CjkSearch } from '../../../../electron/storage/migrations/010-cjk-search';

test('010 creates the CJK side index and fills it from the subjects and names already indexed', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration010CjkSearch.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  const message = db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date, subject, from_name, indexed_at) values (?, 'a', 1, 1, 0, 10, 'x', 1, 1, ?, ?, ?)",
  );
  message.run(1, '本日の会議資料を送ります', 'Tanaka', 1);
  message.run(2, 'Weekly report', '山田太郎', 1);
  message.run(3, 'No CJK here', 'Ann', 1);
  message.run(4, '会議資料 not indexed yet', null, null);
  migration010CjkSearch.up(db);
  const find = (query: string): number[] =>
    (db.prepare('select rowid from message_search_cjk where message_search_cjk match ? order by rowid').all(query) as Array<{ rowid: number }>).map(
      (row) => row.rowid,
    );
  assert.deepEqual(find('"会議 議資 資料"'), [1], 'a word from the middle of a subject');
  assert.deepEqual(find('"田太"'), [2], 'a name');
  assert.equal(db.prepare('select count(*) from message_search_cjk').pluck().get(), 2, 'only messages with CJK text have a row');
  db.prepare('delete from message_search_cjk where rowid = ?').run(1);
  assert.deepEqual(find('"会議 議資 資料"'), []);
  db.close();
});

test('010 is the migration after 009', () => {
  assert.equal(MIGRATIONS[migration010CjkSearch.version - 1], migration010CjkSearch);
});
