/**
 * Hostile POP3 servers during Send/Receive: extra answers, answers to commands not yet sent. The
 * journal, the audit log and the summary must record only what the server really did, and nothing a
 * desynchronised session returns is stored.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { doubleAnswer } from '../../../fakes/pop3/faults';
import {
  assertStatus,
  assertStoreHolds,
  DELETE_AFTER_DOWNLOAD,
  journalStates,
  maildropAndStorePerTest,
  receiveFrom,
  serverUids,
} from './support';

function auditRows(database: Parameters<typeof journalStates>[0]): number {
  return database.prepare<[], { count: number }>('select count(*) as count from server_deletions').get()?.count ?? 0;
}

describe('receiving from a server that desynchronises the session', () => {
  const setUp = maildropAndStorePerTest();

  for (const pipelining of [true, false]) {
    test(`DELE answered twice (${pipelining ? 'pipelined' : 'lock-step'}): nothing is reported, journalled or audited as deleted`, async () => {
      const { server, originals, store, database } = await setUp(3, { pipelining });
      doubleAnswer(server, 'DELE', '1');
      const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
      assertStatus(outcome, 'failed');
      assert.equal(outcome.error.code, 'PROTOCOL_ERROR');
      assert.deepEqual(outcome.summary.deletedOnServer, { 'delete-after-download': 0, 'keep-days-expired': 0, 'deleted-locally': 0 });
      assert.equal(serverUids(server).length, 3, 'no QUIT reached the server');
      assert.ok(!server.connections.some((connection) => connection.received.includes('QUIT')) || serverUids(server).length === 3);
      assert.ok([...journalStates(database).values()].every((state) => state !== 'deleted'), JSON.stringify([...journalStates(database)]));
      assert.equal(auditRows(database), 0);
      await assertStoreHolds(store, database, [...originals.values()]);
    });
  }

  test('an extra +OK before a message body is not stored, and the message is not deleted', async () => {
    const { server, originals, store, database } = await setUp(3, { pipelining: false });
    doubleAnswer(server, 'RETR', '2');
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'failed');
    assert.equal(outcome.error.code, 'PROTOCOL_ERROR');
    const stored = [...originals.values()].filter((_bytes, index) => index === 0);
    await assertStoreHolds(store, database, stored);
    assert.equal(serverUids(server).length, 3);
    assert.equal(auditRows(database), 0);
  });
});
