/**
 * The one way Mailbag runs a job in a worker thread. Both directions carry sequence-numbered messages
 * (anything malformed or out of order ends the job as an error, never as a guess); the parent sends one
 * `start` and maybe a `cancel`; the worker answers with events and one final message. Cancelling asks
 * the worker to stop and terminates it if it has not ended within a grace period. Every ending, a
 * crash included, becomes an outcome: the promise never rejects.
 */
import { parentPort, type Worker } from 'node:worker_threads';
import { startWorker } from './start-worker';

/** A message on a job channel: numbered by its sender, from 1. */
export interface Sequenced {
  readonly seq: number;
  readonly type: string;
}

/** What the parent sends: the job, then perhaps a request to stop. */
export type JobParentMessage<TJob> = { readonly seq: number; readonly type: 'start'; readonly job: TJob } | { readonly seq: number; readonly type: 'cancel' };

/** A message before its sender numbers it. */
export type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Whether a value received on a port is a numbered message (ports carry `unknown`). */
export function isSequenced(value: unknown): value is { readonly seq: number; readonly type?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { seq?: unknown }).seq === 'number';
}

/** The check of each message type's own fields, by type: the whole shape of a message union. */
export type MessageChecks<T extends Sequenced> = { readonly [K in T['type']]: (message: Readonly<Record<string, unknown>>) => boolean };

/** Whether a value received on a port is a numbered message of one of the union's types, with its fields. */
export function isMessageOf<T extends Sequenced>(value: unknown, checks: MessageChecks<T>): value is T {
  if (!isSequenced(value) || typeof value.type !== 'string' || !Object.hasOwn(checks, value.type)) return false;
  return checks[value.type as T['type']](value as Readonly<Record<string, unknown>>);
}

