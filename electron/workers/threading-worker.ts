/**
 * The threading worker: works out the conversations of a folder set (RFC 5256 REFERENCES with the
 * subject fallback) from its own read-only connection to the database, off the main thread
 * (invariant 7), and hands the layout over without copying. Requests are handled one at a time, in
 * order; a request out of sequence ends the worker (the parent then fails what it was waiting for).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../shared/errors';
import { openDatabase, type SqliteDatabase } from '../storage/database';
import { computeThreadingLayout, layoutBuffers } from '../storage/thread-layout';
import type { WithoutSeq } from './job-channel';
import { isThreadingRequest, type ThreadingReply } from './threading-messages';

const port = parentPort;
if (port === null) throw new Error('threading-worker must run in a worker thread.');

let incoming = 0;
let outgoing = 0;
let open: { file: string; database: SqliteDatabase } | undefined;

function reply(unsequenced: WithoutSeq<ThreadingReply>): void {
  outgoing += 1;
  const message: ThreadingReply = { ...unsequenced, seq: outgoing };
  if (message.type === 'threaded') port?.postMessage(message, layoutBuffers(message.layout));
  else port?.postMessage(message);
}

function databaseAt(file: string, nativeBinding: string | undefined): SqliteDatabase {
  if (open?.file === file) return open.database;
  open?.database.close();
  open = { file, database: openDatabase(file, { readonly: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) }) };
  return open.database;
}

port.on('message', (value: unknown) => {
  if (!isThreadingRequest(value) || value.seq !== incoming + 1) {
    open?.database.close();
    port.close();
    return;
  }
  incoming = value.seq;
  switch (value.type) {
    case 'stop':
      open?.database.close();
      port.close();
      return;
    case 'thread':
      try {
        reply({ type: 'threaded', replyTo: value.seq, layout: computeThreadingLayout(databaseAt(value.databaseFile, value.nativeBinding), value.scope) });
      } catch (error) {
        reply({ type: 'failed', replyTo: value.seq, error: toErrorData(error) });
      }
      return;
  }
});
