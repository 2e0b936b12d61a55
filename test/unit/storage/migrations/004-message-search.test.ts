import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migration004MessageSearch } from '../../../../electron/storage/migrations/004-message-search';

test('004 creates a full-text index that finds words without accents and forgets deleted rows', () => {
  const db = new Database(':memory:');
  migration004MessageSearch.up(db);
  const insert = db.prepare('insert into message_search (rowid, subject, addresses, body) values (?, ?, ?, ?)');
  insert.run(1, 'Café au lait', 'ann@example.com Ann', 'Meet at the station');
  insert.run(2, 'Invoice', 'billing@example.com', 'Your invoice is attached');
  const find = (query: string): number[] =>
    (db.prepare('select rowid from message_search where message_search match ? order by rowid').all(query) as Array<{ rowid: number }>).map((row) => row.rowid);
  assert.deepEqual(find('cafe'), [1]);
  assert.deepEqual(find('invoice'), [2]);
  assert.deepEqual(find('addresses:ann'), [1]);
  db.prepare('delete from message_search where rowid = ?').run(1);
  assert.deepEqual(find('cafe'), []);
  db.close();
});
