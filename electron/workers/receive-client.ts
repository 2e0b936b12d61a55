/**
 * The parent side of the receive worker: starts one worker per run, checks the sequence of what it
 * sends, forwards progress, and resolves with the outcome. Cancelling asks the worker to stop (the
 * POP3 engine releases its socket at once and no deletion is committed); a worker that does not end
 * within a grace period is terminated, which is equally safe: the store commits whole batches only.
 */
import type { ReceiveJob } from '../jobs/receive/receive-job';
import { emptySummary, type ReceiveOutcome, type ReceiveProgress } from '../jobs/receive/receive-types';
import { markPhase } from '../jobs/phase-marks';
import { lostJobMessage, progressThenDone, startJobWorker } from './job-channel';
import { isReceiveWorkerMessage, type ReceiveWorkerMessage } from './receive-messages';
import { workerEntryFile } from './start-worker';

/** How long a cancelled worker may take to end on its own before it is terminated. */
export const RECEIVE_CANCEL_GRACE_MS = 5_000;

/** Options of `runReceiveInWorker`. */
export interface ReceiveWorkerOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReceiveProgress) => void;
  /** The worker entry; defaults to `receive-worker` beside this module (source or built bundle). */
  readonly workerFile?: string;
}

/** Runs `job` in a new worker thread; never rejects (every ending is an outcome). */
export function runReceiveInWorker(job: ReceiveJob, options: ReceiveWorkerOptions = {}): Promise<ReceiveOutcome> {
  const internal = (message: string): ReceiveOutcome => ({
    status: 'failed',
    accountId: job.accountId,
    error: { code: 'INTERNAL', message, retryable: true },
    summary: emptySummary(),
  });
  markPhase('worker starting');
  return startJobWorker<ReceiveJob, ReceiveWorkerMessage, ReceiveOutcome>({
    workerFile: options.workerFile ?? workerEntryFile('receive-worker'),
    job,
    isMessage: isReceiveWorkerMessage,
    ...progressThenDone(options.onProgress),
    lost: (reason) =>
      reason === 'cancelled' ? { status: 'cancelled', accountId: job.accountId, summary: emptySummary() } : internal(lostJobMessage('The mail worker', reason)),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    cancelGraceMs: RECEIVE_CANCEL_GRACE_MS,
  }).outcome;
}
