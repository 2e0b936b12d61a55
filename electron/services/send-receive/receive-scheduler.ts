/**
 * When each account is checked next: at startup (if wanted), then every N minutes, never sooner than
 * the server's LOGIN-DELAY (RFC 2449 §6.5), and at the time a busy mailbox said to come back. Pure:
 * the clock is passed in, so the rules are tested without timers; the service drives it.
 */
import type { ErrorCode } from '../../../shared/errors';
import type { ReceiveOutcome } from '../../jobs/receive/receive-types';

/** The shortest check interval Mailbag allows, to be kind to servers. */
export const MIN_CHECK_INTERVAL_MS = 60_000;
/** After a failure that may pass (network, timeout), try again after this long if sooner than the interval. */
export const FAILURE_RETRY_MS = 5 * 60_000;

/** An account's schedule settings. */
export interface ScheduleSettings {
  /** Minutes between automatic checks; null for manual checks only. */
  readonly intervalMinutes: number | null;
  readonly checkAtStartup: boolean;
}

/** What the scheduler remembers of an account. */
export interface AccountSchedule {
  readonly settings: ScheduleSettings;
  /** When the last run started, or null if none since startup. */
  readonly lastStartedAt: number | null;
  /** Seconds the server asks between logins, learned from its capabilities. */
  readonly loginDelaySeconds: number | null;
  /** A busy mailbox's or a failure's retry time. */
  readonly retryAt: number | null;
  /**
   * The server refused the password (AUTH_FAILED after signing in was tried): no automatic check until
   * the user acts — enters a password or runs Send/Receive by hand — since retrying a refused password
   * on a schedule gets accounts locked at providers. Absent means false.
   */
  readonly signInRefused?: boolean;
}

/** The interval actually used: the setting, clamped below by the minimum and the server's LOGIN-DELAY. */
export function effectiveIntervalMs(settings: ScheduleSettings, loginDelaySeconds: number | null): number | null {
  if (settings.intervalMinutes === null) return null;
  return Math.max(settings.intervalMinutes * 60_000, MIN_CHECK_INTERVAL_MS, (loginDelaySeconds ?? 0) * 1000);
}

/** When the account is due next (ms since epoch), or null if never automatically. */
export function nextCheckAt(schedule: AccountSchedule, startedUpAt: number): number | null {
  if (schedule.signInRefused === true) return null;
  const interval = effectiveIntervalMs(schedule.settings, schedule.loginDelaySeconds);
  const regular =
    schedule.lastStartedAt === null
      ? schedule.settings.checkAtStartup
        ? startedUpAt
        : interval === null
          ? null
          : startedUpAt + interval
      : interval === null
        ? null
        : schedule.lastStartedAt + interval;
  // A busy mailbox or a passing failure sets its own time; it replaces the regular one.
  return schedule.retryAt ?? regular;
}

/** The schedule after a run started at `startedAt` ended with `outcome`. */
export function afterRun(schedule: AccountSchedule, startedAt: number, outcome: ReceiveOutcome): AccountSchedule {
  const loginDelaySeconds = outcome.summary.loginDelaySeconds ?? schedule.loginDelaySeconds;
  let retryAt: number | null = null;
  let signInRefused = schedule.signInRefused === true;
  switch (outcome.status) {
    case 'busy':
      retryAt = outcome.retryAt;
      break;
    case 'failed':
      signInRefused ||= isPasswordRefusal(outcome.error.code);
      if (outcome.error.retryable) {
        const interval = effectiveIntervalMs(schedule.settings, loginDelaySeconds);
        const soon = Math.max(FAILURE_RETRY_MS, (loginDelaySeconds ?? 0) * 1000);
        retryAt = startedAt + (interval === null ? soon : Math.min(soon, interval));
      }
      break;
    case 'completed':
      signInRefused = false;
      break;
    case 'cancelled':
      break;
  }
  return { ...schedule, lastStartedAt: startedAt, loginDelaySeconds, retryAt, signInRefused };
}

/** Whether a run's error means the server refused the password it was given (not a missing one). */
export function isPasswordRefusal(code: ErrorCode): boolean {
  return code === 'AUTH_FAILED';
}

/** The schedule once the user acted on a refused password (entered one): automatic checks resume. */
export function afterPasswordEntered(schedule: AccountSchedule): AccountSchedule {
  return { ...schedule, signInRefused: false };
}

/** Accounts due at `now`, soonest first. */
export function dueAccounts(schedules: ReadonlyMap<string, AccountSchedule>, startedUpAt: number, now: number): string[] {
  return [...schedules]
    .map(([accountId, schedule]) => ({ accountId, at: nextCheckAt(schedule, startedUpAt) }))
    .filter((entry): entry is { accountId: string; at: number } => entry.at !== null && entry.at <= now)
    .sort((left, right) => left.at - right.at)
    .map((entry) => entry.accountId);
}

/** Milliseconds until the next account is due (0 if one is due now), or null if none ever is. */
export function delayUntilNext(schedules: ReadonlyMap<string, AccountSchedule>, startedUpAt: number, now: number): number | null {
  let soonest: number | null = null;
  for (const schedule of schedules.values()) {
    const at = nextCheckAt(schedule, startedUpAt);
    if (at !== null && (soonest === null || at < soonest)) soonest = at;
  }
  return soonest === null ? null : Math.max(0, soonest - now);
}
