import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startParseWorker, startParseWorkers } from '../../../electron/workers/parse-client';
import { ACCOUNT, foundIds, mail, openTestStore } from '../storage/store-fixture';

test('the parse worker indexes stored messages off the main thread, in order, and stops cleanly', { timeout: 30_000 }, async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (let index = 0; index < 120; index += 1) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: `Worker ${index}`, body: `word${index} common` }));
    assert.ok(outcome.status === 'stored');
    ids.push(outcome.messageId);
  }
  const parser = startParseWorker();
  try {
    assert.deepEqual(await store.indexPending(parser.parse), { indexed: 120 });
    assert.equal(store.getMessage(ids[7] ?? 0).subject, 'Worker 7');
    assert.deepEqual(foundIds(store, 'word42'), [ids[42]]);
    assert.equal(foundIds(store, 'common', { limit: 500 }).length, 120);
    const [twice, again] = await Promise.all([
      parser.parse([{ messageId: ids[0] ?? 0, source: store.rawSource(ids[0] ?? 0) }]),
      parser.parse([{ messageId: ids[1] ?? 0, source: store.rawSource(ids[1] ?? 0) }]),
    ]);
    assert.equal(twice?.[0]?.parsed.subject, 'Worker 0');
    assert.equal(again?.[0]?.parsed.subject, 'Worker 1');
  } finally {
    await parser.close();
    database.close();
  }
  await assert.rejects(parser.parse([]), /not running/);
});

test('a message file that cannot be read fails the request with a STORAGE error, and the worker goes on', { timeout: 30_000 }, async () => {
  const parser = startParseWorker();
  try {
    await assert.rejects(
      parser.parse([{ messageId: 1, source: { kind: 'file', path: '/nonexistent/mailbag/large/x.eml', size: 10 } }]),
      // Said in English here, from the catalog message the worker names (it loads no catalogs itself).
      (error: Error & { code?: string; words?: { id: string } }) =>
        error.code === 'STORAGE' && error.message === 'Message 1 could not be read.' && error.words?.id === 'storageError.messageUnreadable',
    );
    const { database, store } = await openTestStore();
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'After a failure' }));
    assert.ok(outcome.status === 'stored');
    const [result] = await parser.parse([{ messageId: outcome.messageId, source: store.rawSource(outcome.messageId) }]);
    assert.equal(result?.parsed.subject, 'After a failure');
    database.close();
  } finally {
    await parser.close();
  }
});

test('a worker that dies fails its requests, and the next request gets a fresh worker', { timeout: 30_000 }, async () => {
  const { database, store } = await openTestStore();
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Survivor' }));
  assert.ok(outcome.status === 'stored');
  const request = [{ messageId: outcome.messageId, source: store.rawSource(outcome.messageId) }];
  process.env.MAILBAG_TEST_PARSE_CRASH = '1';
  const parser = startParseWorker(path.join(__dirname, 'crashing-parse-worker.ts'));
  try {
    await assert.rejects(parser.parse(request), (error: Error & { code?: string }) => error.code === 'INTERNAL');
    delete process.env.MAILBAG_TEST_PARSE_CRASH;
    const [result] = await parser.parse(request);
    assert.equal(result?.parsed.subject, 'Survivor');
    assert.equal(parser.startedWorkers(), 2);
  } finally {
    delete process.env.MAILBAG_TEST_PARSE_CRASH;
    await parser.close();
    database.close();
  }
});

test('two parse workers share each request and answer for every message; terminate ends them at once', { timeout: 60_000 }, async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (let index = 0; index < 41; index += 1) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: `Pool ${index}`, body: `poolword${index} shared` }));
    assert.ok(outcome.status === 'stored');
    ids.push(outcome.messageId);
  }
  const parser = startParseWorkers(2);
  try {
    const results = await parser.parse(ids.map((id) => ({ messageId: id, source: store.rawSource(id) })));
    assert.deepEqual(
      results.map((result) => result.messageId).sort((left, right) => left - right),
      ids,
    );
    assert.ok(results.every((result) => result.parsed.subject === `Pool ${ids.indexOf(result.messageId)}`));
    assert.equal(parser.startedWorkers(), 2);
    assert.deepEqual(await store.indexPending(parser.parse), { indexed: 41 });
    assert.equal(foundIds(store, 'shared', { limit: 500 }).length, 41);
  } finally {
    await parser.terminate();
    database.close();
  }
  await assert.rejects(parser.parse([{ messageId: 1, source: { kind: 'file', path: '/nonexistent', size: 1 } }]), /not running/);
});