/** Whether a field is error data as it crosses threads (an object with a string code). */
export function isErrorData(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/** A field check that accepts anything (a message type without fields worth checking). */
export const anyFields = (): boolean => true;

/** Whether a value is a parent message whose job passes `isJob`. */
export function isJobParentMessage<TJob>(value: unknown, isJob: (job: unknown) => job is TJob): value is JobParentMessage<TJob> {
  return isMessageOf<JobParentMessage<TJob>>(value, { start: (message) => isJob(message.job), cancel: anyFields });
}

/** A job check for jobs that are plain objects validated where they are used. */
export function isObjectJob<TJob extends object>(job: unknown): job is TJob {
  return typeof job === 'object' && job !== null;
}

/** Why a job ended without the worker's own final message. */
export type LostReason = 'malformed' | 'crashed' | 'ended' | 'cancelled';

/** What a job lost other than by cancelling says, in plain words, naming its worker ("The mail worker"). */
export function lostJobMessage(worker: string, reason: Exclude<LostReason, 'cancelled'>): string {
  switch (reason) {
    case 'malformed':
      return `${worker} sent a malformed or out-of-order message.`;
    case 'crashed':
      return `${worker} stopped unexpectedly.`;
    case 'ended':
      return `${worker} ended without a result.`;
  }
}

/** How to run one job (parent side). */
export interface JobWorkerOptions<TJob, TMessage extends Sequenced, TOutcome> {
  readonly workerFile: string;
  readonly job: TJob;
  readonly isMessage: (value: unknown) => value is TMessage;
  /** The outcome a worker message carries, or undefined for an event that does not end the job. */
  readonly outcomeOf: (message: TMessage) => TOutcome | undefined;
  readonly onEvent?: (message: TMessage) => void;
  /** The outcome when the worker breaks the protocol, crashes, ends silently, or ignores a cancel. */
  readonly lost: (reason: LostReason) => TOutcome;
  readonly signal?: AbortSignal;
  /** How long a cancelled worker may take to end on its own before it is terminated. */
  readonly cancelGraceMs: number;
}

/** The messages of a job that reports progress and ends with one `done` outcome (receive, import). */
type ProgressOrDone<TProgress, TOutcome> = { readonly type: 'progress'; readonly progress: TProgress } | { readonly type: 'done'; readonly outcome: TOutcome };

/**
 * `outcomeOf` and `onEvent` for a job whose worker sends progress and then one `done`: the outcome
 * ends the job, progress goes to `onProgress`.
 */
export function progressThenDone<TMessage extends ProgressOrDone<TProgress, TOutcome>, TProgress, TOutcome>(
  onProgress: ((progress: TProgress) => void) | undefined,
): Pick<JobWorkerOptions<unknown, TMessage & Sequenced, TOutcome>, 'outcomeOf' | 'onEvent'> {
  return {
    outcomeOf: (message) => (message.type === 'done' ? message.outcome : undefined),
    onEvent: (message) => {
      if (message.type === 'progress') onProgress?.(message.progress);
    },
  };
}

/** A running job. */
export interface JobHandle<TOutcome> {
  /** Settles when the job has ended; never rejects. */
  readonly outcome: Promise<TOutcome>;
  cancel(): void;
}

/** Starts a worker thread for one job. */
export function startJobWorker<TJob, TMessage extends Sequenced, TOutcome>(options: JobWorkerOptions<TJob, TMessage, TOutcome>): JobHandle<TOutcome> {
  const worker: Worker = startWorker(options.workerFile);
  let outgoing = 0;
  let incoming = 0;
  let settled = false;
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveOutcome: (outcome: TOutcome) => void = () => undefined;
  const outcome = new Promise<TOutcome>((resolve) => {
    resolveOutcome = resolve;
  });

  const send = (message: WithoutSeq<JobParentMessage<TJob>>): void => {
    outgoing += 1;
    worker.postMessage({ ...message, seq: outgoing });
  };
  const settle = (result: TOutcome): void => {
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
    graceTimer ??= setTimeout(() => settle(options.lost('cancelled')), options.cancelGraceMs);
  }

  worker.on('message', (value: unknown) => {
    if (!options.isMessage(value) || value.seq !== incoming + 1) {
      settle(options.lost('malformed'));
      return;
    }
    incoming = value.seq;
    const final = options.outcomeOf(value);
    if (final !== undefined) settle(final);
    else options.onEvent?.(value);
  });
  worker.on('error', () => settle(options.lost('crashed')));
  worker.on('exit', () => settle(options.lost('ended')));

  send({ type: 'start', job: options.job });
  if (options.signal?.aborted === true) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  return { outcome, cancel };
}

/** How a worker entry serves its one job (worker side). */
export interface ServeJobOptions<TJob, TEvent extends { readonly type: string }> {
  readonly name: string;
  readonly isParentMessage: (value: unknown) => value is JobParentMessage<TJob>;
  /** Runs the job, posting events as it goes, and returns the final event; must not reject. */
  readonly run: (job: TJob, post: (event: TEvent) => void, signal: AbortSignal) => Promise<TEvent>;
  /** An event reporting a problem with the parent's messages; absent: such messages are ignored. */
  readonly warning?: (text: string) => TEvent;
  /** The final event for a cancel that arrives before the job started; absent: nothing is sent. */
  readonly cancelledBeforeStart?: () => TEvent;
}

/** Serves one job on this worker thread's port, then closes it. */
export function serveJob<TJob, TEvent extends { readonly type: string }>(options: ServeJobOptions<TJob, TEvent>): void {
  const port = parentPort;
  if (port === null) throw new Error(`${options.name} must run as a worker thread.`);
  let outgoing = 0;
  let incoming = 0;
  let started = false;
  const controller = new AbortController();
  const post = (event: TEvent): void => {
    outgoing += 1;
    port.postMessage({ ...event, seq: outgoing });
  };

  port.on('message', (value: unknown) => {
    if (!options.isParentMessage(value) || value.seq !== incoming + 1) {
      if (options.warning !== undefined) post(options.warning('Ignored a malformed or out-of-order message from the parent.'));
      return;
    }
    incoming = value.seq;
    switch (value.type) {
      case 'start':
        if (started) {
          if (options.warning !== undefined) post(options.warning('A job is already running in this worker.'));
          return;
        }
        started = true;
        void options
          .run(value.job, post, controller.signal)
          .then(post)
          .finally(() => port.close());
        return;
      case 'cancel':
        controller.abort();
        if (!started && options.cancelledBeforeStart !== undefined) {
          post(options.cancelledBeforeStart());
          port.close();
        }
        return;
    }
  });
}
