/**
 * The parent side of the POP3 worker: starts a worker for one job, checks the sequence of what it
 * sends, turns its events into callbacks and its end into a promise. Cancellation asks the worker to
 * stop (the engine then releases its socket at once) and terminates the thread if it does not end
 * within a grace period.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './start-worker';
import { isPop3WorkerMessage, type Pop3JobResult, type Pop3ErrorData, type Pop3ParentEvent, type Pop3ParentMessage, type Pop3RetrievalJob, type Pop3WorkerMessage } from './pop3-messages';

/** How long a cancelled worker may take to end on its own before it is terminated. */
export const CANCEL_GRACE_MS = 5_000;

/** The worker's events other than the final outcome. */
export type Pop3JobEvent = Exclude<Pop3WorkerMessage, { type: 'done' } | { type: 'failed' }>;

/** The outcome of a job: its result, or its error as data. */
export type Pop3JobOutcome = { readonly ok: true; readonly result: Pop3JobResult } | { readonly ok: false; readonly error: Pop3ErrorData };

/** A running job. */
export interface Pop3JobHandle {
  /** Settles when the worker has ended; never rejects (errors are data). */
  readonly outcome: Promise<Pop3JobOutcome>;
  /** Stops the job; the outcome becomes CANCELLED unless it already ended. */
  cancel(): void;
}

/** Options of `startPop3Job`. */
export interface Pop3JobOptions {
  readonly onEvent?: (event: Pop3JobEvent) => void;
  readonly signal?: AbortSignal;
  /** The worker entry; defaults to `pop3-worker` beside this module (source or built bundle). */
  readonly workerFile?: string;
}

/** The worker entry beside this module: the TypeScript source in a checkout, the bundle when built. */
export function defaultPop3WorkerFile(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'pop3-worker.ts' : 'pop3-worker.cjs');
}

function internalError(message: string): Pop3ErrorData {
  return { code: 'INTERNAL', message, retryable: false };
}

/** Starts a worker running `job`. */
export function startPop3Job(job: Pop3RetrievalJob, options: Pop3JobOptions = {}): Pop3JobHandle {
  const worker: Worker = startWorker(options.workerFile ?? defaultPop3WorkerFile());
  let outgoing = 0;
  let incoming = 0;
  let settled = false;
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveOutcome: (outcome: Pop3JobOutcome) => void = () => undefined;
  const outcome = new Promise<Pop3JobOutcome>((resolve) => {
    resolveOutcome = resolve;
  });

  const send = (message: Pop3ParentEvent): void => {
    outgoing += 1;
    worker.postMessage({ ...message, seq: outgoing } satisfies Pop3ParentMessage);
  };
  const settle = (result: Pop3JobOutcome): void => {
    if (settled) return;
    settled = true;
    if (graceTimer !== undefined) clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', cancel);
    resolveOutcome(result);
    void worker.terminate();
  };
  function cancel(): void {
    if (settled) return;
    send({ type: 'cancel' });
    graceTimer ??= setTimeout(() => {
      settle({ ok: false, error: { code: 'CANCELLED', message: 'The mail check was stopped.', retryable: false } });
    }, CANCEL_GRACE_MS);
  }

  worker.on('message', (value: unknown) => {
    if (!isPop3WorkerMessage(value) || value.seq !== incoming + 1) {
      settle({ ok: false, error: internalError('The mail worker sent a malformed or out-of-order message.') });
      return;
    }
    incoming = value.seq;
    switch (value.type) {
      case 'done':
        settle({ ok: true, result: value.result });
        return;
      case 'failed':
        settle({ ok: false, error: value.error });
        return;
      case 'progress':
      case 'stored':
      case 'transcript':
      case 'log':
        options.onEvent?.(value);
        return;
    }
  });
  worker.on('error', () => settle({ ok: false, error: internalError('The mail worker stopped unexpectedly.') }));
  worker.on('exit', () => settle({ ok: false, error: internalError('The mail worker ended without a result.') }));

  send({ type: 'start', job });
  if (options.signal?.aborted === true) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  return { outcome, cancel };
}
