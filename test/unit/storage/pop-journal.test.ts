import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cancelDeletePending,
  getPopJournalEntries,
  getPopJournalEntry,
  listServerDeletions,
  markDeletePending,
  markKeptOnServer,
  readPopJournal,
  readPopJournalForPlan,
  recordServerDeletions,
} from '../../../electron/storage/pop-journal';
import { contentKey, storedContents } from '../../../electron/storage/message-queries';
import { sha256Hex } from '../../../electron/storage/raw-layout';
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

test('a batch looks up its UIDLs and its contents in one go, finding exactly what one lookup each finds', async () => {
  const { database, store } = await openTestStore();
  const stored = mail({ subject: 'Stored' });
  const other = mail({ subject: 'Other' });
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'D1', state: 'downloaded' } }, stored);
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'H1', state: 'headers-only' } }, Buffer.from('Subject: h\r\n\r\n'));
  markKeptOnServer(database, ACCOUNT, [{ uidl: 'K1', size: 10 }], 'start fresh', 5);
  const uidls = ['D1', 'H1', 'K1', 'unknown', 'd1', 'quote\'and"', ''];
  const entries = getPopJournalEntries(database, ACCOUNT, uidls);
  assert.deepEqual([...entries.keys()].sort(), ['D1', 'H1', 'K1']);
  for (const uidl of uidls) assert.deepEqual(entries.get(uidl), getPopJournalEntry(database, ACCOUNT, uidl), uidl);
  assert.equal(getPopJournalEntries(database, 'another-account', uidls).size, 0);
  assert.equal(getPopJournalEntries(database, ACCOUNT, []).size, 0);

  const storedContent = { size: stored.length, sha256: sha256Hex(stored) };
  const contents = [
    storedContent,
    { size: other.length, sha256: sha256Hex(other) },
    // The same hash with another size, and the same size with another hash, are other contents.
    { size: stored.length + 1, sha256: storedContent.sha256 },
    { size: stored.length, sha256: sha256Hex(other) },
  ];
  assert.deepEqual([...storedContents(database, ACCOUNT, contents)], [contentKey(storedContent)]);
  assert.equal(storedContents(database, 'another-account', contents).size, 0);
  assert.equal(storedContents(database, ACCOUNT, []).size, 0);
  database.close();
});

test('the journal for planning is the whole journal split by state: quiet UIDLs apart, every other row whole', async () => {
  const { database, store } = await openTestStore();
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'D1', state: 'downloaded' } }, mail({ subject: 'One' }));
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'D2', state: 'downloaded' } }, mail({ subject: 'Two' }));
  await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'H1', state: 'headers-only' } }, Buffer.from('Subject: h\r\n\r\n'));
  markKeptOnServer(database, ACCOUNT, [{ uidl: 'K1', size: 10 }], 'start fresh', 5);
  markDeletePending(database, ACCOUNT, ['D2'], 'delete-after-download');
  const whole = readPopJournal(database, ACCOUNT);
  for (const quietStates of [
    [],
    ['kept-on-server', 'deleted'],
    ['kept-on-server', 'deleted', 'downloaded'],
    ['downloaded', 'kept-on-server', 'headers-only', 'delete-pending', 'deleted'],
  ] as const) {
    const { rows, quiet } = readPopJournalForPlan(database, ACCOUNT, quietStates);
    for (const [uidl, entry] of whole) {
      const isQuiet = (quietStates as readonly string[]).includes(entry.state);
      assert.equal(quiet.has(uidl), isQuiet, `${uidl} in ${quietStates.join(', ')}`);
      assert.deepEqual(rows.get(uidl), isQuiet ? undefined : entry, `${uidl} in ${quietStates.join(', ')}`);
    }
    assert.equal(rows.size + quiet.size, whole.size);
    const other = readPopJournalForPlan(database, 'another-account', quietStates);
    assert.equal(other.rows.size + other.quiet.size, 0);
  }
  database.close();
});
