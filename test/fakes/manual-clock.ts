import type { ScheduleTimers } from '../../electron/services/send-receive';

/**
 * A hand-driven clock with the one timer a schedule keeps, so a test runs hours of checks at once:
 * `clock` reads the time, `moveTo` sets it and fires the timer once it is due.
 */
export class ManualClock implements ScheduleTimers {
  /** The timer set last, until it fires or is cleared. */
  pending: { readonly callback: () => void; readonly at: number } | undefined;

  constructor(public now: number) {}

  /** The time, for the code under test. */
  readonly clock = (): number => this.now;

  set(callback: () => void, delayMs: number): unknown {
    this.pending = { callback, at: this.now + delayMs };
    return this.pending;
  }

  clear(handle: unknown): void {
    if (this.pending === handle) this.pending = undefined;
  }

  /** Sets the time to `to`, and runs the timer's callback when it is due by then. */
  moveTo(to: number): void {
    this.now = to;
    const pending = this.pending;
    if (pending !== undefined && pending.at <= to) pending.callback();
  }
}
