/**
 * The one Send/Receive of the window, its schedule and the command line: for each covered account the
 * job is made ready, its Outbox sent, then its mail received. An account left out of Send/Receive has
 * its Outbox left alone; an account that cannot start keeps its Outbox; a failing Outbox never stops
 * the receive; cancel stops the Outbox and the receive alike.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MailbagError } from '../../../../shared/errors';
import type { ReceiveJob } from '../../../../electron/jobs/receive/receive-job';
import { emptySummary, type ReceiveOutcome } from '../../../../electron/jobs/receive/receive-types';
import type { OutboxFlushResult } from '../../../../electron/services/outbox';
import { runSendReceive, sendReceiveAccounts, sendThenReceive, startSendReceive, type SendReceiveSteps } from '../../../../electron/services/send-receive';
import { sampleAccount as account } from '../../../fakes/account-settings';

function jobOf(accountId: string): ReceiveJob {
  return {
    accountId,
    databaseFile: '/nonexistent/mailbag.sqlite',
    rawDirectory: '/nonexistent/messages',
    connection: { host: '127.0.0.1', port: 1, security: 'none' },
    credentials: { username: 'ann', password: 'secret' },
    policy: { leaveOnServer: { mode: 'forever' }, sizeLimitBytes: null, headersOnly: false },
  };
}

function sent(accountId: string, id: number): OutboxFlushResult {
  return { id, accountId, result: 'sent', state: 'sent', reason: null, reasonCode: null, reasonWords: null, recipients: [] };
}

function completed(accountId: string): ReceiveOutcome {
  return { status: 'completed', accountId, summary: { ...emptySummary(), newMessages: 1 } };
}

/** Steps that record what happened, in order; each step can be replaced. */
function recordingSteps(overrides: Partial<SendReceiveSteps> = {}): { steps: SendReceiveSteps; log: string[] } {
  const log: string[] = [];
  const steps: SendReceiveSteps = {
    jobFor: async (chosen) => {
      log.push(`job ${chosen.id}`);
      return jobOf(chosen.id);
    },
    sendOutbox: async (accountId) => {
      log.push(`outbox ${accountId}`);
      return [sent(accountId, 1)];
    },
    receive: async (job) => {
      log.push(`receive ${job.accountId}`);
      return completed(job.accountId);
    },
    cancelReceive: (accountId) => log.push(`cancel ${accountId}`),
    ...overrides,
  };
  return { steps, log };
}

test('each covered account has its job made ready, then its Outbox sent, then its mail received', async () => {
  const { steps, log } = recordingSteps();
  const results = await runSendReceive([account('home'), account('club')], steps);
  assert.deepEqual(
    results.map((result) => [result.account.id, result.outbox.map((item) => item.id), result.outboxError, result.outcome.status]),
    [
      ['home', [1], null, 'completed'],
      ['club', [1], null, 'completed'],
    ],
  );
  for (const id of ['home', 'club']) {
    const order = [`job ${id}`, `outbox ${id}`, `receive ${id}`].map((entry) => log.indexOf(entry));
    assert.ok(
      order.every((position, index) => position >= 0 && (index === 0 || position > (order[index - 1] ?? -1))),
      `${id}: ${log.join(', ')}`,
    );
  }
});

test('an account excluded from Send/Receive has its Outbox left alone', async () => {
  const { steps, log } = recordingSteps();
  const home = account('home');
  const work = account('work', false);
  const results = await runSendReceive(sendReceiveAccounts([home, work], undefined), steps);
  assert.deepEqual(
    results.map((result) => result.account.id),
    ['home'],
  );
  assert.equal(
    log.some((entry) => entry.endsWith(' work')),
    false,
    log.join(', '),
  );
  // Named, it is covered: the user asked for it.
  await runSendReceive(sendReceiveAccounts([home, work], work), steps);
  assert.ok(log.includes('outbox work') && log.includes('receive work'));
});

test('a failing Outbox send still lets the receive run, and is reported with the account', async () => {
  const { steps, log } = recordingSteps({
    sendOutbox: async (accountId) => {
      log.push(`outbox ${accountId}`);
      throw new MailbagError('STORAGE', 'The Outbox could not be read.');
    },
  });
  const [result] = await runSendReceive([account('home')], steps);
  assert.ok(result !== undefined);
  assert.deepEqual(result.outboxError, { code: 'STORAGE', message: 'The Outbox could not be read.' });
  assert.deepEqual(result.outbox, []);
  assert.equal(result.outcome.status, 'completed');
  assert.ok(log.indexOf('receive home') > log.indexOf('outbox home'));
});

test('an account whose receive cannot start keeps its Outbox and fails with the reason; the others go on', async () => {
  const { steps, log } = recordingSteps({
    jobFor: async (chosen) => {
      if (chosen.id === 'locked') throw new MailbagError('PASSWORD_NEEDED', 'No saved password.');
      return jobOf(chosen.id);
    },
  });
  const started = await startSendReceive([account('locked'), account('home')], steps);
  assert.deepEqual(
    started.notStarted.map(({ account: chosen, error }) => [chosen.id, error.code]),
    [['locked', 'PASSWORD_NEEDED']],
  );
  assert.deepEqual(
    started.started.map(({ account: chosen }) => chosen.id),
    ['home'],
  );
  await Promise.all(started.started.map(({ finished }) => finished));
  const results = await runSendReceive([account('locked'), account('home')], steps);
  const locked = results[0];
  assert.ok(locked !== undefined && locked.outcome.status === 'failed');
  assert.equal(locked.outcome.error.code, 'PASSWORD_NEEDED');
  assert.equal(log.includes('outbox locked'), false, 'its Outbox waits for a Send/Receive that can run');
  assert.equal(results[1]?.outcome.status, 'completed');
});

