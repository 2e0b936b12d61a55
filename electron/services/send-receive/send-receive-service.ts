/**
 * The parent side of Send/Receive: runs accounts independently and concurrently, each in its own
 * worker, so one stuck or slow server never blocks another; one run per account at a time; start,
 * cancel and progress for the UI. The runner is injectable so the orchestration is tested on its own.
 */
import { runReceiveInWorker } from '../../workers/receive-client';
import type { ReceiveJob } from '../../jobs/receive/receive-job';
import type { JobStore } from '../../jobs/job-store';
import { receiveIntoStore } from '../../jobs/receive/run-receive-job';
import { emptySummary, type ReceiveOutcome, type ReceiveProgress } from '../../jobs/receive/receive-types';
import { AccountSessionLock } from './session-lock';

/** Runs one job until its outcome; must honour the signal and never reject. */
export type ReceiveRunner = (job: ReceiveJob, signal: AbortSignal, onProgress: (progress: ReceiveProgress) => void) => Promise<ReceiveOutcome>;

/** What the service tells its listeners. */
export type SendReceiveEvent =
  | { readonly type: 'started'; readonly accountId: string }
  | { readonly type: 'progress'; readonly progress: ReceiveProgress }
  | { readonly type: 'finished'; readonly outcome: ReceiveOutcome };

/** The default runner: a worker thread per run. */
export const workerRunner: ReceiveRunner = (job, signal, onProgress) => runReceiveInWorker(job, { signal, onProgress });

/**
 * Runs each job on the calling thread, into the caller's open store: for a process that does nothing
 * else meanwhile (`mailbag receive` of one account), which so saves starting a thread, loading the
 * worker's code and opening the store a second time. Never for a thread that must stay responsive.
 */
export function sameThreadRunner(opened: JobStore): ReceiveRunner {
  return (job, signal, onProgress) => receiveIntoStore(opened, job, signal, onProgress);
}

interface Running {
  readonly controller: AbortController;
  readonly outcome: Promise<ReceiveOutcome>;
}

/** Runs receive jobs, at most one per account, any number of accounts at once. */
export class SendReceiveService {
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<(event: SendReceiveEvent) => void>();

  /**
   * @param sessions shared with the Server mailbox: a run waits while the Server mailbox talks to the
   *   same account's server, so the two never open two sessions to one maildrop.
   */
  constructor(
    private readonly runner: ReceiveRunner = workerRunner,
    readonly sessions: AccountSessionLock = new AccountSessionLock(),
  ) {}

  /**
   * Starts a run for the job's account, or returns the run already in progress for it (pressing
   * Send/Receive twice never opens two sessions to one maildrop, RFC 1939 §8 exclusive lock).
   */
  start(job: ReceiveJob): Promise<ReceiveOutcome> {
    const existing = this.running.get(job.accountId);
    if (existing !== undefined) return existing.outcome;
    const controller = new AbortController();
    this.emit({ type: 'started', accountId: job.accountId });
    const run = (release: () => void): Promise<ReceiveOutcome> => {
      const result = controller.signal.aborted
        ? Promise.resolve<ReceiveOutcome>({ status: 'cancelled', accountId: job.accountId, summary: emptySummary() })
        : this.runner(job, controller.signal, (progress) => this.emit({ type: 'progress', progress }));
      return result.finally(release);
    };
    // Started at once when the account's session is free; otherwise after the Server mailbox's session.
    const free = this.sessions.tryAcquire(job.accountId, 'send-receive');
    const started = free === undefined ? this.sessions.acquire(job.accountId, 'send-receive').then(run) : run(free);
    const outcome = started.then((result) => {
      this.running.delete(job.accountId);
      this.emit({ type: 'finished', outcome: result });
      return result;
    });
    this.running.set(job.accountId, { controller, outcome });
    return outcome;
  }

  /** Cancels an account's run; false if none is running. */
  cancel(accountId: string): boolean {
    const run = this.running.get(accountId);
    if (run === undefined) return false;
    run.controller.abort();
    return true;
  }

  /** Cancels every run and waits until all have ended (application quit). */
  async cancelAll(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.all(runs.map((run) => run.outcome));
  }

  /** Accounts with a run in progress. */
  runningAccounts(): string[] {
    return [...this.running.keys()];
  }

  /** Subscribes to events; returns the unsubscribe function. */
  subscribe(listener: (event: SendReceiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` each time a run's progress shows more messages committed than before (a batch is
   * stored and listed with its columns); returns the unsubscribe function.
   */
  onBatchCommitted(listener: (accountId: string) => void): () => void {
    const committed = new Map<string, number>();
    return this.subscribe((event) => {
      if (event.type === 'finished') committed.delete(event.outcome.accountId);
      if (event.type !== 'progress' || event.progress.messagesDone <= (committed.get(event.progress.accountId) ?? 0)) return;
      committed.set(event.progress.accountId, event.progress.messagesDone);
      listener(event.progress.accountId);
    });
  }

  private emit(event: SendReceiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not stop a run or other listeners.
      }
    }
  }
}
