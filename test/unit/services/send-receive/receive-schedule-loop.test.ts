/** The scheduling loop with a hand-driven clock and timer: startup check, intervals, busy retry, no double runs. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReceiveScheduleLoop, type ScheduleTimers } from '../../../../electron/services/send-receive/receive-schedule-loop';
import type { ReceiveJob } from '../../../../electron/jobs/receive/receive-job';
import { emptySummary, type ReceiveOutcome } from '../../../../electron/jobs/receive/receive-types';
import { DELETE_AFTER_DOWNLOAD } from '../../jobs/receive/support';

const MINUTE = 60_000;

class ManualTimers implements ScheduleTimers {
  pending: { callback: () => void; at: number } | undefined;
  constructor(private readonly now: () => number) {}
  set(callback: () => void, delayMs: number): unknown {
    this.pending = { callback, at: this.now() + delayMs };
    return this.pending;
  }
  clear(handle: unknown): void {
    if (this.pending === handle) this.pending = undefined;
  }
}

function job(accountId: string): ReceiveJob {
  return { accountId, databaseFile: 'x', rawDirectory: 'y', connection: { host: '127.0.0.1', port: 1, security: 'none' }, credentials: { username: 'u', password: 'p' }, policy: DELETE_AFTER_DOWNLOAD };
}

describe('the scheduling loop', () => {
  test('checks at startup, then every interval; a busy answer moves the next check to its retry time', async () => {
    let now = 1_000_000;
    const timers = new ManualTimers(() => now);
    const starts: Array<[string, number]> = [];
    let answer: (accountId: string) => ReceiveOutcome = (accountId) => ({ status: 'completed', accountId, summary: emptySummary() });
    const loop = new ReceiveScheduleLoop({
      start: async (receiveJob) => {
        starts.push([receiveJob.accountId, now]);
        return answer(receiveJob.accountId);
      },
      jobFor: job,
      clock: () => now,
      timers,
    });
    const advance = async (to: number): Promise<void> => {
      now = to;
      const pending = timers.pending;
      if (pending !== undefined && pending.at <= now) pending.callback();
      await new Promise((resolve) => setImmediate(resolve));
    };
    const startedUp = now;
    loop.setAccount('home', { intervalMinutes: 10, checkAtStartup: true });
    await advance(now);
    assert.deepEqual(starts, [['home', startedUp]]);
    await advance(startedUp + 9 * MINUTE);
    assert.equal(starts.length, 1);
    answer = (accountId) => ({ status: 'busy', accountId, reason: 'in-use', retryAt: startedUp + 13 * MINUTE, summary: emptySummary() });
    await advance(startedUp + 10 * MINUTE);
    assert.equal(starts.length, 2);
    answer = (accountId) => ({ status: 'completed', accountId, summary: emptySummary() });
    await advance(startedUp + 12 * MINUTE);
    assert.equal(starts.length, 2, 'not before the retry time');
    await advance(startedUp + 13 * MINUTE);
    assert.deepEqual(starts.at(-1), ['home', startedUp + 13 * MINUTE]);
    loop.stop();
    assert.equal(timers.pending, undefined);
  });

  test('the job is asked for when the check is due, not before; an account that cannot run is skipped until its next time', async () => {
    let now = 1_000_000;
    const timers = new ManualTimers(() => now);
    const asked: number[] = [];
    let available = false;
    const starts: number[] = [];
    const loop = new ReceiveScheduleLoop({
      start: async (receiveJob) => {
        starts.push(now);
        return { status: 'completed', accountId: receiveJob.accountId, summary: emptySummary() };
      },
      jobFor: async (accountId) => {
        asked.push(now);
        return available ? job(accountId) : undefined;
      },
      clock: () => now,
      timers,
    });
    const advance = async (to: number): Promise<void> => {
      now = to;
      const pending = timers.pending;
      if (pending !== undefined && pending.at <= now) pending.callback();
      await new Promise((resolve) => setImmediate(resolve));
    };
    const startedUp = now;
    loop.setAccount('home', { intervalMinutes: 10, checkAtStartup: false });
    loop.setAccount('home', { intervalMinutes: 10, checkAtStartup: false });
    await advance(startedUp + 5 * MINUTE);
    assert.deepEqual(asked, [], 'nothing is resolved (no password command runs) before the check is due');
    await advance(startedUp + 10 * MINUTE);
    assert.deepEqual(asked, [startedUp + 10 * MINUTE]);
    assert.deepEqual(starts, [], 'no job: skipped');
    available = true;
    await advance(startedUp + 15 * MINUTE);
    assert.equal(starts.length, 0, 'not retried in a tight loop');
    await advance(startedUp + 20 * MINUTE);
    assert.deepEqual(starts, [startedUp + 20 * MINUTE]);
    loop.stop();
  });

  test('after the server refused the password, the loop never starts the account again until resumed', async () => {
    let now = 1_000_000;
    const timers = new ManualTimers(() => now);
    const starts: number[] = [];
    const loop = new ReceiveScheduleLoop({
      start: async (receiveJob) => {
        starts.push(now);
        return { status: 'failed', accountId: receiveJob.accountId, error: { code: 'AUTH_FAILED', message: 'refused', retryable: false }, summary: emptySummary() };
      },
      jobFor: job,
      clock: () => now,
      timers,
    });
    const advance = async (to: number): Promise<void> => {
      now = to;
      const pending = timers.pending;
      if (pending !== undefined && pending.at <= now) pending.callback();
      await new Promise((resolve) => setImmediate(resolve));
    };
    const startedUp = now;
    loop.setAccount('home', { intervalMinutes: 1, checkAtStartup: true });
    await advance(now);
    assert.equal(starts.length, 1);
    for (let minute = 1; minute <= 120; minute += 1) await advance(startedUp + minute * MINUTE);
    assert.equal(starts.length, 1, 'no retry of a refused password in two hours');
    assert.equal(timers.pending, undefined, 'nothing is planned');
    loop.resume('home');
    await advance(startedUp + 121 * MINUTE);
    assert.equal(starts.length, 2, 'entering a password lets the schedule check again');
    loop.stop();
  });

  test('an account whose check is still running is not started again', async () => {
    let now = 0;
    const timers = new ManualTimers(() => now);
    let calls = 0;
    let finish: (outcome: ReceiveOutcome) => void = () => undefined;
    const loop = new ReceiveScheduleLoop({
      start: () => {
        calls += 1;
        return new Promise((resolve) => (finish = resolve));
      },
      jobFor: job,
      clock: () => now,
      timers,
    });
    loop.setAccount('slow', { intervalMinutes: 1, checkAtStartup: true });
    now = 5 * MINUTE;
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
