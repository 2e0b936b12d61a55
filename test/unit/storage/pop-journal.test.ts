import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cancelDeletePending,
  getPopJournalEntry,
  listServerDeletions,
  markDeletePending,
  markKeptOnServer,
  readPopJournal,
  recordServerDeletions,
} from '../../../electron/storage/pop-journal';
import { ACCOUNT, mail, openTestStore } from './store-fixture';

test('only messages stored here in full can be marked for deletion on the server', async () => {
  const { database, store } = await openTestStore();
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'D1', state: 'downloaded' } }, mail({ subject: 'One' }));
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'H1', state: 'headers-only' } }, Buffer.from('Subject: h\r\n\r\n'));
  markKeptOnServer(database, ACCOUNT, [{ uidl: 'K1', size: 10 }, { uidl: 'D1' }], 'start fresh', 5);
  assert.equal(getPopJournalEntry(database, ACCOUNT, 'K1')?.state, 'kept-on-server');
  assert.equal(getPopJournalEntry(database, ACCOUNT, 'D1')?.state, 'downloaded', 'a known UIDL keeps its row');
  const result = markDeletePending(database, ACCOUNT, ['D1', 'H1', 'K1', 'unknown'], 'delete-after-download');
  assert.deepEqual(result, { marked: ['D1'], refused: ['H1', 'K1', 'unknown'] });
  database.close();
});

test('a confirmed deletion is audited with its reason; an unconfirmed one goes back to downloaded', async () => {
  const { database, store } = await openTestStore();
  for (const uidl of ['A', 'B', 'C'])
    await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl, state: 'downloaded' } }, mail({ subject: uidl }));
  markDeletePending(database, ACCOUNT, ['A', 'B'], 'keep-days-expired', 10);
  markDeletePending(database, ACCOUNT, ['C'], 'deleted-locally', 10);
  const records = recordServerDeletions(database, ACCOUNT, ['A', 'C', 'never-pending'], 20);
  assert.deepEqual(
    records.map((record) => [record.uidl, record.reason]),
    [
      ['A', 'keep-days-expired'],
      ['C', 'deleted-locally'],
    ],
  );
  cancelDeletePending(database, ACCOUNT, ['B'], 30);
  const journal = readPopJournal(database, ACCOUNT);
  assert.deepEqual(
    ['A', 'B', 'C'].map((uidl) => journal.get(uidl)?.state),
    ['deleted', 'downloaded', 'deleted'],
  );
  assert.deepEqual(
    listServerDeletions(database, ACCOUNT)
      .map((record) => record.uidl)
      .sort(),
    ['A', 'C'],
  );
  assert.equal(recordServerDeletions(database, ACCOUNT, ['A'], 40).length, 0, 'a deletion is recorded once');
  assert.equal(listServerDeletions(database, ACCOUNT).length, 2);
  database.close();
});
