/**
 * A receive run keeps the connection busy while the disk works: each batch is downloaded while the one
 * before it is made durable, yet every batch is committed in order, each message's DELE still follows
 * its own commit (architecture invariant 1), and the progress counts committed messages only.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { RECEIVE_BATCH_MESSAGES } from '../../../../electron/jobs/receive/receive-account';
import type { FakePop3Server } from '../../../fakes/pop3-server';
import { assertStatus, assertStoreHolds, DELETE_AFTER_DOWNLOAD, maildropAndStorePerTest, receiveFrom, serverUids, withCommit } from './support';

/** How often the held commit looks again for the next batch's RETR. */
const POLL_MS = 10;
/** Bound on that wait: without overlap the RETR never comes while the commit is held. */
const OVERLAP_WAIT_MS = 5_000;

function received(server: FakePop3Server, verb: string): string[] {
  return server.connections.flatMap((connection) => connection.received).filter((line) => line.startsWith(`${verb} `));
}

async function waitForLine(server: FakePop3Server, line: string): Promise<boolean> {
  for (let waited = 0; waited < OVERLAP_WAIT_MS; waited += POLL_MS) {
    if (received(server, line.split(' ')[0] ?? '').includes(line)) return true;
    await delay(POLL_MS);
  }
  return false;
}

describe('receiving batch after batch', () => {
  const setUp = maildropAndStorePerTest();

  test('the next batch downloads while the one before is committed; commits stay in order and DELE follows each commit', async () => {
    const { server, originals, store, database } = await setUp(10);
    const commits: string[][] = [];
    const overlapped: boolean[] = [];
    const deletedBeforeCommit: string[] = [];
    const holding = withCommit(store, database, async (batch, entries, now) => {
      const uidls = entries.map((entry) => entry.pop?.uidl ?? '');
      const numbers = uidls.map((uidl) => Number(uidl.replace('uid-', '')));
      const deleted = received(server, 'DELE');
      deletedBeforeCommit.push(...numbers.filter((number) => deleted.includes(`DELE ${number}`)).map(String));
      commits.push(uidls);
      // Held until the first message of the next batch is asked for (the last batch has none).
      const next = Math.max(...numbers) + 1;
      if (next <= originals.size) overlapped.push(await waitForLine(server, `RETR ${next}`));
      return batch.commit(entries, now);
    });
    const outcome = await receiveFrom(server, holding, DELETE_AFTER_DOWNLOAD, { batchMessages: 4 });
    assertStatus(outcome, 'completed');
    assert.deepEqual(overlapped, [true, true], 'each next batch was requested while the one before was being committed');
    assert.deepEqual(commits, [
      ['uid-1', 'uid-2', 'uid-3', 'uid-4'],
      ['uid-5', 'uid-6', 'uid-7', 'uid-8'],
      ['uid-9', 'uid-10'],
    ]);
    assert.deepEqual(deletedBeforeCommit, [], 'no message was deleted on the server before its commit');
    assert.equal(outcome.summary.newMessages, 10);
    assert.deepEqual(serverUids(server), []);
    await assertStoreHolds(store, database, [...originals.values()]);
  });

  test('progress counts a batch as done only once it is committed', async () => {
    const { server, store, database } = await setUp(6);
    let committedSoFar = 0;
    const reported: Array<{ done: number; committed: number }> = [];
    const counting = withCommit(store, database, async (batch, entries, now) => {
      const outcomes = await batch.commit(entries, now);
      committedSoFar += entries.length;
      return outcomes;
    });
    const outcome = await receiveFrom(server, counting, DELETE_AFTER_DOWNLOAD, {
      batchMessages: 2,
      onProgress: (progress) => reported.push({ done: progress.messagesDone, committed: committedSoFar }),
    });
    assertStatus(outcome, 'completed');
    assert.ok(
      reported.every((entry) => entry.done <= entry.committed),
      JSON.stringify(reported),
    );
    assert.deepEqual([...new Set(reported.map((entry) => entry.done))], [0, 2, 4, 6]);
  });

  test('without a batch size given, the first batch is small and each later one twice as large', async () => {
    const { server, originals, store, database } = await setUp(800);
    const sizes: number[] = [];
    const counting = withCommit(store, database, (batch, entries, now) => {
      sizes.push(entries.length);
      return batch.commit(entries, now);
    });
    const outcome = await receiveFrom(server, counting, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'completed');
    assert.deepEqual(sizes, [RECEIVE_BATCH_MESSAGES, 2 * RECEIVE_BATCH_MESSAGES, 800 - 3 * RECEIVE_BATCH_MESSAGES]);
    assert.equal(outcome.summary.newMessages, 800);
    await assertStoreHolds(store, database, [...originals.values()]);
  });
});
