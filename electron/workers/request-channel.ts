/**
 * The parent side of a long-lived worker that answers requests (the parse and display workers): one
 * worker thread at a time, each request numbered, each reply routed to its request by the number it
 * names. Messages carry a sequence number that grows by one per direction, so a lost, doubled or
 * reordered message is seen. If the worker dies or says something out of order, every request it
 * held fails with a MailbagError and the next request starts a fresh worker, so one message that
 * breaks a worker never stops the work for good.
 */
import type { Worker } from 'node:worker_threads';
import { wordedError } from '../../shared/error-words';
import type { WithoutSeq } from './job-channel';
import { startWorker } from './start-worker';

/** How long `close` waits for a worker to end on its own before terminating it. */
export const REQUEST_WORKER_STOP_GRACE_MS = 5_000;

/** A message to a worker: numbered in the parent's sequence; every worker also takes `{ type: 'stop' }`. */
export interface ChannelRequest {
  readonly seq: number;
  readonly type: string;
}

/** The message that asks a worker to finish what it holds and end. */
const STOP = { type: 'stop' } as const;

/** A message from a worker: numbered in its own sequence, naming the request it answers. */
export interface ChannelReply {
  readonly seq: number;
  readonly replyTo: number;
}

/**
 * The long-lived workers, as their errors name them: the parser, the message reader, the conversation
 * view; any other is "a background worker".
 */
export type WorkerKind = 'parser' | 'reader' | 'conversations' | 'background';

/** What a channel needs to know of its worker. */
export interface RequestChannelOptions<Reply extends ChannelReply> {
  readonly workerFile: string;
  /** Which worker it is, so its errors name it in the reader's language (the catalog's `storageError.worker…`). */
  readonly worker: WorkerKind;
  /** Checks a reply's shape (the parent trusts nothing it did not check). */
  readonly isReply: (value: unknown) => value is Reply;
  /** Start the first worker now rather than on the first request. */
  readonly startNow?: boolean;
  /** What every worker of the channel is started with (`workerData`: plain data). */
  readonly workerData?: unknown;
}

/** A long-lived worker that answers requests. */
export interface RequestChannel<Request extends ChannelRequest, Reply extends ChannelReply> {
  /** Sends a request; resolves with its reply, rejects (INTERNAL) if the worker fails or ends first. */
  request(message: WithoutSeq<Request>): Promise<Reply>;
  /** How many workers were started so far. */
  startedWorkers(): number;
  /** Asks the worker to stop (terminating it after the grace time); requests then reject. */
  close(): Promise<void>;
  /** Ends the worker at once; requests then reject. */
  terminate(): Promise<void>;
}

interface Running<Reply> {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>;
  outgoing: number;
  incoming: number;
  ended: boolean;
}

/** Opens a channel to a worker of `workerFile`. */
export function openRequestChannel<Request extends ChannelRequest, Reply extends ChannelReply>(
  options: RequestChannelOptions<Reply>,
  stopGraceMs: number = REQUEST_WORKER_STOP_GRACE_MS,
): RequestChannel<Request, Reply> {
  const { worker } = options;
  let started = 0;
  let closed = false;
  let current: Running<Reply> | undefined;

  function launch(): Running<Reply> {
    started += 1;
    const running: Running<Reply> = {
      worker: startWorker(options.workerFile, options.workerData === undefined ? {} : { workerData: options.workerData }),
      pending: new Map(),
      outgoing: 0,
      incoming: 0,
      ended: false,
    };
    const failAll = (error: Error): void => {
      running.ended = true;
      for (const entry of running.pending.values()) entry.reject(error);
      running.pending.clear();
    };
    running.worker.on('message', (value: unknown) => {
      if (!options.isReply(value) || value.seq !== running.incoming + 1) {
        failAll(wordedError('INTERNAL', { id: 'storageError.workerOutOfOrder', values: { worker } }));
        void running.worker.terminate();
        return;
      }
      running.incoming = value.seq;
      const entry = running.pending.get(value.replyTo);
      running.pending.delete(value.replyTo);
      entry?.resolve(value);
    });
    running.worker.on('error', (error) => failAll(wordedError('INTERNAL', { id: 'storageError.workerStopped', values: { worker } }, { cause: error })));
    running.worker.on('exit', () => failAll(wordedError('INTERNAL', { id: 'storageError.workerNotRunning', values: { worker } })));
    return running;
  }

  const post = (running: Running<Reply>, message: WithoutSeq<Request> | typeof STOP): number => {
    running.outgoing += 1;
    running.worker.postMessage({ ...message, seq: running.outgoing });
    return running.outgoing;
  };

  if (options.startNow === true) current = launch();

  return {
    request(message) {
      if (closed) return Promise.reject(wordedError('INTERNAL', { id: 'storageError.workerNotRunning', values: { worker } }));
      if (current === undefined || current.ended) current = launch();
      const running = current;
      return new Promise<Reply>((resolve, reject) => {
        const seq = post(running, message);
        running.pending.set(seq, { resolve, reject });
      });
    },
    startedWorkers: () => started,
    async close() {
      closed = true;
      const running = current;
      if (running === undefined || running.ended) return;
      const exited = new Promise<void>((resolve) => running.worker.once('exit', () => resolve()));
      post(running, STOP);
      const timer = setTimeout(() => void running.worker.terminate(), stopGraceMs);
      await exited;
      clearTimeout(timer);
    },
    async terminate() {
      closed = true;
      if (current !== undefined && !current.ended) await current.worker.terminate();
    },
  };
}
