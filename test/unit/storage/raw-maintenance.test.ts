import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LARGE_MESSAGE_BYTES } from '../../../electron/storage/raw-layout';
import { ACCOUNT, endWriterProcess, mail, openTestStore } from './store-fixture';

function files(profile: string, folder: 'packs' | 'large'): string[] {
  return readdirSync(path.join(profile, 'messages', folder)).sort();
}

test('an abandoned batch (a crash before its commit) is garbage-collected when the store reopens', async () => {
  const { profile, database, store } = await openTestStore();
  const kept = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Kept' }));
  const abandoned = store.beginBatch();
  await abandoned.addMessage(mail({ subject: 'Never committed' }));
  await abandoned.addMessage(Buffer.alloc(LARGE_MESSAGE_BYTES + 1, 'a'));
  await abandoned.writer.sync();
  assert.deepEqual((await store.collectGarbage({ minimumAgeMs: 0 })).removedFiles, [], 'files of a batch in progress are protected');
  assert.equal(files(profile, 'packs').length, 2);
  database.close();
  endWriterProcess(profile);

  const reopened = await openTestStore(profile);
  assert.equal(files(profile, 'packs').length, 1);
  assert.deepEqual(files(profile, 'large'), []);
  assert.ok(kept.status === 'stored');
  assert.ok((await reopened.store.readRawMessage(kept.messageId)).equals(mail({ subject: 'Kept' })));
  reopened.database.close();
});

test('garbage collection leaves files it does not own alone', async () => {
  const { profile, database, store } = await openTestStore();
  writeFileSync(path.join(profile, 'messages', 'packs', 'README.txt'), 'not ours');
  assert.deepEqual((await store.collectGarbage({ minimumAgeMs: 0 })).removedFiles, []);
  assert.deepEqual(files(profile, 'packs'), ['README.txt']);
  database.close();
});

test('compaction moves live messages to a new pack, then removes sparse ones, every byte intact', async () => {
  const { profile, database, store } = await openTestStore();
  const ids: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const batch = store.beginBatch();
    const written = [];
    for (let index = 0; index < 10; index += 1) written.push(await batch.addMessage(mail({ subject: `R${round} M${index}`, body: 'x'.repeat(5_000) })));
    const outcomes = await batch.commit(written.map((message) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message })));
    for (const outcome of outcomes) if (outcome.status === 'stored') ids.push(outcome.messageId);
  }
  assert.equal(files(profile, 'packs').length, 3);
  assert.deepEqual(await store.compact(), { packsRemoved: 0, messagesMoved: 0, bytesReclaimed: 0 }, 'full packs are left alone');
  const doomed = [...ids.slice(0, 8), ...ids.slice(10, 20)];
  await store.deleteMessagesPermanently(doomed);
  const before = files(profile, 'packs');
  const report = await store.compact();
  assert.equal(report.packsRemoved, 2);
  assert.equal(report.messagesMoved, 2);
  assert.ok(report.bytesReclaimed > 80_000, String(report.bytesReclaimed));
  const after = files(profile, 'packs');
  assert.equal(after.length, 2);
  assert.equal(after.filter((name) => before.includes(name)).length, 1, 'the full pack stays as it was');
  for (const id of ids.filter((candidate) => !doomed.includes(candidate))) {
    const index = ids.indexOf(id);
    assert.ok((await store.readRawMessage(id)).equals(mail({ subject: `R${Math.floor(index / 10)} M${index % 10}`, body: 'x'.repeat(5_000) })));
  }
  assert.deepEqual((await store.checkRawFiles()).missing, []);
  assert.deepEqual((await store.collectGarbage({ minimumAgeMs: 0 })).removedFiles, []);
  database.close();
});

test('a compaction interrupted after its commit leaves only garbage, never a missing message', async () => {
  const { profile, database, store } = await openTestStore();
  const batch = store.beginBatch();
  const a = await batch.addMessage(mail({ subject: 'A' }));
  const b = await batch.addMessage(mail({ subject: 'B' }));
  const [kept, dropped] = await batch.commit([a, b].map((message) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message })));
  assert.ok(kept?.status === 'stored' && dropped?.status === 'stored');
  await store.deleteMessagesPermanently([dropped.messageId]);
  const oldPack = files(profile, 'packs')[0] ?? '';
  const oldBytes = readFileSync(path.join(profile, 'messages', 'packs', oldPack));
  const moved = await store.compact();
  assert.equal(moved.messagesMoved, 1);
  assert.ok(!files(profile, 'packs').includes(oldPack));
  // The state of a crash between compaction's commit and its removal of the old pack: put it back.
  writeFileSync(path.join(profile, 'messages', 'packs', oldPack), oldBytes);
  database.close();
  endWriterProcess(profile);
  const reopened = await openTestStore(profile);
  assert.ok(!files(profile, 'packs').includes(oldPack), 'the unreferenced old pack is collected');
  assert.ok((await reopened.store.readRawMessage(kept.messageId)).equals(mail({ subject: 'A' })));
  reopened.database.close();
});

