/**
 * The parent side of the parse worker: one long-lived worker thread (a request channel), requests
 * answered in order.
 * `parse` fits the store's MessageParser, so `store.indexPending(parser.parse)` indexes new mail off
 * the main thread. If the worker dies (a message that exhausts it, a bug), the requests it held fail
 * and the next request starts a fresh worker, so one bad message never stops indexing for good.
 */
import { availableParallelism } from 'node:os';
import { englishMessage, wordedError } from '../../shared/error-words';
import { MailbagError, type ErrorData } from '../../shared/errors';
import type { IndexRequest, MessageIndexer, MessageParser } from '../storage/message-index';
import {
  isParseWorkerMessage,
  type IndexTarget,
  type ParseParentMessage,
  type ParsePriority,
  type ParseWorkerData,
  type ParseWorkerMessage,
} from './parse-messages';
import { openRequestChannel } from './request-channel';
import { workerEntryFile } from './start-worker';

/** A running parse worker. */
export interface ParseWorkerClient {
  /** Parses raw messages in the worker. Rejects with a MailbagError if the worker fails or ends. */
  readonly parse: MessageParser;
  /** Parses raw messages in the worker and writes their results to `target` there; rejects like `parse`. */
  readonly indexer: (target: IndexTarget) => MessageIndexer;
  /** How many workers were started so far (1, plus one per replaced worker). */
  readonly startedWorkers: () => number;
  /** Stops the worker (pending requests are rejected); `parse` then rejects. */
  close(): Promise<void>;
  /** Ends the worker at once, without waiting for the request it is on (it only reads mail files). */
  terminate(): Promise<void>;
}

/**
 * A parse worker's error as thrown here: one said by a catalog message gets that message's English as
 * its message (the worker names the message only, so that it never loads the catalogs).
 */
function workerError(data: ErrorData): MailbagError {
  return MailbagError.fromData(data.words === undefined ? data : { ...data, message: englishMessage(data.words) });
}

/**
 * Starts the parse worker (`parse-worker` beside this module, source or built bundle); at `background`
 * priority its thread gives way to others (a download) whenever both want a core.
 */
export function startParseWorker(workerFile: string = workerEntryFile('parse-worker'), priority: ParsePriority = 'normal'): ParseWorkerClient {
  const workerData: ParseWorkerData = { priority };
  const channel = openRequestChannel<ParseParentMessage, ParseWorkerMessage>({
    workerFile,
    worker: 'parser',
    isReply: isParseWorkerMessage,
    startNow: true,
    workerData,
  });
  const parse: MessageParser = async (requests) => {
    const reply = await channel.request({ type: 'parse', requests });
    switch (reply.type) {
      case 'parsed':
        return reply.results;
      case 'indexed':
        throw wordedError('INTERNAL', { id: 'storageError.parserAnsweredCount' });
      case 'failed':
        throw workerError(reply.error);
    }
  };
  const indexer =
    (target: IndexTarget): MessageIndexer =>
    async (requests) => {
      const reply = await channel.request({ type: 'index', target, requests });
      switch (reply.type) {
        case 'indexed':
          return reply.applied;
        case 'parsed':
          throw wordedError('INTERNAL', { id: 'storageError.parserAnsweredResults' });
        case 'failed':
          throw workerError(reply.error);
      }
    };
  return { parse, indexer, startedWorkers: channel.startedWorkers, close: channel.close, terminate: channel.terminate };
}

/** Parse workers started by default: one per core, at most this many (indexing shares the machine). */
export const MAX_PARSE_WORKERS = 2;

/**
 * Several parse workers behind one MessageParser: each parse request is shared out among them
 * (messages dealt in turn, so sizes even out) and their answers joined, and each index call goes to the
 * least busy one, so indexing uses every core while the calling thread writes nothing. Each worker
 * keeps its own restart-on-failure behaviour.
 */
export function startParseWorkers(count: number = Math.max(1, Math.min(MAX_PARSE_WORKERS, availableParallelism())), workerFile?: string): ParseWorkerClient {
  const workers = Array.from({ length: Math.max(1, count) }, () => startParseWorker(workerFile));
  const parse: MessageParser = async (requests) => {
    const shares = workers.map((_, index) => requests.filter((_request, position) => position % workers.length === index));
    const answers = await Promise.all(shares.map((share, index) => (share.length === 0 ? [] : ((workers[index] ?? workers[0])?.parse(share) ?? []))));
    return answers.flat();
  };
  // Each call goes whole to the worker with the fewest calls in hand, which parses it and writes it in
  // its own transaction; the store hands out as many calls at once as there are workers, so one worker
  // writes while the others parse (SQLite lets one write at a time).
  const busy = workers.map(() => 0);
  const indexer = (target: IndexTarget): MessageIndexer => {
    const index = async (requests: readonly IndexRequest[]): Promise<number> => {
      const chosen = busy.indexOf(Math.min(...busy));
      const worker = workers[chosen] ?? workers[0];
      if (worker === undefined) return 0;
      busy[chosen] = (busy[chosen] ?? 0) + 1;
      try {
        return await worker.indexer(target)(requests);
      } finally {
        busy[chosen] = (busy[chosen] ?? 1) - 1;
      }
    };
    return Object.assign(index, { parallel: workers.length });
  };
  return {
    parse,
    indexer,
    startedWorkers: () => workers.reduce((sum, worker) => sum + worker.startedWorkers(), 0),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
    terminate: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
