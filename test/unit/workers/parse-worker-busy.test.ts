/**
 * A parse worker whose write finds the database locked by another connection for longer than several
 * busy timeouts tries again after a pause until the lock is let go, so the indexing run completes
 * instead of stopping with mail left unsearchable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BUSY_TIMEOUT_MS, openConnection } from '../../../electron/storage/database-connection';
import { startParseWorkers } from '../../../electron/workers/parse-client';
import { ACCOUNT, foundIds, mail, openTestStore } from '../storage/store-fixture';

/** Longer than the three busy timeouts a worker once waited out before it gave up. */
const LOCK_HELD_MS = 3 * BUSY_TIMEOUT_MS + 3_000;

test('indexing waits out another connection holding the write lock past the busy timeout, then completes', { timeout: 120_000 }, async () => {
  const { database, store, profile } = await openTestStore();
  const file = path.join(profile, 'mailbag.sqlite');
  const stored = async (): Promise<void> => {
    for (let index = 0; index < 20; index += 1) {
      const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: `Locked ${index}`, body: `lockword${index} shared` }));
      assert.ok(outcome.status === 'stored');
    }
  };
  const parser = startParseWorkers(2);
  const indexer = parser.indexer({ databaseFile: file });
  // The workers are started (and have written once) before the lock is taken.
  const first = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Before the lock' }));
  assert.ok(first.status === 'stored');
  const holder = openConnection(file);
  try {
    assert.deepEqual(await store.indexPending(parser.parse, undefined, indexer), { indexed: 1 });
    await stored();
    holder.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        holder.exec('COMMIT');
        resolve();
      }, LOCK_HELD_MS),
    );
    const report = await store.indexPending(parser.parse, undefined, indexer);
    await released;
    assert.deepEqual(report, { indexed: 20 });
    assert.equal(store.hasUnindexed(), false);
    assert.equal(foundIds(store, 'shared', { limit: 100 }).length, 20);
  } finally {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
    await parser.close();
    database.close();
  }
});
