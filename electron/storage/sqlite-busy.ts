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

/**
 * Runs a write transaction up to `attempts` times while SQLite answers busy (each try waits out the
 * busy timeout again before giving up); any other error, or busy on the last try, is thrown.
 */
export function writeUnlessBusy<T>(write: () => T, attempts: number): T {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return write();
    } catch (error) {
      if (attempt >= attempts || !isSqliteBusy(error)) throw error;
    }
  }
}
