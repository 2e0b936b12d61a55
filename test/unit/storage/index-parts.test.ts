/**
 * Indexing with several parse workers: a batch is handed out in as many parts as the indexer serves
 * at once, and a worker that has written its part takes the next one without waiting for the others
 * (which would all finish parsing together and then queue for SQLite's one writer), while no more
 * than one batch is in hand at any time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { applyParseResults, INDEX_BATCH_SIZE, type IndexRequest, type MessageIndexer } from '../../../electron/storage/message-index';
import { ACCOUNT, inlineParser, mail, openTestStore } from './store-fixture';

/** How often the held part looks again for a later call. */
const POLL_MS = 10;
/** Bound on that wait: in lockstep no later call ever comes while a part is held. */
const HOLD_WAIT_MS = 5_000;

test('two workers take parts of a batch in turn, neither waiting for the other, one batch in hand at most', async () => {
  const { database, store } = await openTestStore();
  const total = INDEX_BATCH_SIZE + INDEX_BATCH_SIZE / 2 + 7;
  for (let index = 0; index < total; index += 1) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: `Part ${index}` }));
    assert.ok(outcome.status === 'stored');
  }
  const sizes: number[] = [];
  let inHand = 0;
  let mostInHand = 0;
  let laterCallWhileHeld: boolean | undefined;
  const write = async (requests: readonly IndexRequest[]): Promise<number> => {
    const call = sizes.push(requests.length);
    inHand += requests.length;
    mostInHand = Math.max(mostInHand, inHand);
    if (call === 1) {
      // The first part is held until a later call arrives: only a worker that did not wait can make it.
      laterCallWhileHeld = false;
      for (let waited = 0; waited < HOLD_WAIT_MS && !laterCallWhileHeld; waited += POLL_MS) {
        await delay(POLL_MS);
        laterCallWhileHeld = sizes.length >= 3;
      }
    }
    const results = await inlineParser(requests);
    inHand -= requests.length;
    return applyParseResults(database, results, Date.now(), new Map(requests.map((request) => [request.messageId, request.sha256])));
  };
  const indexer: MessageIndexer = Object.assign(write, { parallel: 2 });
  const report = await store.indexPending(inlineParser, undefined, indexer);
  assert.equal(report.indexed, total);
  assert.equal(store.hasUnindexed(), false);
  assert.equal(laterCallWhileHeld, true, 'while one part was held, the other worker went on to the next part');
  assert.ok(
    sizes.every((size) => size <= INDEX_BATCH_SIZE / 2),
    `parts of half a batch: ${sizes.join(', ')}`,
  );
  assert.equal(
    sizes.reduce((sum, size) => sum + size, 0),
    total,
  );
  assert.ok(mostInHand <= INDEX_BATCH_SIZE, `at most one batch in hand: ${mostInHand}`);
  database.close();
});
