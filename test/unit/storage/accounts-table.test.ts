/**
 * The accounts table: rows listed by name (case-insensitive) then age, written and removed by the
 * account service, counted for `mailbag info`, with each account's stored messages counted.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { openAccountsTable } from '../../../electron/storage/accounts-table';
import { openDatabase } from '../../../electron/storage/database';
import { ACCOUNT, mail, openTestStore, temporaryProfile } from './store-fixture';

test('accounts are written, listed by name then age, changed and removed', () => {
  const database = openDatabase(path.join(temporaryProfile(), 'mailbag.sqlite'));
  const table = openAccountsTable(database);
  assert.equal(table.count(), 0);
  table.insert({ id: 'b', name: 'work', email: 'ann@work.example', settingsJson: '{"w":1}', now: 10 });
  table.insert({ id: 'a', name: 'Home', email: 'ann@home.example', settingsJson: '{"h":1}', now: 20 });
  table.insert({ id: 'c', name: 'home', email: 'ann@other.example', settingsJson: '{}', now: 5 });
  assert.deepEqual(
    table.list().map((row) => row.id),
    ['c', 'a', 'b'],
    'by name ignoring case, the older first',
  );
  assert.deepEqual(table.get('a'), { id: 'a', name: 'Home', email: 'ann@home.example', settingsJson: '{"h":1}', createdAt: 20, updatedAt: 20 });
  table.update({ id: 'a', name: 'House', email: 'ann@house.example', settingsJson: '{"h":2}', now: 30 });
  assert.deepEqual(table.get('a'), { id: 'a', name: 'House', email: 'ann@house.example', settingsJson: '{"h":2}', createdAt: 20, updatedAt: 30 });
  table.remove('c');
  assert.equal(table.get('c'), undefined);
  assert.equal(table.count(), 2);
  database.close();
});

test('each account counts the messages stored for it', async () => {
  const { database, store } = await openTestStore();
  const table = openAccountsTable(database);
  assert.equal(table.messageCount(ACCOUNT), 0);
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'U1', state: 'downloaded' } }, mail({ subject: 'One' }));
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'U2', state: 'downloaded' } }, mail({ subject: 'Two' }));
  assert.equal(table.messageCount(ACCOUNT), 2);
  assert.equal(table.messageCount('someone-else'), 0);
  await store.close();
  database.close();
});
