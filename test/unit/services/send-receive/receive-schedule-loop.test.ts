/** The scheduling loop with a hand-driven clock and timer: startup check, intervals, busy retry, no double runs. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReceiveScheduleLoop } from '../../../../electron/services/send-receive/receive-schedule-loop';
import type { ReceiveJob } from '../../../../electron/jobs/receive/receive-job';
import { emptySummary, type ReceiveOutcome } from '../../../../electron/jobs/receive/receive-types';
import { ManualClock } from '../../../fakes/manual-clock';
import { DELETE_AFTER_DOWNLOAD } from '../../jobs/receive/support';

const MINUTE = 60_000;

/** Moves the clock and lets the checks it started take their turn. */
async function advance(time: ManualClock, to: number): Promise<void> {
  time.moveTo(to);
  await new Promise((resolve) => setImmediate(resolve));
}

function job(accountId: string): ReceiveJob {
  return {
    accountId,
    databaseFile: 'x',
    rawDirectory: 'y',
    connection: { host: '127.0.0.1', port: 1, security: 'none' },
    credentials: { username: 'u', password: 'p' },
    policy: DELETE_AFTER_DOWNLOAD,
  };
}

describe('the scheduling loop', () => {
  test('checks at startup, then every interval; a busy answer moves the next check to its retry time', async () => {
    const time = new ManualClock(1_000_000);
    const starts: Array<[string, number]> = [];
    let answer: (accountId: string) => ReceiveOutcome = (accountId) => ({ status: 'completed', accountId, summary: emptySummary() });
    const loop = new ReceiveScheduleLoop({
      start: async (receiveJob) => {
        starts.push([receiveJob.accountId, time.now]);
        return answer(receiveJob.accountId);
      },
      jobFor: job,
      clock: time.clock,
      timers: time,
    });
    const startedUp = time.now;
    loop.setAccount('home', { intervalMinutes: 10, checkAtStartup: true });
    await advance(time, time.now);
    assert.deepEqual(starts, [['home', startedUp]]);
    await advance(time, startedUp + 9 * MINUTE);
    assert.equal(starts.length, 1);
    answer = (accountId) => ({ status: 'busy', accountId, reason: 'in-use', retryAt: startedUp + 13 * MINUTE, summary: emptySummary() });
    await advance(time, startedUp + 10 * MINUTE);
    assert.equal(starts.length, 2);
    answer = (accountId) => ({ status: 'completed', accountId, summary: emptySummary() });
    await advance(time, startedUp + 12 * MINUTE);
    assert.equal(starts.length, 2, 'not before the retry time');
    await advance(time, startedUp + 13 * MINUTE);
    assert.deepEqual(starts.at(-1), ['home', startedUp + 13 * MINUTE]);
    loop.stop();
    assert.equal(time.pending, undefined);
  });

  test('the job is asked for when the check is due, not before; an account that cannot run is skipped until its next time', async () => {
    const time = new ManualClock(1_000_000);
    const asked: number[] = [];
    let available = false;
    const starts: number[] = [];
    const loop = new ReceiveScheduleLoop({
      start: async (receiveJob) => {
        starts.push(time.now);
        return { status: 'completed', accountId: receiveJob.accountId, summary: emptySummary() };
      },
      jobFor: async (accountId) => {
        asked.push(time.now);
        return available ? job(accountId) : undefined;
      },
      clock: time.clock,
      timers: time,
    });
    const startedUp = time.now;
    loop.setAccount('home', { intervalMinutes: 10, checkAtStartup: false });
    loop.setAccount('home', { intervalMinutes: 10, checkAtStartup: false });
    await advance(time, startedUp + 5 * MINUTE);
    assert.deepEqual(asked, [], 'nothing is resolved (no password command runs) before the check is due');
    await advance(time, startedUp + 10 * MINUTE);
    assert.deepEqual(asked, [startedUp + 10 * MINUTE]);
    assert.deepEqual(starts, [], 'no job: skipped');
    available = true;
    await advance(time, startedUp + 15 * MINUTE);
    assert.equal(starts.length, 0, 'not retried in a tight loop');
    await advance(time, startedUp + 20 * MINUTE);
    assert.deepEqual(starts, [startedUp + 20 * MINUTE]);
    loop.stop();
  });

  test('after the server refused the password, the loop never starts the account again until resumed', async () => {
    const time = new ManualClock(1_000_000);
    const starts: number[] = [];
    const loop = new ReceiveScheduleLoop({
      start: async (receiveJob) => {
        starts.push(time.now);
        return {
          status: 'failed',
          accountId: receiveJob.accountId,
          error: { code: 'AUTH_FAILED', message: 'refused', retryable: false },
          summary: emptySummary(),
        };
      },
      jobFor: job,
      clock: time.clock,
      timers: time,
    });
    const startedUp = time.now;
    loop.setAccount('home', { intervalMinutes: 1, checkAtStartup: true });
    await advance(time, time.now);
    assert.equal(starts.length, 1);
    for (let minute = 1; minute <= 120; minute += 1) await advance(time, startedUp + minute * MINUTE);
    assert.equal(starts.length, 1, 'no retry of a refused password in two hours');
    assert.equal(time.pending, undefined, 'nothing is planned');
    loop.resume('home');
    await advance(time, startedUp + 121 * MINUTE);
    assert.equal(starts.length, 2, 'entering a password lets the schedule check again');
    loop.stop();
  });

  test('an account whose check is still running is not started again', async () => {
    const time = new ManualClock(0);
    let calls = 0;
    let finish: (outcome: ReceiveOutcome) => void = () => undefined;
    const loop = new ReceiveScheduleLoop({
      start: () => {
        calls += 1;
        return new Promise((resolve) => (finish = resolve));
      },
      jobFor: job,
      clock: time.clock,
      timers: time,
    });
    loop.setAccount('slow', { intervalMinutes: 1, checkAtStartup: true });
    time.now = 5 * MINUTE;
    loop.tick();
    loop.tick();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls, 1);
    finish({ status: 'completed', accountId: 'slow', summary: emptySummary() });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls, 2, 'the overdue check runs once when the slow one ends, not once per missed interval');
    loop.stop();
  });
});
