import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getPopJournalEntry, readPopJournal } from '../../../electron/storage/pop-journal';
import type { MessageSink } from '../../../electron/storage/raw-batch';
import { LARGE_MESSAGE_BYTES, sha256Hex } from '../../../electron/storage/raw-layout';
import { ACCOUNT, endWriterProcess, mail, openTestStore } from './store-fixture';

test('a committed batch is stored byte for byte, journaled, and still there after reopening', async () => {
  const { profile, database, store } = await openTestStore();
  const batch = store.beginBatch();
  const messages = [mail({ subject: 'First' }), mail({ subject: 'Second' }), Buffer.concat([mail({ subject: 'Big' }), Buffer.alloc(LARGE_MESSAGE_BYTES, 'b')])];
  const sinks: MessageSink[] = [];
  for (const message of messages) {
    const sink = batch.createMessageSink();
    await pipeline(Readable.from([message.subarray(0, 10), message.subarray(10)]), sink);
    sinks.push(sink);
  }
  const outcomes = await batch.commit(
    sinks.map((sink, index) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message: sink, pop: { uidl: `UID${index}`, state: 'downloaded' as const } })),
  );
  assert.deepEqual(
    outcomes.map((outcome) => outcome.status),
    ['stored', 'stored', 'stored'],
  );
  const journal = readPopJournal(database, ACCOUNT);
  assert.deepEqual([...journal.keys()].sort(), ['UID0', 'UID1', 'UID2']);
  assert.equal(journal.get('UID2')?.state, 'downloaded');
  assert.equal(journal.get('UID2')?.size, messages[2]?.length);
  database.close();
  endWriterProcess(profile);

  const reopened = await openTestStore(profile);
  for (const [index, outcome] of outcomes.entries()) {
    assert.ok(outcome.status === 'stored');
    assert.ok((await reopened.store.readRawMessage(outcome.messageId)).equals(messages[index] ?? Buffer.alloc(0)));
    assert.equal(getPopJournalEntry(reopened.database, ACCOUNT, `UID${index}`)?.messageId, outcome.messageId);
  }
  assert.deepEqual((await reopened.store.checkRawFiles()).missing, []);
  assert.deepEqual((await reopened.store.collectGarbage({ minimumAgeMs: 0 })).removedFiles, [], 'nothing committed is garbage');
  reopened.database.close();
});

test('a UIDL already stored is never stored twice', async () => {
  const { database, store } = await openTestStore();
  const first = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'U1', state: 'downloaded' } }, mail({ subject: 'Once' }));
  const again = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'U1', state: 'downloaded' } }, mail({ subject: 'Once' }));
  assert.equal(first.status, 'stored');
  assert.deepEqual(again, { status: 'already-stored', messageId: first.status === 'stored' ? first.messageId : -1 });
  assert.deepEqual(database.prepare('select count(*) as n from messages').get(), { n: 1 });
  assert.deepEqual((await store.collectGarbage({ minimumAgeMs: 0 })).removedFiles.length, 1, 'the duplicate’s bytes are garbage');
  const bytes = mail({ subject: 'Once' });
  assert.deepEqual(
    store.findStoredCopies(ACCOUNT, bytes.length, sha256Hex(bytes)),
    [first.status === 'stored' ? first.messageId : -1],
    'found by size and hash without the journal',
  );
  assert.deepEqual(store.findStoredCopies('other-account', bytes.length, sha256Hex(bytes)), []);
  database.close();
});

test('a headers-only message is completed in place when the rest is downloaded', async () => {
  const { database, store } = await openTestStore();
  const header = Buffer.from('Subject: Partial\r\nFrom: ann@example.com\r\n\r\n');
  const partial = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'P1', state: 'headers-only' } }, header);
  assert.ok(partial.status === 'stored');
  store.setFlags([partial.messageId], { flagged: true });
  assert.equal(store.getMessage(partial.messageId).partial, true);
  assert.equal(getPopJournalEntry(database, ACCOUNT, 'P1')?.state, 'headers-only');
  const full = Buffer.concat([header, Buffer.from('The whole body.\r\n')]);
  const completed = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'P1', state: 'downloaded' } }, full);
  assert.deepEqual(completed, { status: 'completed', messageId: partial.messageId });
  const details = store.getMessage(partial.messageId);
  assert.equal(details.partial, false);
  assert.equal(details.flagged, true, 'flags survive completion');
  assert.equal(details.indexed, false, 'the full message is indexed again');
  assert.ok((await store.readRawMessage(partial.messageId)).equals(full));
  assert.equal(getPopJournalEntry(database, ACCOUNT, 'P1')?.state, 'downloaded');
  database.close();
});

