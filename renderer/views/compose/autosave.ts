/**
 * When compose saves a draft by itself: a while after the last change (never on every keystroke),
 * once at a time (a change during a save leads to one more save after it), and at once when asked
 * (closing). Separate from React so its timing can be tested with fake timers.
 */

/** How long after the last change a draft is saved. */
export const AUTOSAVE_DELAY_MS = 3_000;

/** Timers the autosave uses (tests pass fakes). */
export interface AutosaveTimers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** The autosave of one compose window. */
export interface Autosave {
  /** The content changed: save once it has been quiet for the delay. */
  changed(): void;
  /** Saves now if anything changed since the last save; resolves when saved. */
  flush(): Promise<void>;
  /** Forgets pending changes (after Send or Discard). */
  cancel(): void;
}

/** Creates an autosave around `save`, which stores the current content (and may fail). */
export function createAutosave(save: () => Promise<void>, options: { readonly delayMs?: number; readonly timers?: AutosaveTimers } = {}): Autosave {
  const delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
  const timers: AutosaveTimers = options.timers ?? { set: (callback, delay) => setTimeout(callback, delay), clear: (handle) => clearTimeout(handle as number) };
  let dirty = false;
  let timer: unknown = null;
  let running: Promise<void> | null = null;

  const stopTimer = (): void => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  const run = async (): Promise<void> => {
    stopTimer();
    if (running !== null) await running.catch(() => undefined);
    if (!dirty) return;
    dirty = false;
    const current = save().catch((error: unknown) => {
      dirty = true;
      throw error;
    });
    running = current;
    try {
      await current;
    } finally {
      if (running === current) running = null;
    }
  };

  return {
    changed() {
      dirty = true;
      stopTimer();
      timer = timers.set(() => {
        timer = null;
        run().catch(() => undefined);
      }, delayMs);
    },
    flush: run,
    cancel() {
      dirty = false;
      stopTimer();
    },
  };
}
