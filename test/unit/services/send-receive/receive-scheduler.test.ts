/** The scheduling rules: startup check, interval clamped by LOGIN-DELAY, busy and failure retries. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  afterPasswordEntered,
  afterRun,
  delayUntilNext,
  dueAccounts,
  isPasswordRefusal,
  nextCheckAt,
  type AccountSchedule,
} from '../../../../electron/services/send-receive/receive-scheduler';
import { emptySummary, type ReceiveOutcome } from '../../../../electron/jobs/receive/receive-types';

const START = 1_000_000_000;
const MINUTE = 60_000;

function schedule(overrides: Partial<AccountSchedule> = {}): AccountSchedule {
  return { settings: { intervalMinutes: 10, checkAtStartup: true }, lastStartedAt: null, loginDelaySeconds: null, retryAt: null, ...overrides };
}

function completed(loginDelaySeconds: number | null = null): ReceiveOutcome {
  return { status: 'completed', accountId: 'a', summary: { ...emptySummary(), loginDelaySeconds } };
}

describe('the receive scheduler', () => {
  test('checks at startup when asked, otherwise one interval after startup', () => {
    assert.equal(nextCheckAt(schedule(), START), START);
    assert.equal(nextCheckAt(schedule({ settings: { intervalMinutes: 10, checkAtStartup: false } }), START), START + 10 * MINUTE);
    assert.equal(nextCheckAt(schedule({ settings: { intervalMinutes: null, checkAtStartup: false } }), START), null);
  });

  test('checks every N minutes, never sooner than the server LOGIN-DELAY or one minute', () => {
    const after = afterRun(schedule(), START, completed());
    assert.equal(nextCheckAt(after, START), START + 10 * MINUTE);
    const delayed = afterRun(schedule(), START, completed(1800));
    assert.equal(nextCheckAt(delayed, START), START + 30 * MINUTE);
    const eager = afterRun(schedule({ settings: { intervalMinutes: 0, checkAtStartup: true } }), START, completed());
    assert.equal(nextCheckAt(eager, START), START + MINUTE);
  });

  test('a busy mailbox is retried at the time it gave, not before', () => {
    const busy: ReceiveOutcome = { status: 'busy', accountId: 'a', reason: 'in-use', retryAt: START + 7 * MINUTE, summary: emptySummary() };
    const after = afterRun(schedule({ settings: { intervalMinutes: 1, checkAtStartup: true } }), START, busy);
    assert.equal(nextCheckAt(after, START), START + 7 * MINUTE);
    const next = afterRun(after, START + 7 * MINUTE, completed());
    assert.equal(nextCheckAt(next, START), START + 8 * MINUTE);
  });

  test('a passing failure is retried sooner than a long interval; a permanent one waits for the interval', () => {
    const passing: ReceiveOutcome = { status: 'failed', accountId: 'a', error: { code: 'NETWORK', message: 'down', retryable: true }, summary: emptySummary() };
    const lasting: ReceiveOutcome = {
      status: 'failed',
      accountId: 'a',
      error: { code: 'PROTOCOL_ERROR', message: 'odd', retryable: false },
      summary: emptySummary(),
    };
    const hourly = schedule({ settings: { intervalMinutes: 60, checkAtStartup: true } });
    assert.equal(nextCheckAt(afterRun(hourly, START, passing), START), START + 5 * MINUTE);
    assert.equal(nextCheckAt(afterRun(hourly, START, lasting), START), START + 60 * MINUTE);
  });

  test('a refused password stops automatic checks until the user enters one or a check by hand succeeds', () => {
    const refused: ReceiveOutcome = {
      status: 'failed',
      accountId: 'a',
      error: { code: 'AUTH_FAILED', message: 'no', retryable: false },
      summary: emptySummary(),
    };
    const network: ReceiveOutcome = { status: 'failed', accountId: 'a', error: { code: 'NETWORK', message: 'down', retryable: true }, summary: emptySummary() };
    const stopped = afterRun(schedule(), START, refused);
    assert.equal(nextCheckAt(stopped, START), null, 'never retried on a schedule');
    assert.equal(dueAccounts(new Map([['a', stopped]]), START, START + 1000 * MINUTE).length, 0);
    assert.equal(nextCheckAt(afterRun(stopped, START + MINUTE, network), START), null, 'another failure by hand does not resume it');
    assert.equal(nextCheckAt(afterPasswordEntered(stopped), START), START + 10 * MINUTE, 'entering a password resumes the interval');
    assert.equal(nextCheckAt(afterRun(stopped, START + MINUTE, completed()), START), START + 11 * MINUTE, 'a successful check by hand resumes it');
    assert.equal(isPasswordRefusal('AUTH_FAILED'), true);
    assert.equal(isPasswordRefusal('PASSWORD_NEEDED'), false);
  });

  test('due accounts come soonest first, and the delay to the next is known', () => {
    const schedules = new Map<string, AccountSchedule>([
      ['late', afterRun(schedule(), START, completed())],
      ['now', schedule()],
      ['manual', schedule({ settings: { intervalMinutes: null, checkAtStartup: false } })],
    ]);
    assert.deepEqual(dueAccounts(schedules, START, START), ['now']);
    assert.deepEqual(dueAccounts(schedules, START, START + 10 * MINUTE), ['now', 'late']);
    assert.equal(delayUntilNext(new Map([...schedules].filter(([id]) => id !== 'now')), START, START + MINUTE), 9 * MINUTE);
    assert.equal(delayUntilNext(new Map([['manual', schedule({ settings: { intervalMinutes: null, checkAtStartup: false } })]]), START, START), null);
  });
});