test('a commit with an unfinished message records nothing and leaves no files', async () => {
  const { database, store } = await openTestStore();
  const batch = store.beginBatch();
  const done = await batch.addMessage(mail({ subject: 'Complete' }));
  const unfinished = batch.createMessageSink();
  unfinished.write(Buffer.from('Subject: half'));
  await assert.rejects(
    batch.commit([
      { accountId: ACCOUNT, folder: 'inbox', message: done, pop: { uidl: 'A', state: 'downloaded' } },
      { accountId: ACCOUNT, folder: 'inbox', message: unfinished, pop: { uidl: 'B', state: 'downloaded' } },
    ]),
    (error: Error & { code?: string }) => error.code === 'STORAGE',
  );
  assert.deepEqual(database.prepare('select count(*) as n from messages').get(), { n: 0 });
  assert.equal(readPopJournal(database, ACCOUNT).size, 0);
  assert.deepEqual((await store.collectGarbage({ minimumAgeMs: 0 })).removedFiles, []);
  database.close();
});

test('a folder lists newest first in pages at any offset, with counts, flags and moves', async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (let day = 1; day <= 30; day += 1) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', receivedAt: Date.UTC(2026, 0, day) }, mail({ subject: `Day ${day}` }));
    assert.ok(outcome.status === 'stored');
    ids.push(outcome.messageId);
  }
  const inbox = store.listFolders(ACCOUNT).find((folder) => folder.role === 'inbox');
  assert.ok(inbox !== undefined);
  assert.deepEqual(
    store.listFolders(ACCOUNT).map((folder) => folder.name),
    ['Inbox', 'Drafts', 'Outbox', 'Sent', 'Trash', 'Junk'],
  );
  assert.equal(inbox.total, 30);
  assert.equal(inbox.unread, 30);
  const first = store.listMessages(inbox.id, { limit: 10 });
  assert.equal(first.total, 30);
  assert.deepEqual(
    first.messages.map((message) => message.receivedAt),
    Array.from({ length: 10 }, (_, index) => Date.UTC(2026, 0, 30 - index)),
  );
  const last = store.listMessages(inbox.id, { offset: 25, limit: 10 });
  assert.deepEqual(
    last.messages.map((message) => message.receivedAt),
    Array.from({ length: 5 }, (_, index) => Date.UTC(2026, 0, 5 - index)),
  );
  assert.throws(() => store.listMessages(inbox.id, { limit: 0 }), /page holds/);

  assert.equal(store.setFlags(ids.slice(0, 3), { seen: true, flagged: true }), 3);
  const receipts = store.createFolder(ACCOUNT, 'Receipts');
  assert.throws(() => store.createFolder(ACCOUNT, 'Receipts'), /already a folder/);
  assert.equal(store.moveMessages([ids[0] ?? 0], receipts), 1);
  const counts = new Map(store.listFolders(ACCOUNT).map((folder) => [folder.name, folder]));
  assert.equal(counts.get('Inbox')?.unread, 27);
  assert.equal(counts.get('Inbox')?.total, 29);
  assert.equal(counts.get('Receipts')?.total, 1);
  assert.equal(store.getMessage(ids[0] ?? 0).flagged, true);
  assert.throws(
    () => store.getMessage(123_456),
    (error: Error & { code?: string }) => error.code === 'NOT_FOUND',
  );
  database.close();
});

test('deleting a message for good keeps its UIDL known, so it is never downloaded again', async () => {
  const { database, store } = await openTestStore();
  const big = Buffer.concat([mail({ subject: 'Large' }), Buffer.alloc(LARGE_MESSAGE_BYTES, 'L')]);
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'L1', state: 'downloaded' } }, big);
  assert.ok(outcome.status === 'stored');
  assert.equal(await store.deleteMessagesPermanently([outcome.messageId]), 1);
  assert.deepEqual((await store.checkRawFiles()).missing, []);
  assert.throws(() => store.getMessage(outcome.messageId));
  const entry = getPopJournalEntry(database, ACCOUNT, 'L1');
  assert.equal(entry?.state, 'downloaded');
  assert.equal(entry?.messageId, null);
  const again = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'L1', state: 'downloaded' } }, big);
  assert.equal(again.status, 'already-stored');
  database.close();
});

test('aborting a batch after its commit removes nothing', async () => {
  const { database, store } = await openTestStore();
  const batch = store.beginBatch();
  const small = await batch.addMessage(mail({ subject: 'Small' }));
  const large = await batch.addMessage(Buffer.concat([mail({ subject: 'Large' }), Buffer.alloc(LARGE_MESSAGE_BYTES, 'q')]));
  const outcomes = await batch.commit([small, large].map((message) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message })));
  await batch.abort();
  await assert.rejects(batch.commit([]), (error: Error & { code?: string }) => error.code === 'STORAGE', 'a batch commits once');
  assert.deepEqual((await store.checkRawFiles()).missing, []);
  for (const outcome of outcomes) assert.ok(outcome.status === 'stored' && (await store.readRawMessage(outcome.messageId)).length > 0);
  database.close();
});
