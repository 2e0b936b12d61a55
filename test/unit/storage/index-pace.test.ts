/**
 * Indexing beside a download: small batches, one at a time, so at most one batch of mail is held by
 * the indexer (and one short write transaction keeps the download's commit waiting); and a run that
 * is told the download ended takes no further batch, leaving the rest, whole, to the next run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyParseResults,
  BESIDE_DOWNLOAD_PACE,
  INDEX_BATCH_SIZE,
  UNPARSEABLE,
  type IndexRequest,
  type MessageIndexer,
  type MessageParser,
} from '../../../electron/storage/message-index';
import type { CommitEntry } from '../../../electron/storage/message-batch';
import type { SqliteDatabase } from '../../../electron/storage/database';
import type { MessageStore } from '../../../electron/storage/message-store';
import { ACCOUNT, mail, openTestStore } from './store-fixture';

const MESSAGES = 600;

async function storeWith(count: number, body = 'words to index'): Promise<{ database: SqliteDatabase; store: MessageStore }> {
  const { database, store } = await openTestStore();
  store.ensureDefaultFolders(ACCOUNT);
  const batch = store.beginBatch();
  const entries: CommitEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    const message = await batch.addMessage(mail({ subject: `Message ${index}`, body }));
    entries.push({ accountId: ACCOUNT, folder: 'inbox', message, pop: { uidl: `U${index}`, state: 'downloaded' } });
  }
  await batch.commit(entries);
  return { database, store };
}

const parsedAs = (requests: readonly IndexRequest[]) =>
  requests.map((request) => ({ messageId: request.messageId, parsed: { ...UNPARSEABLE, problems: [], subject: `parsed ${request.messageId}` } }));

/** An indexer that writes as a parse worker does, recording how many calls and messages it held at once. */
function recordingIndexer(database: SqliteDatabase, parallel: number) {
  const seen = { calls: 0, inFlight: 0, mostInFlight: 0, held: 0, mostHeld: 0, largestCall: 0, largestBytes: 0 };
  const sizes = new Map(database.prepare<[], [number, number]>('select id, size from messages').raw().all());
  const index = async (requests: readonly IndexRequest[]): Promise<number> => {
    seen.calls += 1;
    seen.inFlight += 1;
    seen.held += requests.length;
    seen.mostInFlight = Math.max(seen.mostInFlight, seen.inFlight);
    seen.mostHeld = Math.max(seen.mostHeld, seen.held);
    seen.largestCall = Math.max(seen.largestCall, requests.length);
    seen.largestBytes = Math.max(
      seen.largestBytes,
      requests.reduce((sum, request) => sum + (sizes.get(request.messageId) ?? 0), 0),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const applied = applyParseResults(database, parsedAs(requests), Date.now(), new Map(requests.map((request) => [request.messageId, request.sha256])));
    seen.inFlight -= 1;
    seen.held -= requests.length;
    return applied;
  };
  const indexer: MessageIndexer = Object.assign(index, { parallel });
  return { indexer, seen };
}

const unusedParser: MessageParser = () => Promise.reject(new Error('the indexer writes every batch'));

test('beside a download the indexer is handed one batch at a time, of at most a receive batch, never two at once', async () => {
  const { database, store } = await storeWith(MESSAGES);
  const { indexer, seen } = recordingIndexer(database, 1);
  const report = await store.indexPending(unusedParser, undefined, indexer, BESIDE_DOWNLOAD_PACE);
  assert.equal(report.indexed, MESSAGES);
  assert.equal(seen.calls, Math.ceil(MESSAGES / BESIDE_DOWNLOAD_PACE.batchSize));
  assert.equal(seen.mostInFlight, 1, 'one batch in the indexer at a time');
  assert.ok(seen.largestCall <= BESIDE_DOWNLOAD_PACE.batchSize, `a batch of ${seen.largestCall} messages`);
  assert.ok(seen.largestBytes <= BESIDE_DOWNLOAD_PACE.batchBytes, `a batch of ${seen.largestBytes} bytes`);
  await store.close();
  database.close();
});

test('at full pace, two parse workers together never hold more than one batch', async () => {
  const count = INDEX_BATCH_SIZE * 2 + 7;
  const { database, store } = await storeWith(count);
  const { indexer, seen } = recordingIndexer(database, 2);
  const report = await store.indexPending(unusedParser, undefined, indexer);
  assert.equal(report.indexed, count);
  assert.equal(seen.mostInFlight, 2, 'both workers busy at once');
  assert.ok(seen.mostHeld <= INDEX_BATCH_SIZE, `${seen.mostHeld} messages held at once`);
  await store.close();
  database.close();
});

test('a batch beside a download holds no more stored bytes than its bound, whatever the count', async () => {
  // 40 messages of 400 kB: 16 MB in all, more than the byte bound of one batch beside a download.
  const { database, store } = await storeWith(40, 'x'.repeat(400_000));
  const { indexer, seen } = recordingIndexer(database, 1);
  const report = await store.indexPending(unusedParser, undefined, indexer, BESIDE_DOWNLOAD_PACE);
  assert.equal(report.indexed, 40);
  assert.ok(seen.calls >= 2, `${seen.calls} batches`);
  assert.ok(seen.largestBytes <= BESIDE_DOWNLOAD_PACE.batchBytes, `a batch of ${seen.largestBytes} bytes`);
  await store.close();
  database.close();
});

test('once the download has ended the run takes no further batch; the next run indexes the rest', async () => {
  const { database, store } = await storeWith(MESSAGES);
  const { indexer, seen } = recordingIndexer(database, 1);
  const unindexed = database.prepare<[], number>('select count(*) from messages where indexed_at is null').pluck();
  const report = await store.indexPending(unusedParser, undefined, indexer, { ...BESIDE_DOWNLOAD_PACE, until: () => seen.calls >= 1 });
  assert.equal(report.indexed, BESIDE_DOWNLOAD_PACE.batchSize, 'the batch under way was written whole');
  assert.equal(unindexed.get(), MESSAGES - BESIDE_DOWNLOAD_PACE.batchSize);
  const rest = await store.indexPending(unusedParser, undefined, indexer);
  assert.equal(rest.indexed, MESSAGES - BESIDE_DOWNLOAD_PACE.batchSize);
  assert.equal(unindexed.get(), 0);
  await store.close();
  database.close();
});
