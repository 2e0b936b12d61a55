/**
 * Hostile POP3 servers during Send/Receive: extra answers, answers to commands not yet sent. The
 * journal, the audit log and the summary must record only what the server really did, and nothing a
 * desynchronised session returns is stored.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { doubleAnswer, rewriteListing, trickleRetr } from '../../../fakes/pop3/faults';
import { FAST_TIMEOUTS } from '../../protocols/pop3/helpers';
import {
  assertStatus,
  assertStoreHolds,
  DELETE_AFTER_DOWNLOAD,
  journalStates,
  journalStatesOf,
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
      assert.ok(
        journalStatesOf(database, 3).every((state) => state !== 'deleted'),
        JSON.stringify([...journalStates(database)]),
      );
      assert.equal(auditRows(database), 0);
      await assertStoreHolds(store, database, [...originals.values()]);
    });
  }

  test('a late DELE answer read as the answer to QUIT: the deletions are not taken as done', async () => {
    const { server, originals, store, database } = await setUp(3, { pipelining: true });
    const dele = server.handlerFor('DELE');
    const quit = server.handlerFor('QUIT');
    let held: string | undefined;
    server.handle('DELE', async (connection, args, line) => {
      if (args[0] === '1') connection.sendRaw('+OK\r\n'); // one answer too many, so every later one is read one command early
      if (args[0] !== '3') return dele?.(connection, args, line);
      held = `+OK Message 3 deleted`; // ...and the last one is held back until QUIT arrives
    });
    server.handle('QUIT', async (connection, args, line) => {
      if (held === undefined) return quit?.(connection, args, line);
      connection.send(held);
      connection.send('-ERR [SYS/TEMP] Deletions could not be committed');
      connection.server.release(connection);
      connection.end();
    });
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'failed');
    assert.equal(outcome.error.code, 'PROTOCOL_ERROR');
    assert.deepEqual(outcome.summary.deletedOnServer, { 'delete-after-download': 0, 'keep-days-expired': 0, 'deleted-locally': 0 });
    assert.equal(serverUids(server).length, 3, 'the server committed nothing');
    assert.equal(auditRows(database), 0);
    assert.ok(journalStatesOf(database, 3).every((state) => state !== 'deleted'));
    await assertStoreHolds(store, database, [...originals.values()]);

    server.handle('DELE', dele as never);
    server.handle('QUIT', quit as never);
    const honest = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(honest, 'completed');
    assert.equal(honest.summary.deletedOnServer['delete-after-download'], 3);
    assert.deepEqual(serverUids(server), []);
    assert.equal(auditRows(database), 3);
  });

  for (const verb of ['UIDL', 'LIST'] as const) {
    test(`an extra +OK before the ${verb} listing ends the session: nothing is fetched or deleted`, async () => {
      const { server, store, database } = await setUp(3);
      doubleAnswer(server, verb);
      const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
      assertStatus(outcome, 'failed');
      assert.equal(outcome.error.code, 'PROTOCOL_ERROR');
      assert.equal(serverUids(server).length, 3);
      assert.ok(server.connections.every((connection) => connection.received.every((line) => !/^(RETR|DELE)/.test(line))));
      await assertStoreHolds(store, database, []);
    });
  }

  test('pipelined: an extra +OK after a message body shifts the next answer and is caught before it is stored', async () => {
    const { server, originals, store, database } = await setUp(4, { pipelining: true });
    const retr = server.handlerFor('RETR');
    server.handle('RETR', async (connection, args, line) => {
      await retr?.(connection, args, line);
      if (args[0] === '1') connection.sendRaw('+OK\r\n');
    });
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'failed');
    assert.equal(outcome.error.code, 'PROTOCOL_ERROR');
    await assertStoreHolds(
      store,
      database,
      [originals.get('uid-1')].filter((bytes) => bytes !== undefined),
    );
    assert.equal(serverUids(server).length, 4);
    assert.equal(auditRows(database), 0);
  });

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

describe('receiving from a server whose listing has bad lines', () => {
  const setUp = maildropAndStorePerTest();
  const cases: Array<{ name: string; verb: 'UIDL' | 'LIST'; line: string }> = [
    { name: 'a unique-id with spaces', verb: 'UIDL', line: '2 uid 2 with spaces' },
    { name: 'a unique-id with control characters', verb: 'UIDL', line: '2 uid-\x1b]8;;http://evil.example/\x07x' },
    { name: 'a size of -1', verb: 'LIST', line: '2 -1' },
    { name: 'a size of 2^63', verb: 'LIST', line: '2 9223372036854775808' },
    { name: 'a size of NaN', verb: 'LIST', line: '2 NaN' },
  ];
  for (const { name, verb, line } of cases) {
    test(`${name}: that one message is skipped with a warning, the rest arrive, it is never deleted`, async () => {
      const { server, originals, store, database } = await setUp(3);
      rewriteListing(server, verb, (lines) => lines.map((each) => (each.startsWith('2 ') ? line : each)));
      const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
      assertStatus(outcome, 'completed');
      assert.equal(outcome.summary.newMessages, 2);
      assert.equal(outcome.summary.skippedOnServer, 1);
      assert.equal(outcome.summary.errors.length, 1);
      assert.match(outcome.summary.errors[0]?.error.message ?? '', /^Message 2 was skipped/);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(outcome.summary.errors[0]?.error.message ?? '', /[\x00-\x1f\x7f]/, 'the warning quotes the line with control characters escaped');
      assert.deepEqual(serverUids(server), ['uid-2']);
      assert.ok(server.connections.every((connection) => !connection.received.includes('DELE 2') && !connection.received.includes('RETR 2')));
      await assertStoreHolds(
        store,
        database,
        [originals.get('uid-1'), originals.get('uid-3')].filter((bytes) => bytes !== undefined),
      );
    });
  }

  test('a message number only UIDL mentions is skipped with a warning, not fetched and not deleted', async () => {
    const { server, originals, store, database } = await setUp(3);
    rewriteListing(server, 'LIST', (lines) => lines.filter((each) => !each.startsWith('3 ')));
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.skippedOnServer, 1);
    assert.match(outcome.summary.errors[0]?.error.message ?? '', /UIDL lists it but its LIST does not/);
    assert.deepEqual(serverUids(server), ['uid-3']);
    await assertStoreHolds(
      store,
      database,
      [originals.get('uid-1'), originals.get('uid-2')].filter((bytes) => bytes !== undefined),
    );
  });
});

describe('receiving from a server that trickles', () => {
  const setUp = maildropAndStorePerTest();

  test('too little progress over the window ends the run with TIMEOUT; what was stored stays, nothing is deleted', async () => {
    const { server, originals, store, database } = await setUp(3, { pipelining: false });
    // One byte every 10 ms never trips the 2 s idle timeout; the watchdog wants 1 KB per 400 ms.
    trickleRetr(server, 2, 10);
    const started = Date.now();
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, {
      connection: {
        host: server.host,
        port: server.port,
        security: 'none',
        allowInsecureAuth: true,
        timeouts: { ...FAST_TIMEOUTS, progressWindow: 400 },
        limits: { progressMinBytes: 1024 },
      },
    });
    assertStatus(outcome, 'failed');
    assert.equal(outcome.error.code, 'TIMEOUT');
    assert.match(outcome.error.message, /too slowly \(less than 1 KB in/);
    assert.ok(Date.now() - started < 30_000, 'the run ended long before the trickle would');
    assert.equal(outcome.summary.newMessages, 1);
    assert.deepEqual(serverUids(server), ['uid-1', 'uid-2', 'uid-3']);
    assert.equal(auditRows(database), 0);
    await assertStoreHolds(
      store,
      database,
      [originals.get('uid-1')].filter((bytes) => bytes !== undefined),
    );
  });
});
