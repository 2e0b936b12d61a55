/**
 * The parse worker: reads raw messages from the store's files and parses them (simple text messages
 * directly, the rest with mailparser), off the main thread (invariant 7). Asked to index, it also writes
 * the results to the store's database in its own connection and transaction, so the main thread does
 * not tokenize them. Requests are handled one at a time, in order. A worker started at background
 * priority lowers its own thread's (thread-priority.ts), so it gives way to a download.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MailbagError, toErrorData, type ErrorWords } from '../../shared/errors';
import { applyParseResults, type IndexRequest, type ParseRequest, type ParseResult } from '../storage/message-index';
import type { SqliteDatabase } from '../storage/database';
import { openWritingConnection } from '../storage/database-connection';
import { writeWhenFree, type BusyRetry } from '../storage/sqlite-busy';
import { isParseParentMessage, isParseWorkerData, type IndexTarget, type ParseWorkerMessage } from './parse-messages';
import type { WithoutSeq } from './job-channel';
import { parseStoredMessage } from '../jobs/parse/parse-message';
import { ReadingBuffer } from '../jobs/parse/stored-bytes';
import { lowerThreadPriority } from './thread-priority';

const port = parentPort;
if (port === null) throw new Error('parse-worker must run in a worker thread.');
if (isParseWorkerData(workerData) && workerData.priority === 'background') lowerThreadPriority();

let incoming = 0;
let outgoing = 0;
let queue: Promise<void> = Promise.resolve();

function send(message: WithoutSeq<ParseWorkerMessage>): void {
  outgoing += 1;
  port?.postMessage({ ...message, seq: outgoing });
}

/**
 * A storage error said by a catalog message, with the error under it as its detail. Its message is
 * only the message's id: the parent says it in English (parse-client.ts), so this worker never loads
 * the catalogs, which were most of its start (and indexing waits for the start).
 */
function storageError(words: ErrorWords, cause: unknown): MailbagError {
  return new MailbagError('STORAGE', words.id, { words, cause, detail: cause instanceof Error ? cause.message : String(cause) });
}

/** Messages are read into one buffer: requests are handled one at a time, and their messages one after another. */
const reading = new ReadingBuffer();

async function parseAll(requests: readonly ParseRequest[]): Promise<ParseResult[]> {
  const results: ParseResult[] = [];
  for (const request of requests) {
    try {
      results.push({ messageId: request.messageId, parsed: await parseStoredMessage(request.source, request.listed, reading) });
    } catch (error) {
      throw storageError({ id: 'storageError.messageUnreadable', values: { id: String(request.messageId) } }, error);
    }
  }
  return results;
}

/** The worker's own connection to the store's database, opened on the first batch it writes. */
let connection: { readonly file: string; readonly database: SqliteDatabase } | undefined;

function databaseOf(target: IndexTarget): SqliteDatabase {
  if (connection?.file !== target.databaseFile) {
    connection?.database.close();
    // The store's owner opened (and migrated) it before asking for an index.
    const database = openWritingConnection(target.databaseFile, target.nativeBinding === undefined ? {} : { nativeBinding: target.nativeBinding });
    connection = { file: target.databaseFile, database };
  }
  return connection.database;
}

/**
 * How a batch's write is tried again while SQLite answers busy: the parse workers write in turn, and
 * SQLite now and then answers a worker busy at once instead of waiting for the other's commit (several
 * times within seconds under load), or another connection holds the write lock past the busy timeout.
 * Giving up would stop the whole indexing run and leave new mail unsearchable until the next one, so
 * the write is tried again after a growing pause for a minute before the run stops.
 */
const WRITE_RETRY: BusyRetry = { withinMs: 60_000, firstPauseMs: 100, maxPauseMs: 2_000 };

/** Parses a batch and writes its results in one transaction of this worker's connection. */
async function indexAll(target: IndexTarget, requests: readonly IndexRequest[]): Promise<number> {
  const results = await parseAll(requests);
  const parsedSha256 = new Map(requests.map((request) => [request.messageId, request.sha256]));
  try {
    return await writeWhenFree(() => applyParseResults(databaseOf(target), results, Date.now(), parsedSha256), WRITE_RETRY);
  } catch (error) {
    throw storageError({ id: 'storageError.indexNotWritten' }, error);
  }
}

port.on('message', (value: unknown) => {
  if (!isParseParentMessage(value) || value.seq !== incoming + 1) {
    send({ type: 'failed', replyTo: incoming + 1, error: { code: 'INTERNAL', message: 'The parser received a message out of order.' } });
    port.close();
    return;
  }
  incoming = value.seq;
  switch (value.type) {
    case 'stop':
      queue = queue.then(() => {
        connection?.database.close();
        port.close();
      });
      return;
    case 'index': {
      const replyTo = value.seq;
      const { target, requests } = value;
      queue = queue.then(() =>
        indexAll(target, requests).then(
          (applied) => send({ type: 'indexed', replyTo, applied }),
          (error: unknown) => send({ type: 'failed', replyTo, error: toErrorData(error) }),
        ),
      );
      return;
    }
    case 'parse': {
      const replyTo = value.seq;
      queue = queue.then(() =>
        parseAll(value.requests).then(
          (results) => send({ type: 'parsed', replyTo, results }),
          (error: unknown) => send({ type: 'failed', replyTo, error: toErrorData(error) }),
        ),
      );
      return;
    }
  }
});
