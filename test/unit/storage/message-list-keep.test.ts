/**
 * A list narrowed by quick filters keeps the message the reader shows: read while the Unread filter is
 * on, it stays listed, in its place by the list's order and counted, until the caller stops keeping it.
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { listSource } from '../../../electron/storage/message-list';
import { twoAccountDatabase } from './store-fixture';

let database: SqliteDatabase;
let dispose: () => void;
let inbox: number;

function insert(hour: number, seen: boolean, folder = inbox): number {
  const result = database
    .prepare(
      `insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date, seen, subject, from_name, from_address, indexed_at)
       values ('home', ?, ?, 100, 'hash', 1, ?, ?, ?, 'Ann', 'ann@example.com', 1)`,
    )
    .run(folder, `raw/${hour}-${folder}`, hour * 3_600_000, seen ? 1 : 0, `Hour ${hour}`);
  return Number(result.lastInsertRowid);
}

beforeEach(() => {
  ({ database, dispose, homeInbox: inbox } = twoAccountDatabase('mailbag-list-keep-'));
});

afterEach(() => dispose());

test('a read message is kept in the Unread list, in its place by date, while it is asked for', () => {
  const first = insert(1, false);
  const middle = insert(2, false);
  const last = insert(3, false);
  insert(4, true);
  database.prepare('update messages set seen = 1 where id = ?').run(middle);
  const source = { kind: 'folder', folderId: inbox } as const;
  const without = listSource(database, source, { filters: ['unread'] });
  assert.deepEqual(
    without.messages.map((message) => message.id),
    [last, first],
  );
  assert.equal(without.total, 2);
  const kept = listSource(database, source, { filters: ['unread'], keep: middle });
  assert.deepEqual(
    kept.messages.map((message) => message.id),
    [last, middle, first],
  );
  assert.equal(kept.total, 3);
  // Pages stay whole around it, in both directions.
  assert.deepEqual(
    listSource(database, source, { filters: ['unread'], keep: middle, direction: 'asc', offset: 1, limit: 1 }).messages.map((message) => message.id),
    [middle],
  );
});

test('keeping a message that passes the filters, or is not in the list, changes nothing', () => {
  const unread = insert(1, false);
  const elsewhere = insert(2, true, database.prepare<[], { id: number }>("select id from folders where account_id = 'work' and role = 'inbox'").get()?.id ?? 0);
  const source = { kind: 'folder', folderId: inbox } as const;
  for (const keep of [unread, elsewhere]) {
    const page = listSource(database, source, { filters: ['unread'], keep });
    assert.deepEqual(
      page.messages.map((message) => message.id),
      [unread],
    );
    assert.equal(page.total, 1);
  }
  // Without a filter there is nothing to keep: the plain list.
  assert.equal(listSource(database, source, { keep: unread }).total, 1);
});
