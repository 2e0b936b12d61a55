/**
 * Lowering one worker thread's share of the processor, so work that can wait (indexing beside a
 * download) gives way to work that should not (the download and its commits) whenever both want a
 * core. Linux schedules each thread by its own nice value, and setpriority(2) on "the calling
 * process" there sets only the calling thread's; on other systems the same call would lower the whole
 * process, so it is left alone there.
 */
import { getPriority, setPriority } from 'node:os';

/** How much nicer (lower priority) a background thread is than the process: from 0 (normal) to 10 of 19. */
export const BACKGROUND_NICE_STEP = 10;
/** The nicest value Linux has. */
const NICEST = 19;

/**
 * Makes the calling thread nicer by {@link BACKGROUND_NICE_STEP}, on Linux only. Returns whether it
 * did; a refusal (a sandbox that forbids it) leaves the thread as it was.
 */
export function lowerThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    setPriority(0, Math.min(NICEST, getPriority(0) + BACKGROUND_NICE_STEP));
    return true;
  } catch {
    return false;
  }
}
