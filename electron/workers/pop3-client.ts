/**
 * The parent side of the POP3 worker: starts a worker for one job, checks the sequence of what it
 * sends, turns its events into callbacks and its end into a promise. Cancellation asks the worker to
 * stop (the engine then releases its socket at once) and terminates the thread if it does not end
 * within a grace period.
 */
import path from 'node:path';
import { startJobWorker, type JobHandle } from './job-channel';
import { isPop3WorkerMessage, type Pop3JobResult, type Pop3ErrorData, type Pop3RetrievalJob, type Pop3WorkerMessage } from './pop3-messages';

/** How long a cancelled worker may take to end on its own before it is terminated. */
export const CANCEL_GRACE_MS = 5_000;

/** The worker's events other than the final outcome. */
export type Pop3JobEvent = Exclude<Pop3WorkerMessage, { type: 'done' } | { type: 'failed' }>;

/** The outcome of a job: its result, or its error as data. */
export type Pop3JobOutcome = { readonly ok: true; readonly result: Pop3JobResult } | { readonly ok: false; readonly error: Pop3ErrorData };

/** A running job: its outcome never rejects; cancelling makes it CANCELLED unless it already ended. */
export type Pop3JobHandle = JobHandle<Pop3JobOutcome>;

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
  return startJobWorker<Pop3RetrievalJob, Pop3WorkerMessage, Pop3JobOutcome>({
    workerFile: options.workerFile ?? defaultPop3WorkerFile(),
    job,
    isMessage: isPop3WorkerMessage,
    outcomeOf: (message) => {
      switch (message.type) {
        case 'done':
          return { ok: true, result: message.result };
        case 'failed':
          return { ok: false, error: message.error };
        case 'progress':
        case 'stored':
        case 'transcript':
        case 'log':
          return undefined;
      }
    },
    onEvent: (message) => options.onEvent?.(message as Pop3JobEvent),
    lost: (reason) => {
      switch (reason) {
        case 'cancelled':
          return { ok: false, error: { code: 'CANCELLED', message: 'The mail check was stopped.', retryable: false } };
        case 'malformed':
          return { ok: false, error: internalError('The mail worker sent a malformed or out-of-order message.') };
        case 'crashed':
          return { ok: false, error: internalError('The mail worker stopped unexpectedly.') };
        case 'ended':
          return { ok: false, error: internalError('The mail worker ended without a result.') };
      }
    },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    cancelGraceMs: CANCEL_GRACE_MS,
  });
}
