import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration007MessageListIndexes } from '../../../../electron/storage/migrations/007-message-list-indexes';

interface Row {
  readonly subject: string | null;
  readonly fromName: string | null;
  readonly fromAddress: string | null;
  readonly indexed: boolean;
}

const ROWS: readonly Row[] = [
  { subject: 'Re: Fwd:  RE: Budget', fromName: 'Ann', fromAddress: 'ann@example.com', indexed: true },
  { subject: 'fw: aw:Plans', fromName: '  ', fromAddress: 'bob@example.com', indexed: true },
  { subject: 'Re: Re: Re: Re: deep', fromName: null, fromAddress: null, indexed: true },
  { subject: 'Reply hazy', fromName: 'Cy', fromAddress: 'cy@example.com', indexed: true },
  { subject: null, fromName: null, fromAddress: null, indexed: true },
  { subject: 'Re: waiting', fromName: 'Dee', fromAddress: 'dee@example.com', indexed: false },
];

/** A database at version 6 holding ROWS, then migrated to 7 (so 007 must handle existing rows). */
function migratedDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration007MessageListIndexes.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1)").run();
  const insert = db.prepare(
    `insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date, subject, from_name, from_address, indexed_at)
     values ('a', 1, ?, 10, 'x', 1, 1, ?, ?, ?, ?)`,
  );
  ROWS.forEach((row, index) => insert.run(`f${index}`, row.subject, row.fromName, row.fromAddress, row.indexed ? 1 : null));
  migration007MessageListIndexes.up(db);
  return db;
}

test('007 derives sort keys: subject without reply prefixes, sender name or address, null until indexed', () => {
  const db = migratedDatabase();
  const keys = db.prepare('select subject_sort, sender_sort from messages order by id').all();
  assert.deepEqual(keys, [
    { subject_sort: 'Budget', sender_sort: 'Ann' },
    { subject_sort: 'Plans', sender_sort: 'bob@example.com' },
    { subject_sort: 'Re: deep', sender_sort: '' },
    { subject_sort: 'Reply hazy', sender_sort: 'Cy' },
    { subject_sort: '', sender_sort: '' },
    { subject_sort: null, sender_sort: null },
  ]);
  db.prepare("update messages set indexed_at = 2 where subject = 'Re: waiting'").run();
  assert.deepEqual(db.prepare("select subject_sort, sender_sort from messages where subject = 'Re: waiting'").get(), {
    subject_sort: 'waiting',
    sender_sort: 'Dee',
  });
  const caseless = db.prepare("select count(*) as n from messages where subject_sort = 'BUDGET' and sender_sort = 'ann'").get() as { n: number };
  assert.equal(caseless.n, 1, 'the keys compare without regard to case');
  assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
  db.close();
});

test('007 creates a full, an unread and a flagged index for each sort (date keeps 002’s full index)', () => {
  const db = migratedDatabase();
  const names = (
    db.prepare("select name from sqlite_master where type = 'index' and name like 'messages_list_%' order by name").all() as Array<{ name: string }>
  ).map((row) => row.name);
  assert.deepEqual(names, [
    'messages_list_date_flagged',
    'messages_list_date_unread',
    'messages_list_sender',
    'messages_list_sender_flagged',
    'messages_list_sender_unread',
    'messages_list_size',
    'messages_list_size_flagged',
    'messages_list_size_unread',
    'messages_list_subject',
    'messages_list_subject_flagged',
    'messages_list_subject_unread',
  ]);
  const partial = db.prepare("select sql from sqlite_master where name = 'messages_list_size_unread'").get() as { sql: string };
  assert.match(partial.sql, /where seen = 0/);
  db.close();
});

test('007 is registered right after the migrations before it', () => {
  const index = MIGRATIONS.indexOf(migration007MessageListIndexes);
  assert.ok(index > 0);
  assert.equal(MIGRATIONS[index - 1]?.version, 6);
  assert.equal(migration007MessageListIndexes.version, 7);
});
