/**
 * The parent side of the parse worker: one long-lived worker thread, requests answered in order.
 * `parse` fits the store's MessageParser, so `store.indexPending(parser.parse)` indexes new mail off
 * the main thread. If the worker dies (a message that exhausts it, a bug), the requests it held fail
 * and the next request starts a fresh worker, so one bad message never stops indexing for good.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { MailbagError } from '../../shared/errors';
import type { MessageParser, ParseResult } from '../storage/message-index';
import { isParseWorkerMessage, type ParseParentMessage, type Unsequenced } from './parse-messages';
import { startWorker, workerEntryFile } from './start-worker';

/** How long `close` waits for the worker to end on its own before terminating it. */
export const PARSE_WORKER_STOP_GRACE_MS = 5_000;

/** A running parse worker. */
export interface ParseWorkerClient {
  /** Parses raw messages in the worker. Rejects with a MailbagError if the worker fails or ends. */
  readonly parse: MessageParser;
  /** How many workers were started so far (1, plus one per replaced worker). */
  readonly startedWorkers: () => number;
  /** Stops the worker (pending requests are rejected); `parse` then rejects. */
  close(): Promise<void>;
  /** Ends the worker at once, without waiting for the request it is on (it only reads mail files). */
  terminate(): Promise<void>;
}

interface Pending {
  resolve(results: readonly ParseResult[]): void;
  reject(error: Error): void;
}

interface Running {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  outgoing: number;
  incoming: number;
  ended: boolean;
}

/** Starts the parse worker (`parse-worker` beside this module, source or built bundle). */
export function startParseWorker(workerFile: string = workerEntryFile('parse-worker')): ParseWorkerClient {
  let started = 0;
  let closed = false;
  let current = launch();

  function launch(): Running {
    started += 1;
    const running: Running = { worker: startWorker(workerFile), pending: new Map(), outgoing: 0, incoming: 0, ended: false };
    const failAll = (error: Error): void => {
      running.ended = true;
      for (const entry of running.pending.values()) entry.reject(error);
      running.pending.clear();
    };
    running.worker.on('message', (value: unknown) => {
      if (!isParseWorkerMessage(value) || value.seq !== running.incoming + 1) {
        failAll(new MailbagError('INTERNAL', 'The parser sent a message out of order.'));
        void running.worker.terminate();
        return;
      }
      running.incoming = value.seq;
      const entry = running.pending.get(value.replyTo);
      running.pending.delete(value.replyTo);
      switch (value.type) {
        case 'parsed':
          entry?.resolve(value.results);
          return;
        case 'failed':
          entry?.reject(MailbagError.fromData(value.error));
          return;
      }
    });
    running.worker.on('error', (error) => failAll(new MailbagError('INTERNAL', 'The parser stopped unexpectedly.', { cause: error })));
    running.worker.on('exit', () => failAll(new MailbagError('INTERNAL', 'The parser is not running.')));
    return running;
  }

  const post = (running: Running, message: Unsequenced<ParseParentMessage>): number => {
    running.outgoing += 1;
    running.worker.postMessage({ ...message, seq: running.outgoing });
    return running.outgoing;
  };

  const parse: MessageParser = (requests) => {
    if (closed) return Promise.reject(new MailbagError('INTERNAL', 'The parser is not running.'));
    if (current.ended) current = launch();
    const running = current;
    return new Promise((resolve, reject) => {
      const seq = post(running, { type: 'parse', requests });
      running.pending.set(seq, { resolve, reject });
    });
  };

  async function close(): Promise<void> {
    closed = true;
    const running = current;
    if (running.ended) return;
    const exited = new Promise<void>((resolve) => running.worker.once('exit', () => resolve()));
    post(running, { type: 'stop' });
    const timer = setTimeout(() => void running.worker.terminate(), PARSE_WORKER_STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  async function terminate(): Promise<void> {
    closed = true;
    if (!current.ended) await current.worker.terminate();
  }

  return { parse, startedWorkers: () => started, close, terminate };
}

/** Parse workers started by default: one per core, at most this many (indexing shares the machine). */
export const MAX_PARSE_WORKERS = 2;

/**
 * Several parse workers behind one MessageParser: each request is shared out among them (messages
 * dealt in turn, so sizes even out) and their answers joined, so indexing uses every core while the
 * calling thread only writes the results. Each worker keeps its own restart-on-failure behaviour.
 */
export function startParseWorkers(count: number = Math.max(1, Math.min(MAX_PARSE_WORKERS, availableParallelism())), workerFile?: string): ParseWorkerClient {
  const workers = Array.from({ length: Math.max(1, count) }, () => startParseWorker(workerFile));
  const parse: MessageParser = async (requests) => {
    const shares = workers.map((_, index) => requests.filter((_request, position) => position % workers.length === index));
    const answers = await Promise.all(shares.map((share, index) => (share.length === 0 ? [] : (workers[index] ?? workers[0])?.parse(share) ?? [])));
    return answers.flat();
  };
  return {
    parse,
    startedWorkers: () => workers.reduce((sum, worker) => sum + worker.startedWorkers(), 0),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
    terminate: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
