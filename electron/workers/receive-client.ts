/**
 * The parent side of the receive worker: starts one worker per run, checks the sequence of what it
 * sends, forwards progress, and resolves with the outcome. Cancelling asks the worker to stop (the
 * POP3 engine releases its socket at once and no deletion is committed); a worker that does not end
 * within a grace period is terminated, which is equally safe: the store commits whole batches only.
 */
import type { Worker } from 'node:worker_threads';
import type { ReceiveJob } from '../services/send-receive/receive-job';
import { emptySummary, type ReceiveOutcome, type ReceiveProgress } from '../services/send-receive/receive-types';
import { isReceiveWorkerMessage, type ReceiveParentEvent, type ReceiveParentMessage } from './receive-messages';
import { startWorker, workerEntryFile } from './start-worker';

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
  const worker: Worker = startWorker(options.workerFile ?? workerEntryFile('receive-worker'));
  let outgoing = 0;
  let incoming = 0;
  let settled = false;
  let graceTimer: NodeJS.Timeout | undefined;
  return new Promise<ReceiveOutcome>((resolve) => {
    const send = (message: ReceiveParentEvent): void => {
      outgoing += 1;
      worker.postMessage({ ...message, seq: outgoing } satisfies ReceiveParentMessage);
    };
    const settle = (outcome: ReceiveOutcome): void => {
      if (settled) return;
      settled = true;
      if (graceTimer !== undefined) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', cancel);
      resolve(outcome);
      void worker.terminate();
    };
    const internal = (message: string): ReceiveOutcome => ({
      status: 'failed',
      accountId: job.accountId,
      error: { code: 'INTERNAL', message, retryable: true },
      summary: emptySummary(),
    });
    function cancel(): void {
      if (settled) return;
      send({ type: 'cancel' });
      graceTimer ??= setTimeout(() => settle({ status: 'cancelled', accountId: job.accountId, summary: emptySummary() }), RECEIVE_CANCEL_GRACE_MS);
    }
    worker.on('message', (value: unknown) => {
      if (!isReceiveWorkerMessage(value) || value.seq !== incoming + 1) {
        settle(internal('The mail worker sent a malformed or out-of-order message.'));
        return;
      }
      incoming = value.seq;
      switch (value.type) {
        case 'progress':
          options.onProgress?.(value.progress);
          return;
        case 'done':
          settle(value.outcome);
          return;
      }
    });
    worker.on('error', () => settle(internal('The mail worker stopped unexpectedly.')));
    worker.on('exit', () => settle(internal('The mail worker ended without a result.')));
    send({ type: 'start', job });
    if (options.signal?.aborted === true) cancel();
    else options.signal?.addEventListener('abort', cancel, { once: true });
  });
}
