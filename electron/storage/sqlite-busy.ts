/**
 * SQLite's "busy": another connection held the write lock for longer than the busy timeout, or SQLite
 * answered at once rather than wait (it does so where waiting could deadlock). Nothing was half-done
 * (a transaction that could not begin, or was rolled back), so the same write may simply be tried again.
 */

/** Whether `error` is SQLite's busy or locked answer (better-sqlite3 puts the extended code on it). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

/** How long {@link writeWhenFree} keeps trying, and how long it first waits between two tries. */
export interface BusyRetry {
  /** Milliseconds after the first try beyond which a busy answer is final. */
  readonly withinMs: number;
  /** Milliseconds waited after the first busy answer; doubled after each further one. */
  readonly firstPauseMs: number;
  /** The longest pause between two tries. */
  readonly maxPauseMs: number;
}

/**
 * Runs a write transaction, and again after a pause (doubling each time, up to `maxPauseMs`) while
 * SQLite answers busy, until it is written or `withinMs` have passed since the first try: SQLite may
 * answer busy at once, several times in a row (under load, or where waiting could deadlock), and a
 * lock held past the busy timeout is let go sooner or later. Any other error, or busy after the time,
 * is thrown.
 */
export async function writeWhenFree<T>(write: () => T, retry: BusyRetry, clock: () => number = Date.now): Promise<T> {
  const started = clock();
  let pause = retry.firstPauseMs;
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isSqliteBusy(error) || clock() - started >= retry.withinMs) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(retry.maxPauseMs, pause * 2);
  }
}