test('without an Outbox wired, Send/Receive only receives', async () => {
  const { steps } = recordingSteps();
  const { sendOutbox: _unused, ...withoutOutbox } = steps;
  const result = await sendThenReceive(jobOf('home'), withoutOutbox);
  assert.deepEqual(result.outbox, []);
  assert.equal(result.outcome.status, 'completed');
});

test('cancel while the Outbox is sent: the Outbox is told to stop and no receive starts', async () => {
  const controller = new AbortController();
  let outboxSignal: AbortSignal | undefined;
  const { steps, log } = recordingSteps({
    sendOutbox: async (accountId, signal) => {
      outboxSignal = signal;
      log.push(`outbox ${accountId}`);
      controller.abort();
      return [];
    },
  });
  const [result] = await runSendReceive([account('home')], steps, controller.signal);
  assert.equal(outboxSignal, controller.signal, 'the Outbox stops between messages on the same signal');
  assert.equal(result?.outcome.status, 'cancelled');
  assert.equal(log.includes('receive home'), false);
});

test('cancel during the receive cancels the running receive; a later cancel does not reach a finished one', async () => {
  const controller = new AbortController();
  const cancelled: string[] = [];
  let finish: (outcome: ReceiveOutcome) => void = () => undefined;
  const { steps } = recordingSteps({
    receive: (job) =>
      new Promise<ReceiveOutcome>((resolve) => {
        finish = resolve;
        queueMicrotask(() => controller.abort());
        void job;
      }),
    cancelReceive: (accountId) => {
      cancelled.push(accountId);
      finish({ status: 'cancelled', accountId, summary: emptySummary() });
    },
  });
  const [result] = await runSendReceive([account('home')], steps, controller.signal);
  assert.deepEqual(cancelled, ['home']);
  assert.equal(result?.outcome.status, 'cancelled');

  const later = new AbortController();
  const { steps: quick } = recordingSteps({ cancelReceive: (accountId) => cancelled.push(`late ${accountId}`) });
  await runSendReceive([account('club')], quick, later.signal);
  later.abort();
  assert.deepEqual(cancelled, ['home'], 'the listener went with the finished receive');
});

test('a receive that throws is a failed outcome, never a rejected Send/Receive', async () => {
  const { steps } = recordingSteps({
    receive: () => Promise.reject(new MailbagError('NETWORK', 'Unreachable.')),
  });
  const [result] = await runSendReceive([account('home')], steps);
  assert.ok(result !== undefined && result.outcome.status === 'failed');
  assert.equal(result.outcome.error.code, 'NETWORK');
});

function refused(accountId: string): ReceiveOutcome {
  return { status: 'failed', accountId, error: { code: 'AUTH_FAILED', message: 'refused', retryable: false }, summary: emptySummary() };
}

function tokenJob(accountId: string, token: string): ReceiveJob {
  return { ...jobOf(accountId), credentials: { username: 'ann', oauth2Token: token } };
}

test('a refused access token is renewed once and the receive runs again with the new one', async () => {
  const tokens: Array<string | undefined> = [];
  const { steps } = recordingSteps({
    jobFor: async (chosen) => tokenJob(chosen.id, 'old'),
    receive: async (job) => {
      tokens.push(job.credentials.oauth2Token);
      return job.credentials.oauth2Token === 'old' ? refused(job.accountId) : completed(job.accountId);
    },
    renewJob: async (job) => ({ ...job, credentials: { ...job.credentials, oauth2Token: 'new' } }),
  });
  const [result] = await runSendReceive([account('work')], steps);
  assert.equal(result?.outcome.status, 'completed');
  assert.deepEqual(tokens, ['old', 'new']);
});

test('a second refusal after the renewal is the outcome: no third attempt', async () => {
  let receives = 0;
  let renewals = 0;
  const { steps } = recordingSteps({
    jobFor: async (chosen) => tokenJob(chosen.id, 'old'),
    receive: async (job) => {
      receives += 1;
      return refused(job.accountId);
    },
    renewJob: async (job) => {
      renewals += 1;
      return { ...job, credentials: { ...job.credentials, oauth2Token: `new-${renewals}` } };
    },
  });
  const [result] = await runSendReceive([account('work')], steps);
  assert.equal(result?.outcome.status === 'failed' ? result.outcome.error.code : result?.outcome.status, 'AUTH_FAILED');
  assert.equal(receives, 2);
  assert.equal(renewals, 1);
});

test('a revoked sign-in found while renewing is the outcome, with the sign-in-again words', async () => {
  const { steps } = recordingSteps({
    jobFor: async (chosen) => tokenJob(chosen.id, 'old'),
    receive: async (job) => refused(job.accountId),
    renewJob: async () => {
      throw new MailbagError('AUTH_FAILED', 'Sign in again to continue.');
    },
  });
  const [result] = await runSendReceive([account('work')], steps);
  assert.ok(result?.outcome.status === 'failed');
  assert.equal(result.outcome.error.message, 'Sign in again to continue.');
});

test('a refused password is not retried (there is nothing to renew)', async () => {
  let receives = 0;
  const { steps } = recordingSteps({
    receive: async (job) => {
      receives += 1;
      return refused(job.accountId);
    },
    renewJob: async () => undefined,
  });
  await runSendReceive([account('home')], steps);
  assert.equal(receives, 1);
});