test('a message completed or deleted while compaction copies it keeps its newer state', async () => {
  const { profile, database, store } = await openTestStore();
  const batch = store.beginBatch();
  const header = Buffer.from('Subject: Partial\r\n\r\n');
  const written = [await batch.addMessage(header), await batch.addMessage(mail({ subject: 'Doomed' })), await batch.addMessage(mail({ subject: 'Filler' }))];
  const [partial, doomed, filler] = await batch.commit([
    { accountId: ACCOUNT, folder: 'inbox', message: written[0]!, pop: { uidl: 'P', state: 'headers-only' } },
    { accountId: ACCOUNT, folder: 'inbox', message: written[1]! },
    { accountId: ACCOUNT, folder: 'inbox', message: written[2]! },
  ]);
  assert.ok(partial?.status === 'stored' && doomed?.status === 'stored' && filler?.status === 'stored');
  await store.deleteMessagesPermanently([filler.messageId]);
  const full = Buffer.concat([header, Buffer.from('the rest\r\n')]);
  const report = await store.compact({
    maxLiveRatio: 1.01,
    beforeCommit: async () => {
      await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'P', state: 'downloaded' } }, full);
      await store.deleteMessagesPermanently([doomed.messageId]);
    },
  });
  assert.equal(report.messagesMoved, 2, 'both were copied');
  assert.ok((await store.readRawMessage(partial.messageId)).equals(full), 'the completed message is not set back to its old copy');
  assert.throws(() => store.getMessage(doomed.messageId));
  assert.deepEqual((await store.checkRawFiles()).missing, []);
  await store.collectGarbage({ minimumAgeMs: 0 });
  assert.ok((await store.readRawMessage(partial.messageId)).equals(full));
  assert.ok(files(profile, 'packs').length >= 1);
  database.close();
});

test('while the store is in use, only orphans older than the grace period are collected', async () => {
  const { profile, database, store } = await openTestStore();
  const otherThreadsBatch = store.beginBatch();
  await otherThreadsBatch.addMessage(mail({ subject: 'Being written elsewhere' }));
  await otherThreadsBatch.writer.sync();
  otherThreadsBatch.writer.markCommitted();
  // As if the batch belonged to another thread: this store no longer knows it.
  await store.batchEnded(otherThreadsBatch.writer, []);
  assert.deepEqual((await store.collectGarbage()).removedFiles, [], 'a young orphan may be another thread’s batch');
  const [pack] = files(profile, 'packs');
  const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
  utimesSync(path.join(profile, 'messages', 'packs', pack ?? ''), old, old);
  assert.deepEqual((await store.collectGarbage()).removedFiles, [`packs/${pack}`]);
  database.close();
});

test('compaction refuses to move bytes that no longer match their checksum', async () => {
  const { profile, database, store } = await openTestStore();
  const batch = store.beginBatch();
  const written = [await batch.addMessage(mail({ subject: 'Keep' })), await batch.addMessage(mail({ subject: 'Drop' }))];
  const [keep, drop] = await batch.commit(written.map((message) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message })));
  assert.ok(keep?.status === 'stored' && drop?.status === 'stored');
  await store.deleteMessagesPermanently([drop.messageId]);
  const [pack] = files(profile, 'packs');
  const packFile = path.join(profile, 'messages', 'packs', pack ?? '');
  const bytes = readFileSync(packFile);
  const source = store.rawSource(keep.messageId);
  assert.ok(source.kind === 'pack');
  bytes[source.offset + 3] = 0x21;
  writeFileSync(packFile, bytes);
  await assert.rejects(store.compact({ maxLiveRatio: 1.01 }), /does not match its checksum/);
  assert.deepEqual(files(profile, 'packs'), [pack], 'the damaged pack is left, and no copy remains');
  database.close();
});
