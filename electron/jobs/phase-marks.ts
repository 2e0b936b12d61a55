/**
 * Where a command's time goes: with MAILBAG_PROFILE_PHASES=1 in the environment, each step of a run
 * (modules loaded, store opened, signed in, each batch committed, exit, …) writes one line to standard
 * error with the milliseconds since the process started, from whichever thread reached it (worker
 * threads share the process's clock). The benchmark reads these lines; without the variable a mark
 * costs one comparison and writes nothing.
 */
import { isMainThread } from 'node:worker_threads';

/** The environment variable that turns the marks on (value `1`). */
export const PROFILE_PHASES_VARIABLE = 'MAILBAG_PROFILE_PHASES';

/** What every mark line starts with, so a reader finds them among progress and errors. */
export const PHASE_MARK_PREFIX = 'mailbag-phase';

const enabled = process.env[PROFILE_PHASES_VARIABLE] === '1';

/** Whether marks are written (the variable was set when this thread started). */
export function phaseMarksEnabled(): boolean {
  return enabled;
}

/**
 * Writes `PREFIX MS THREAD STEP`: MS since the process started (process.uptime, the same clock in every
 * thread), THREAD `main` or `worker`. A step is a few plain words without a newline.
 */
export function markPhase(step: string): void {
  if (!enabled) return;
  const milliseconds = (process.uptime() * 1000).toFixed(1);
  process.stderr.write(`${PHASE_MARK_PREFIX} ${milliseconds} ${isMainThread ? 'main' : 'worker'} ${step}\n`);
}
