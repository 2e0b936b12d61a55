import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration011SearchFields } from '../../../../electron/storage/migrations/011-search-fields';

function find(db: Database.Database, table: string, query: string): number[] {
  return (db.prepare(`select rowid from ${table} where ${table} match ? order by rowid`).all(query) as Array<{ rowid: number }>).map((row) => row.rowid);
}

test('011 indexes From, To and Cc apart and attachment names, for mail already stored and mail stored later', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration011SearchFields.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  const message = db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date, from_name, from_address, to_addresses, cc_addresses) values (?, 'a', 1, 1, ?, 10, 'x', 1, 1, ?, ?, ?, ?)",
  );
  const attachment = db.prepare(
    "insert into attachments (message_id, ordinal, file_name, content_type, size, inline) values (?, ?, ?, 'application/pdf', 1, 0)",
  );
  message.run(1, 0, 'Anna', 'anna@example.com', JSON.stringify([{ name: 'Bob', address: 'bob@example.com' }]), '[]');
  message.run(2, 10, null, null, null, 'not json');
  attachment.run(1, 0, 'Quarterly report.pdf');
  attachment.run(1, 1, null);
  db.prepare("insert into message_search (rowid, subject, addresses, body) values (1, 'report', '', ''), (99, 'orphan report', '', '')").run();
  migration011SearchFields.up(db);
  assert.deepEqual(find(db, 'message_search', 'report'), [1], 'a row left behind by a removed message is removed');
  assert.deepEqual(find(db, 'message_from_search', 'anna'), [1]);
  assert.deepEqual(find(db, 'message_to_search', 'anna'), []);
  assert.deepEqual(find(db, 'message_to_search', 'bob'), [1]);
  assert.deepEqual(find(db, 'message_to_search', 'name'), [], 'JSON keys are not words');
  assert.deepEqual(find(db, 'attachment_name_search', '"port.p"'), [1]);

  message.run(3, 20, 'Zoë', 'zoe@example.net', '[]', JSON.stringify([{ name: 'أحمد', address: 'ahmad@example.org' }]));
  attachment.run(3, 0, 'Tabelle.xlsx');
  attachment.run(3, 1, 'Bild.png');
  assert.deepEqual(find(db, 'message_cc_search', 'أحمد'), [3]);
  assert.deepEqual(find(db, 'message_from_search', 'zoe'), [3], 'accents folded');
  assert.deepEqual(find(db, 'attachment_name_search', '"belle"'), [3]);
  assert.deepEqual(find(db, 'attachment_name_search', '"bild"'), [3], 'every name of a message');

  db.prepare("update messages set from_name = 'Carl', from_address = 'carl@example.com' where id = 3").run();
  assert.deepEqual(find(db, 'message_from_search', 'zoe'), []);
  assert.deepEqual(find(db, 'message_from_search', 'carl'), [3]);
  db.prepare('delete from attachments where message_id = 3 and ordinal = 0').run();
  assert.deepEqual(find(db, 'attachment_name_search', '"belle"'), []);
  assert.deepEqual(find(db, 'attachment_name_search', '"bild"'), [3]);
  db.prepare('delete from messages where id = 3').run();
  assert.deepEqual(find(db, 'message_from_search', 'carl'), []);
  assert.deepEqual(find(db, 'attachment_name_search', '"bild"'), [], 'attachments removed with their message');
  db.prepare("insert into accounts (id, name, email, created_at) values ('b', 'B', 'b@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (2, 'b', 'inbox', 'Inbox', 1)").run();
  db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date, from_name) values (7, 'b', 2, 1, 70, 10, 'x', 1, 1, 'Bea')",
  ).run();
  db.prepare("insert into message_search (rowid, subject, addresses, body) values (7, 'kept until the account goes', '', '')").run();
  db.prepare("insert into message_search_cjk (rowid, text) values (7, '会議')").run();
  db.prepare("delete from accounts where id = 'b'").run();
  assert.deepEqual(find(db, 'message_search', 'kept'), [], 'full-text rows go with messages removed with their account');
  assert.deepEqual(find(db, 'message_search_cjk', '会議'), []);
  assert.deepEqual(find(db, 'message_from_search', 'bea'), []);
  const plan = db.prepare('explain query plan select id from messages order by sort_date desc, id desc limit 50').all() as Array<{ detail: string }>;
  assert.match(plan.map((step) => step.detail).join(' '), /messages_search_date/, 'all mail newest first is an index walk');
  db.close();
});

test('011 is the migration after 010', () => {
  assert.equal(MIGRATIONS[migration011SearchFields.version - 1], migration011SearchFields);
});
