import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration017AddressSearchAtIndex } from '../../../../electron/storage/migrations/017-address-search-at-index';
import { applyParseResults, UNPARSEABLE, type MailAddress, type ParseResult } from '../../../../electron/storage/message-index';

function find(db: Database.Database, table: string, query: string): number[] {
  return (db.prepare(`select rowid from ${table} where ${table} match ? order by rowid`).all(query) as Array<{ rowid: number }>).map((row) => row.rowid);
}

function rowsOf(db: Database.Database, table: string, id: number): number {
  return db.prepare(`select count(*) from ${table}_docsize where id = ?`).pluck().get(id) as number;
}

const ANNA: MailAddress = { name: 'Anna Smith', address: 'anna@example.com' };
const BOB: MailAddress = { name: 'Bob', address: 'bob@example.com' };
const ZOE: MailAddress = { name: 'Zoë', address: 'zoe@example.net' };
const AHMAD: MailAddress = { name: 'أحمد', address: 'ahmad@example.org' };

function parsed(messageId: number, from: MailAddress, to: MailAddress[], cc: MailAddress[]): ParseResult {
  return { messageId, parsed: { ...UNPARSEABLE, subject: 'Hello', from, to, cc, text: 'walrus', problems: [] } };
}

test('017 leaves address rows to the indexer: none at insert, written once when indexed, kept for mail stored before', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version < migration017AddressSearchAtIndex.version)) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  const message = db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date, from_name, from_address, to_addresses, cc_addresses) values (?, 'a', 1, 1, ?, 10, 'x', 1, 1, ?, ?, ?, ?)",
  );
  const insert = (id: number, from: MailAddress, to: MailAddress[], cc: MailAddress[]) =>
    message.run(id, id * 10, from.name, from.address, JSON.stringify(to), JSON.stringify(cc));
  insert(1, ANNA, [BOB], []);
  insert(2, ZOE, [], [AHMAD]);
  applyParseResults(db, [parsed(2, ZOE, [], [AHMAD])]);
  for (const migration of MIGRATIONS.filter((candidate) => candidate.version >= migration017AddressSearchAtIndex.version)) migration.up(db);

  assert.deepEqual(find(db, 'message_from_search', 'anna'), [1], 'stored before, not yet indexed: still found');
  assert.deepEqual(find(db, 'message_cc_search', 'أحمد'), [2], 'stored and indexed before');
  insert(3, BOB, [ANNA], [ZOE]);
  insert(4, AHMAD, [ZOE], []);
  for (const table of ['message_from_search', 'message_to_search', 'message_cc_search']) assert.equal(rowsOf(db, table, 3), 0, `no ${table} row at insert`);

  // Message 4 is read with another From than the batch commit stored: the column changes with it.
  const applied = applyParseResults(db, [parsed(1, ANNA, [BOB], []), parsed(3, BOB, [ANNA], [ZOE]), parsed(4, ZOE, [ZOE], [])]);
  assert.equal(applied, 3);
  for (const id of [1, 2, 3, 4])
    for (const table of ['message_from_search', 'message_to_search', 'message_cc_search']) assert.equal(rowsOf(db, table, id), 1, `one ${table} row of ${id}`);
  assert.deepEqual(find(db, 'message_from_search', 'anna'), [1]);
  assert.deepEqual(find(db, 'message_from_search', 'bob'), [3]);
  assert.deepEqual(find(db, 'message_from_search', 'zoe'), [2, 4], 'accents folded');
  assert.deepEqual(find(db, 'message_from_search', 'ahmad'), [], 'the From read at indexing replaces the stored one');
  assert.deepEqual(find(db, 'message_to_search', 'anna'), [3]);
  assert.deepEqual(find(db, 'message_to_search', '"zoe@example.net"'), [4]);
  assert.deepEqual(find(db, 'message_to_search', 'name'), [], 'JSON keys are not words');
  assert.deepEqual(find(db, 'message_cc_search', 'zoe'), [3]);
  assert.deepEqual(find(db, 'message_cc_search', 'bob'), []);

  applyParseResults(db, [parsed(3, BOB, [ANNA], [ZOE])]);
  assert.equal(rowsOf(db, 'message_from_search', 3), 1, 'indexing again writes no second row');
  db.prepare('delete from messages where id = 3').run();
  assert.deepEqual(find(db, 'message_from_search', 'bob'), [], 'rows go with their message');
});
