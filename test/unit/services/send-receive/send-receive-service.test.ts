/**
 * The Send/Receive service: accounts run independently (a stuck server never blocks another), one run
 * per account, cancel always ends a run, and a real receive worker stores mail off the main thread.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { SendReceiveService, type ReceiveRunner, type SendReceiveEvent } from '../../../../electron/services/send-receive/send-receive-service';
import type { ReceiveJob } from '../../../../electron/jobs/receive/receive-job';
import { emptySummary } from '../../../../electron/jobs/receive/receive-types';
import { RAW_DIRECTORY_NAME } from '../../../../electron/storage/message-store';
import { neverAnswer } from '../../../fakes/pop3/faults';
import { FAST_TIMEOUTS } from '../../protocols/pop3/helpers';
import { ACCOUNT, assertStoreHolds, DELETE_AFTER_DOWNLOAD, PASSWORD, serverUids, startMaildrop, temporaryStore, USER } from '../../jobs/receive/support';

function job(accountId: string, overrides: Partial<ReceiveJob> = {}): ReceiveJob {
  return {
    accountId,
    databaseFile: '/nonexistent/mailbag.sqlite',
    rawDirectory: '/nonexistent/messages',
    connection: { host: '127.0.0.1', port: 1, security: 'none' },
    credentials: { username: USER, password: PASSWORD },
    policy: DELETE_AFTER_DOWNLOAD,
    ...overrides,
  };
}

/** A runner whose runs end only when cancelled, except accounts listed as quick. */
function scriptedRunner(quick: ReadonlySet<string>): { runner: ReceiveRunner; calls: string[] } {
  const calls: string[] = [];
  const runner: ReceiveRunner = (receiveJob, signal, onProgress) => {
    calls.push(receiveJob.accountId);
    onProgress({ seq: 1, accountId: receiveJob.accountId, phase: 'connecting', messagesDone: 0, messagesTotal: 0, bytesDone: 0, bytesTotal: 0 });
    if (quick.has(receiveJob.accountId)) return Promise.resolve({ status: 'completed', accountId: receiveJob.accountId, summary: emptySummary() });
    return new Promise((resolve) =>
      signal.addEventListener('abort', () => resolve({ status: 'cancelled', accountId: receiveJob.accountId, summary: emptySummary() }), { once: true }),
    );
  };
  return { runner, calls };
}

describe('the Send/Receive service', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  test('a stuck account does not hold up another; each is cancelled on its own', async () => {
    const { runner } = scriptedRunner(new Set(['quick']));
    const service = new SendReceiveService(runner);
    const events: SendReceiveEvent[] = [];
    service.subscribe((event) => events.push(event));
    const stuck = service.start(job('stuck'));
    const quick = await service.start(job('quick'));
    assert.equal(quick.status, 'completed');
    assert.deepEqual(service.runningAccounts(), ['stuck']);
    assert.equal(service.cancel('stuck'), true);
    assert.equal((await stuck).status, 'cancelled');
    assert.equal(service.cancel('stuck'), false);
    assert.deepEqual(
      events.filter((event) => event.type === 'finished').map((event) => (event.type === 'finished' ? event.outcome.accountId : '')),
      ['quick', 'stuck'],
    );
  });

  test('pressing Send/Receive twice joins the running check instead of opening a second session', async () => {
    const { runner, calls } = scriptedRunner(new Set());
    const service = new SendReceiveService(runner);
    const first = service.start(job('one'));
    const second = service.start(job('one'));
    assert.equal(first, second);
    assert.deepEqual(calls, ['one']);
    await service.cancelAll();
    assert.deepEqual(service.runningAccounts(), []);
  });

  test('through real receive workers: mail is stored, a hanging server is cancelled, progress is sequenced', { timeout: 60_000 }, async () => {
    const { server, originals } = await startMaildrop(40);
    cleanups.push(() => server.close());
    const hanging = await startMaildrop(3);
    cleanups.push(() => hanging.server.close());
    neverAnswer(hanging.server, 'UIDL');
    const local = await temporaryStore();
    cleanups.push(local.dispose);
    local.database.prepare("insert into accounts (id, name, email, created_at) values ('other', 'Other', 'o@example.com', 1)").run();
    const service = new SendReceiveService();
    const seqs = new Map<string, number[]>();
    service.subscribe((event) => {
      if (event.type === 'progress') seqs.set(event.progress.accountId, [...(seqs.get(event.progress.accountId) ?? []), event.progress.seq]);
    });
    const profileJob = (accountId: string, port: number): ReceiveJob =>
      job(accountId, {
        databaseFile: path.join(local.profile, 'mailbag.sqlite'),
        rawDirectory: path.join(local.profile, RAW_DIRECTORY_NAME),
        connection: { host: '127.0.0.1', port, security: 'none', allowInsecureAuth: true, timeouts: { ...FAST_TIMEOUTS, command: 30_000 } },
        batchMessages: 9,
      });
    const stuck = service.start(profileJob('other', hanging.server.port));
    const outcome = await service.start(profileJob(ACCOUNT, server.port));
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome));
    assert.deepEqual(service.runningAccounts(), ['other'], 'the hanging account is still waiting; the other finished');
    service.cancel('other');
    assert.equal((await stuck).status, 'cancelled');
    assert.deepEqual(serverUids(server), []);
    await assertStoreHolds(local.store, local.database, [...originals.values()]);
    const own = seqs.get(ACCOUNT) ?? [];
    assert.deepEqual(
      own,
      own.map((_, index) => index + 1),
    );
  });
});
