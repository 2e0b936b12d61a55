/**
 * How long the tasks of a page's main thread ran, from a Chromium trace: each task's wall time (what a
 * long-task observer sees, and what a user waits) and its thread's CPU time. On a loaded machine other
 * processes stretch a task's wall time by taking the core away; they cannot add to the CPU time the task
 * itself used. So a test can hold the work of a task to a tight limit that load cannot make flaky, and
 * hold wall time only to a limit that just a real freeze exceeds.
 */
import type { Page } from 'playwright-core';

/**
 * The wall time a task must pass to count as a freeze whatever the load. A loaded two-core machine has
 * stretched tasks of 13 to 24 ms of their own work to 300 to 500 ms (the core was another process's
 * meanwhile); twice the longest such stretch seen is a freeze a user cannot miss.
 */
export const FREEZE_MS = 1_000;

/** One task of the page's main thread. */
export interface TaskTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Trace categories with the scheduler's tasks (thread time included) and the frames' timers and script calls. */
const CATEGORIES = ['toplevel', 'devtools.timeline'];
/** The category of the events that stand for whole units of a thread's work (tasks, microtask checkpoints). */
const TASK_CATEGORY = 'toplevel';

interface TraceEvent {
  readonly cat?: string;
  readonly ph?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly data?: { readonly frame?: unknown } };
}

/**
 * Runs `action` while Chromium traces the page, and returns the tasks of the thread that ran the page's
 * top frame (found by its frame id), longest first. Other threads (the sandboxed message frame runs in a
 * process of its own) are not counted.
 */
export async function traceMainThreadTasks(page: Page, action: () => Promise<void>): Promise<TaskTime[]> {
  const browser = page.context().browser();
  if (browser === null) throw new Error('The page has no browser to trace.');
  const session = await page.context().newCDPSession(page);
  const frame = (await session.send('Page.getFrameTree')).frameTree.frame.id;
  await session.detach();
  await browser.startTracing(page, { categories: CATEGORIES });
  let trace: Buffer;
  try {
    await action();
  } finally {
    trace = await browser.stopTracing();
  }
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const script = events.find((event) => event.args?.data?.frame === frame);
  if (script === undefined) throw new Error(`Nothing of the page's frame ${frame} ran while tracing.`);
  const threadTasks = events
    .filter((event) => event.ph === 'X' && event.pid === script.pid && event.tid === script.tid && (event.cat ?? '').split(',').includes(TASK_CATEGORY))
    .sort((first, second) => (first.ts ?? 0) - (second.ts ?? 0));
  const tasks: TaskTime[] = [];
  let end = -Infinity;
  for (const event of threadTasks) {
    const start = event.ts ?? 0;
    // An event inside the one before is part of the same task (another layer of the scheduler).
    if (start < end) continue;
    end = start + (event.dur ?? 0);
    tasks.push({ wallMs: (event.dur ?? 0) / 1_000, cpuMs: (event.tdur ?? 0) / 1_000 });
  }
  return tasks.sort((first, second) => second.wallMs - first.wallMs);
}
