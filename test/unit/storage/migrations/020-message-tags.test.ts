import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration020MessageTags } from '../../../../electron/storage/migrations/020-message-tags';

test('020 keeps each known tag once per message and forgets tags with their message', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version <= migration020MessageTags.version),
  );
  assert.equal(db.pragma('user_version', { simple: true }), migration020MessageTags.version);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date) values (5, 'a', 1, 1, 0, 10, 'x', 1, 1)",
  ).run();
  const tag = db.prepare('insert into message_tags (message_id, tag) values (5, ?)');
  tag.run('work');
  tag.run('later');
  assert.throws(() => tag.run('work'), /UNIQUE|PRIMARY/);
  assert.throws(() => tag.run('urgent'), /CHECK/);
  db.prepare('delete from messages where id = 5').run();
  assert.equal(db.prepare('select count(*) from message_tags').pluck().get(), 0);
});
