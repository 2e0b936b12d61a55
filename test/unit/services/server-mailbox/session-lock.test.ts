/** One POP3 session per account: Send/Receive waits for the Server mailbox, and the Server mailbox waits (bounded) for Send/Receive. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SendReceiveService } from '../../../../electron/services/send-receive/send-receive-service';
import { emptySummary, type ReceiveOutcome } from '../../../../electron/jobs/receive/receive-types';
import type { ReceiveJob } from '../../../../electron/jobs/receive/receive-job';
import { AccountSessionLock } from '../../../../electron/services/send-receive/session-lock';

const JOB = { accountId: 'a' } as const satisfies Pick<ReceiveJob, 'accountId'>;

function job(): ReceiveJob {
  return {
    ...JOB,
    databaseFile: '',
    rawDirectory: '',
    connection: { host: 'h', port: 1, security: 'none' },
    credentials: { username: 'u', password: 'p' },
    policy: { leaveOnServer: { mode: 'forever' }, headersOnly: false, sizeLimitBytes: null },
  };
}

test('Send/Receive starts only after the Server mailbox has released the account', async () => {
  const lock = new AccountSessionLock();
  let started = false;
  const service = new SendReceiveService(async (each): Promise<ReceiveOutcome> => {
    started = true;
    return { status: 'completed', accountId: each.accountId, summary: emptySummary() };
  }, lock);
  const release = lock.tryAcquire('a', 'server-mailbox');
  assert.ok(release !== undefined);
  const outcome = service.start(job());
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started, false, 'waits while the Server mailbox holds the session');
  assert.equal(lock.holder('a'), 'server-mailbox');
  release();
  assert.equal((await outcome).status, 'completed');
  assert.equal(started, true);
  assert.equal(lock.holder('a'), undefined, 'released after the run');
});

test('a bounded wait gives up while the session stays taken, and succeeds once it is released', async () => {
  const lock = new AccountSessionLock();
  const release = lock.tryAcquire('a', 'send-receive');
  assert.ok(release !== undefined);
  assert.equal(await lock.acquireWithin('a', 'server-mailbox', 20), undefined);
  assert.equal(lock.tryAcquire('b', 'server-mailbox') !== undefined, true, 'other accounts are independent');
  const waiting = lock.acquireWithin('a', 'server-mailbox', 5_000);
  release();
  const mine = await waiting;
  assert.ok(mine !== undefined);
  assert.equal(lock.holder('a'), 'server-mailbox');
  mine();
});
