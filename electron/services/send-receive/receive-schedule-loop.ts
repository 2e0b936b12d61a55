/**
 * Drives the pure scheduler (receive-scheduler.ts) with a clock and a timer, both injectable: starts
 * each account's check through the Send/Receive service when it is due, records the outcome, and
 * sleeps until the next one. An account already running is never started twice.
 */
import type { ReceiveJob } from '../../jobs/receive/receive-job';
import { toErrorData } from '../../../shared/errors';
import {
  afterPasswordEntered,
  afterRun,
  delayUntilNext,
  dueAccounts,
  isPasswordRefusal,
  type AccountSchedule,
  type ScheduleSettings,
} from './receive-scheduler';
import { emptySummary, type ReceiveOutcome } from '../../jobs/receive/receive-types';

/** Longest single sleep, so a changed system clock is noticed within this time. */
export const MAX_SLEEP_MS = 60_000;

/** Timer functions (the real ones by default; tests pass their own). */
export interface ScheduleTimers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** What the loop needs. */
export interface ScheduleLoopOptions {
  /** Starts (or joins) an account's check; `SendReceiveService.start` fits. */
  readonly start: (job: ReceiveJob) => Promise<ReceiveOutcome>;
  /**
   * The job for an account as its settings and password are now — asked when the check is due, so a
   * password command runs then, not whenever anything changes — or undefined if it cannot run
   * (deleted, no password, or only the password the server refused).
   */
  readonly jobFor: (accountId: string) => ReceiveJob | undefined | Promise<ReceiveJob | undefined>;
  /**
   * A due check could not start because the sign-in was refused before any session (the provider
   * revoked it: AUTH_FAILED from `jobFor`). Told once; the account's automatic checks stop until `resume`.
   */
  readonly refusedBeforeStart?: (outcome: ReceiveOutcome) => void;
  readonly clock?: () => number;
  readonly timers?: ScheduleTimers;
}

const REAL_TIMERS: ScheduleTimers = {
  set: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The scheduling loop of all accounts. */
export class ReceiveScheduleLoop {
  private readonly schedules = new Map<string, AccountSchedule>();
  private readonly running = new Set<string>();
  private readonly clock: () => number;
  private readonly timers: ScheduleTimers;
  private readonly startedUpAt: number;
  private timer: unknown;
  private stopped = false;

  constructor(private readonly options: ScheduleLoopOptions) {
    this.clock = options.clock ?? Date.now;
    this.timers = options.timers ?? REAL_TIMERS;
    this.startedUpAt = this.clock();
  }

  /** Adds an account or changes its settings; re-plans at once. */
  setAccount(accountId: string, settings: ScheduleSettings): void {
    const previous = this.schedules.get(accountId);
    this.schedules.set(
      accountId,
      previous === undefined ? { settings, lastStartedAt: null, loginDelaySeconds: null, retryAt: null } : { ...previous, settings },
    );
    this.tick();
  }

  /** Forgets an account (a run in progress is not cancelled here). */
  removeAccount(accountId: string): void {
    this.schedules.delete(accountId);
    this.tick();
  }

  /** Records a check started by hand (the Send/Receive button), so the interval counts from it. */
  recordOutcome(accountId: string, startedAt: number, outcome: ReceiveOutcome): void {
    const schedule = this.schedules.get(accountId);
    if (schedule !== undefined) this.schedules.set(accountId, afterRun(schedule, startedAt, outcome));
  }

  /** The user entered a password for a refused account: its automatic checks start again. */
  resume(accountId: string): void {
    const schedule = this.schedules.get(accountId);
    if (schedule === undefined) return;
    this.schedules.set(accountId, afterPasswordEntered(schedule));
    this.tick();
  }

  /** When an account is due next (for the UI: "next check at …"), or null. */
  schedule(accountId: string): AccountSchedule | undefined {
    return this.schedules.get(accountId);
  }

  /** Starts what is due, then sleeps until the next due time. */
  tick(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    const now = this.clock();
    const idle = new Map([...this.schedules].filter(([accountId]) => !this.running.has(accountId)));
    for (const accountId of dueAccounts(idle, this.startedUpAt, now)) this.run(accountId, now);
    const waiting = new Map([...this.schedules].filter(([accountId]) => !this.running.has(accountId)));
    const delay = delayUntilNext(waiting, this.startedUpAt, this.clock());
    if (delay !== null) this.timer = this.timers.set(() => this.tick(), Math.min(Math.max(delay, 0), MAX_SLEEP_MS));
  }

  /** Stops scheduling (running checks go on; cancel them through the service). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private run(accountId: string, now: number): void {
    this.running.add(accountId);
    const finish = (): void => {
      this.running.delete(accountId);
      this.tick();
    };
    void Promise.resolve()
      .then(() => this.options.jobFor(accountId))
      .catch((error: unknown) => {
        const data = toErrorData(error);
        if (!isPasswordRefusal(data.code)) return undefined;
        // Refused before signing in: recorded as a refused run, so the schedule stops asking until the user acts.
        const outcome: ReceiveOutcome = { status: 'failed', accountId, error: { ...data, retryable: false }, summary: emptySummary() };
        this.recordOutcome(accountId, now, outcome);
        this.options.refusedBeforeStart?.(outcome);
        return null;
      })
      .then((job) => {
        const schedule = this.schedules.get(accountId);
        if (job === null) {
          finish();
          return;
        }
        if (job === undefined || schedule === undefined) {
          // Cannot run now: count it as a check, so it is not retried in a tight loop.
          if (schedule !== undefined) this.schedules.set(accountId, { ...schedule, lastStartedAt: now, retryAt: null });
          finish();
          return;
        }
        void this.options.start(job).then((outcome) => {
          this.recordOutcome(accountId, now, outcome);
          finish();
        });
      });
  }
}
