/**
 * How a receive run cuts what it fetches into batches: by count and by size, and with the last batch
 * split in halves, so the one commit nothing overlaps (the run waits for its fsync and transaction) is
 * small, while the messages keep their order and every one is fetched once.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  RECEIVE_BATCH_BYTES,
  RECEIVE_BATCH_MESSAGES,
  RECEIVE_BATCH_MESSAGES_LARGEST,
  RECEIVE_TAIL_BYTES,
  splitBatches,
  taperLastBatch,
  TAIL_MIN_MESSAGES,
} from '../../../../electron/jobs/receive/receive-account';
import type { FetchItem } from '../../../../electron/jobs/receive/receive-plan';

function items(count: number, size: number, from = 1): FetchItem[] {
  return Array.from({ length: count }, (_, index) => ({ number: from + index, uidl: `u${from + index}`, size, kind: 'full' as const }));
}

const numbers = (batches: readonly FetchItem[][]): number[] => batches.flat().map((item) => item.number);
const lengths = (batches: readonly FetchItem[][]): number[] => batches.map((batch) => batch.length);

describe('receive batches', () => {
  test('a large last batch is split in halves down to a small one; the batches before it stay whole', () => {
    // 600 messages of 60 kB: two full batches of 250, then 100 (6 MB) that is halved until it is small.
    const batches = taperLastBatch(splitBatches(items(600, 60_000), 250, 32 * 1024 * 1024), RECEIVE_TAIL_BYTES, TAIL_MIN_MESSAGES);
    assert.deepEqual(lengths(batches), [250, 250, 50, 25, 25]);
    assert.deepEqual(
      numbers(batches),
      items(600, 60_000).map((item) => item.number),
    );
  });

  test('the split stops at a last batch of the minimum count, even of large messages', () => {
    const batches = taperLastBatch([items(100, 3_000_000)], RECEIVE_TAIL_BYTES, TAIL_MIN_MESSAGES);
    assert.deepEqual(lengths(batches), [50, 25, 25]);
    assert.ok(batches.every((batch) => batch.length > 0));
  });

  test('a small last batch, few messages, TOP only or nothing at all are left as they are', () => {
    assert.deepEqual(lengths(taperLastBatch([items(250, 1_000)], RECEIVE_TAIL_BYTES, TAIL_MIN_MESSAGES)), [250]);
    assert.deepEqual(lengths(taperLastBatch([items(32, 5_000_000)], RECEIVE_TAIL_BYTES, TAIL_MIN_MESSAGES)), [32]);
    const headers = items(300, 5_000_000).map((item) => ({ ...item, kind: 'headers' as const, topLines: 0 }));
    assert.deepEqual(lengths(taperLastBatch([headers], RECEIVE_TAIL_BYTES, TAIL_MIN_MESSAGES)), [300]);
    assert.deepEqual(taperLastBatch([], RECEIVE_TAIL_BYTES, TAIL_MIN_MESSAGES), []);
  });

  test('a long download starts with a small batch and doubles each later one up to the largest', () => {
    // 10,000 small messages: the first new mail is committed early, the rest in a few large commits.
    const batches = splitBatches(items(10_000, 6_000), RECEIVE_BATCH_MESSAGES, RECEIVE_BATCH_BYTES, RECEIVE_BATCH_MESSAGES_LARGEST);
    assert.deepEqual(lengths(batches), [250, 500, 1000, 2000, 2000, 2000, 2000, 250]);
    assert.deepEqual(
      numbers(batches),
      items(10_000, 6_000).map((item) => item.number),
    );
  });

  test('grown batches still close at the size limit, and a count given alone never grows', () => {
    // 1 MB each: 32 fit the size limit, whatever the count allows.
    assert.deepEqual(lengths(splitBatches(items(100, 1024 * 1024), 10, RECEIVE_BATCH_BYTES, 2000)), [10, 20, 32, 32, 6]);
    assert.deepEqual(lengths(splitBatches(items(20, 1_000), 5, RECEIVE_BATCH_BYTES)), [5, 5, 5, 5]);
  });
});
