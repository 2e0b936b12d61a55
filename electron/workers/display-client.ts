/**
 * The parent side of the display worker: one long-lived worker thread that reads messages for the
 * reader and extracts attachments. If it dies, its pending requests fail and the next request starts
 * a fresh one, so one hostile message never breaks the reader for good.
 */
import type { Worker } from 'node:worker_threads';
import { MailbagError } from '../../shared/errors';
import type { RawSource } from '../storage/raw-layout';
import type { AttachmentBytes, DisplayMessage } from '../jobs/display/display-message';
import { isDisplayReply, type DisplayReply, type DisplayRequest } from './display-protocol';
import { startWorker, workerEntryFile } from './start-worker';

/** How long `close` waits for the worker to end on its own before terminating it. */
export const DISPLAY_WORKER_STOP_GRACE_MS = 5_000;

/** A running display worker. */
export interface DisplayWorkerClient {
  /** A message for the reader; `maxParts` bounds the body parts sent (default MAX_DISPLAY_PARTS). */
  display(source: RawSource, maxParts?: number): Promise<DisplayMessage>;
  attachment(source: RawSource, index: number, maxBytes: number): Promise<AttachmentBytes>;
  close(): Promise<void>;
}

type Pending = (reply: DisplayReply) => void;

/** A request before its id is assigned (distributes over the union). */
type Unsent = Exclude<DisplayRequest, { type: 'stop' }> extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface Running {
  readonly worker: Worker;
  readonly pending: Map<number, { settle: Pending; fail: (error: Error) => void }>;
  ended: boolean;
}

function errorOf(reply: DisplayReply): MailbagError | undefined {
  if (reply.ok) return undefined;
  return MailbagError.fromData(reply.error);
}

/** Starts the display worker on first request (`display-worker` beside this module). */
export function createDisplayWorker(workerFile: string = workerEntryFile('display-worker')): DisplayWorkerClient {
  let current: Running | undefined;
  let nextId = 0;
  let closed = false;

  function launch(): Running {
    const running: Running = { worker: startWorker(workerFile), pending: new Map(), ended: false };
    const failAll = (error: Error): void => {
      running.ended = true;
      for (const entry of running.pending.values()) entry.fail(error);
      running.pending.clear();
    };
    running.worker.on('message', (value: unknown) => {
      if (!isDisplayReply(value)) {
        failAll(new MailbagError('INTERNAL', 'The message reader sent something unexpected.'));
        void running.worker.terminate();
        return;
      }
      const entry = running.pending.get(value.id);
      running.pending.delete(value.id);
      entry?.settle(value);
    });
    running.worker.on('error', (error) => failAll(new MailbagError('INTERNAL', 'The message reader stopped unexpectedly.', { cause: error })));
    running.worker.on('exit', () => failAll(new MailbagError('INTERNAL', 'The message reader is not running.')));
    return running;
  }

  function request(message: Unsent): Promise<DisplayReply> {
    if (closed) return Promise.reject(new MailbagError('INTERNAL', 'The message reader is not running.'));
    if (current === undefined || current.ended) current = launch();
    const running = current;
    nextId += 1;
    const id = nextId;
    return new Promise((resolve, reject) => {
      running.pending.set(id, { settle: resolve, fail: reject });
      running.worker.postMessage({ ...message, id });
    });
  }

  return {
    async display(source, maxParts) {
      const reply = await request(maxParts === undefined ? { type: 'display', source } : { type: 'display', source, maxParts });
      const error = errorOf(reply);
      if (error !== undefined) throw error;
      if (reply.ok && reply.type === 'display') return reply.value;
      throw new MailbagError('INTERNAL', 'The message reader answered the wrong request.');
    },
    async attachment(source, index, maxBytes) {
      const reply = await request({ type: 'attachment', source, index, maxBytes });
      const error = errorOf(reply);
      if (error !== undefined) throw error;
      if (reply.ok && reply.type === 'attachment') return reply.value;
      throw new MailbagError('INTERNAL', 'The message reader answered the wrong request.');
    },
    async close() {
      closed = true;
      const running = current;
      if (running === undefined || running.ended) return;
      const exited = new Promise<void>((resolve) => running.worker.once('exit', () => resolve()));
      running.worker.postMessage({ type: 'stop', id: 0 } satisfies DisplayRequest);
      const timer = setTimeout(() => void running.worker.terminate(), DISPLAY_WORKER_STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
