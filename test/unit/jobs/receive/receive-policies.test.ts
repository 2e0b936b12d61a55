/**
 * Receiving from the fake POP3 server under each policy: what lands in the store, what stays on the
 * server, and what the audit log says.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listServerDeletions } from '../../../../electron/storage/pop-journal';
import { DAY_MS } from '../../../../electron/jobs/receive/receive-plan';
import {
  ACCOUNT,
  assertStatus,
  assertStoreHolds,
  DELETE_AFTER_DOWNLOAD,
  fakeMessage,
  journalStates,
  journalStatesOf,
  maildropAndStorePerTest,
  KEEP_FOREVER,
  receiveFrom,
  serverUids,
  testMessage,
} from './support';

describe('receiving by policy', () => {
  const setUp = maildropAndStorePerTest();

  test('delete after download: everything stored once, server emptied, each deletion audited', async () => {
    const { server, originals, store, database } = await setUp(30);
    const progress: number[] = [];
    const bytes: Array<[number, number]> = [];
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, {
      batchMessages: 7,
      onProgress: (event) => {
        progress.push(event.seq);
        if (event.phase === 'downloading') bytes.push([event.bytesDone, event.bytesTotal]);
      },
    });
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.newMessages, 30);
    assert.equal(outcome.summary.deletedOnServer['delete-after-download'], 30);
    assert.deepEqual(serverUids(server), []);
    await assertStoreHolds(store, database, [...originals.values()]);
    assert.deepEqual(
      progress,
      progress.map((_, index) => index + 1),
      'progress events are numbered 1, 2, 3, …',
    );
    const total = [...originals.values()].reduce((sum, body) => sum + body.length, 0);
    assert.deepEqual(bytes.at(-1), [total, total], 'bytes done reach the total');
    assert.ok(
      bytes.every(([done], index) => index === 0 || done >= (bytes[index - 1]?.[0] ?? 0)),
      'bytes done never go back',
    );
    assert.equal(listServerDeletions(database, ACCOUNT).length, 30);
    assert.ok(journalStatesOf(database, 30).every((state) => state === 'deleted'));

    const again = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(again, 'completed');
    assert.equal(again.summary.newMessages, 0);
  });

  test('keep forever: nothing deleted, a second check downloads nothing', async () => {
    const { server, originals, store, database } = await setUp(12);
    assertStatus(await receiveFrom(server, store, KEEP_FOREVER), 'completed');
    server.messages.push(fakeMessage('uid-new', testMessage(99)));
    const second = await receiveFrom(server, store, KEEP_FOREVER);
    assertStatus(second, 'completed');
    assert.equal(second.summary.newMessages, 1);
    assert.equal(serverUids(server).length, 13);
    assert.ok(server.connections.every((connection) => connection.received.every((line) => !line.startsWith('DELE'))));
    await assertStoreHolds(store, database, [...originals.values(), testMessage(99)]);
  });

  test('keep N days: deleted once N days have passed since first seen, with that reason', async () => {
    const { server, store, database } = await setUp(5);
    const start = Date.UTC(2026, 10, 1);
    const policy = { ...KEEP_FOREVER, leaveOnServer: { mode: 'days', days: 3 } } as const;
    assertStatus(await receiveFrom(server, store, policy, { clock: () => start }), 'completed');
    const early = await receiveFrom(server, store, policy, { clock: () => start + 2 * DAY_MS });
    assertStatus(early, 'completed');
    assert.equal(serverUids(server).length, 5);
    const later = await receiveFrom(server, store, policy, { clock: () => start + 3 * DAY_MS });
    assertStatus(later, 'completed');
    assert.equal(later.summary.deletedOnServer['keep-days-expired'], 5);
    assert.deepEqual(serverUids(server), []);
    assert.equal(database.prepare('select count(*) as n from messages').pluck().get(), 5);
  });

  test('until deleted here: only messages removed from the store for good are deleted on the server', async () => {
    const { server, store, database } = await setUp(6);
    const policy = { ...KEEP_FOREVER, leaveOnServer: { mode: 'until-deleted' } } as const;
    assertStatus(await receiveFrom(server, store, policy), 'completed');
    const victims = database.prepare<[], number>("select message_id from pop_journal where uidl in ('uid-2', 'uid-5')").pluck().all();
    await store.deleteMessagesPermanently(victims);
    const outcome = await receiveFrom(server, store, policy);
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.deletedOnServer['deleted-locally'], 2);
    assert.deepEqual(serverUids(server), ['uid-1', 'uid-3', 'uid-4', 'uid-6']);
    assert.deepEqual(
      listServerDeletions(database, ACCOUNT).map((record) => record.reason),
      ['deleted-locally', 'deleted-locally'],
    );
  });

  test('headers only and size limit store partial messages; "download the rest" completes them', async () => {
    const { server, originals, store, database } = await setUp(4);
    const big = testMessage(50, 400);
    server.messages.push(fakeMessage('uid-big', big));
    const policy = { ...DELETE_AFTER_DOWNLOAD, sizeLimitBytes: 5_000 };
    const first = await receiveFrom(server, store, policy);
    assertStatus(first, 'completed');
    assert.equal(first.summary.newMessages, 4);
    assert.equal(first.summary.partialMessages, 1);
    assert.deepEqual(serverUids(server), ['uid-big'], 'a partial message is never deleted on the server');
    assert.equal(journalStates(database).get('uid-big'), 'headers-only');
    const partialId = database.prepare<[], number>("select message_id from pop_journal where uidl = 'uid-big'").pluck().get() ?? -1;
    const header = await store.readRawMessage(partialId);
    assert.ok(big.subarray(0, header.length).equals(header) && header.length < big.length);

    const rest = await receiveFrom(server, store, policy, { mode: { kind: 'complete', uidls: ['uid-big'] } });
    assertStatus(rest, 'completed');
    assert.equal(rest.summary.completedMessages, 1);
    assert.deepEqual(serverUids(server), []);
    await assertStoreHolds(store, database, [...originals.values(), big]);
    assert.equal(database.prepare('select count(*) from messages where partial = 1').pluck().get(), 0);
  });

  test('headers only with a lost journal: the same header block is not stored a second time', async () => {
    const { server, store, database } = await setUp(3);
    const policy = { ...KEEP_FOREVER, headersOnly: true };
    const first = await receiveFrom(server, store, policy);
    assertStatus(first, 'completed');
    assert.equal(first.summary.partialMessages, 3);
    database.prepare('delete from pop_journal').run();
    const again = await receiveFrom(server, store, policy);
    assertStatus(again, 'completed');
    assert.equal(again.summary.skippedDuplicates, 3);
    assert.equal(database.prepare('select count(*) from messages').pluck().get(), 3);
  });

  test('start fresh marks everything as seen without downloading; later mail still arrives', async () => {
    const { server, store, database } = await setUp(8);
    const fresh = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, { mode: { kind: 'start-fresh' } });
    assertStatus(fresh, 'completed');
    assert.equal(fresh.summary.markedSeen, 8);
    assert.ok(server.connections.every((connection) => connection.received.every((line) => !/^(RETR|TOP|DELE)/.test(line))));
    server.messages.push(fakeMessage('uid-after', testMessage(77)));
    const next = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(next, 'completed');
    assert.equal(next.summary.newMessages, 1);
    assert.equal(serverUids(server).length, 8, 'messages marked seen are never deleted');
    await assertStoreHolds(store, database, [testMessage(77)]);
  });
});
