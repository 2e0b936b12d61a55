import { test } from 'node:test';
import path from 'node:path';
import assert from 'node:assert/strict';
import { INDEX_BATCH_SIZE, indexPendingMessages, UNPARSEABLE, type MessageParser } from '../../../electron/storage/message-index';
import type { CommitEntry } from '../../../electron/storage/message-batch';
import { RAW_DIRECTORY_NAME } from '../../../electron/storage/message-store';
import { ACCOUNT, mail, openTestStore } from './store-fixture';

const MESSAGES = 10_000;

test('indexing 10,000 messages hands the parser one batch at a time and holds at most one batch of results unwritten', async () => {
  const { database, store } = await openTestStore();
  store.ensureDefaultFolders(ACCOUNT);
  const batch = store.beginBatch();
  const entries: CommitEntry[] = [];
  for (let index = 0; index < MESSAGES; index += 1) {
    const message = await batch.addMessage(mail({ subject: `Message ${index}` }));
    entries.push({ accountId: ACCOUNT, folder: 'inbox', message, pop: { uidl: `U${index}`, state: 'downloaded' } });
  }
  await batch.commit(entries);
  const indexed = database.prepare<[], { n: number }>('select count(*) as n from messages where indexed_at is not null');
  let handedOut = 0;
  let calls = 0;
  let mostUnwritten = 0;
  const parser: MessageParser = async (requests) => {
    calls += 1;
    assert.ok(requests.length <= INDEX_BATCH_SIZE, `a request of ${requests.length} messages`);
    // Everything handed out before this request was parsed; what is not yet written is held in memory.
    mostUnwritten = Math.max(mostUnwritten, handedOut - (indexed.get()?.n ?? 0));
    handedOut += requests.length;
    await new Promise((resolve) => setImmediate(resolve));
    return requests.map((request) => ({ messageId: request.messageId, parsed: { ...UNPARSEABLE, problems: [], subject: `parsed ${request.messageId}` } }));
  };
  const report = await store.indexPending(parser);
  assert.equal(report.indexed, MESSAGES);
  assert.equal(indexed.get()?.n, MESSAGES);
  assert.equal(calls, Math.ceil(MESSAGES / INDEX_BATCH_SIZE), 'every message is asked for once, a batch at a time');
  assert.ok(mostUnwritten <= INDEX_BATCH_SIZE, `${mostUnwritten} parsed messages were waiting to be written`);
  await store.close();
  database.close();
});

test('a batch holds no more stored bytes than its bound, and always at least one message', async () => {
  const { database, store, profile } = await openTestStore();
  store.ensureDefaultFolders(ACCOUNT);
  const batch = store.beginBatch();
  const entries: CommitEntry[] = [];
  for (const [index, size] of [3_000, 3_000, 3_000, 9_000, 1_000].entries()) {
    const message = await batch.addMessage(mail({ subject: `Message ${index}`, body: 'x'.repeat(size) }));
    entries.push({ accountId: ACCOUNT, folder: 'inbox', message, pop: { uidl: `B${index}`, state: 'downloaded' } });
  }
  await batch.commit(entries);
  const sizes = new Map(database.prepare<[], [number, number]>('select id, size from messages').raw().all());
  const batches: number[][] = [];
  const parser: MessageParser = async (requests) => {
    batches.push(requests.map((request) => sizes.get(request.messageId) ?? 0));
    return requests.map((request) => ({ messageId: request.messageId, parsed: { ...UNPARSEABLE, problems: [] } }));
  };
  const bound = 7_000;
  const report = await indexPendingMessages(database, path.join(profile, RAW_DIRECTORY_NAME), parser, INDEX_BATCH_SIZE, undefined, bound);
  assert.equal(report.indexed, 5);
  assert.deepEqual(
    batches.map((each) => each.length),
    [2, 1, 1, 1],
    'two messages of about 3,000 bytes fit, a third does not; one larger than the bound goes alone',
  );
  for (const each of batches) assert.ok(each.length === 1 || each.reduce((sum, size) => sum + size, 0) <= bound, `a batch of ${each.join(' + ')} bytes`);
  await store.close();
  database.close();
});
