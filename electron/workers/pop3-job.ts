/**
 * One POP3 retrieval job, as the worker runs it: connect, sign in, list, download what is new into
 * durable files, delete what the policy chose, QUIT. Reports everything as data through `report`;
 * knows nothing of threads, so it can run in a worker or directly in a test.
 */
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { toErrorData } from '../../shared/errors';
import { connectPop3, Pop3Error, type Pop3Session, type Pop3UidlEntry } from '../protocols/pop3';
import { DurableMessageFile, messageFileName } from './pop3-message-file';
import type {
  Pop3ErrorData,
  Pop3FailedMessage,
  Pop3JobPhase,
  Pop3JobResult,
  Pop3RetrievalJob,
  Pop3StoredMessage,
  Pop3WorkerEvent,
} from './pop3-messages';

/** Least time between two download progress reports. */
export const PROGRESS_INTERVAL_MS = 200;

/** Turns anything thrown into POP3 error data (unknown exceptions become INTERNAL without their text). */
export function pop3ErrorData(error: unknown): Pop3ErrorData {
  const base = toErrorData(error);
  if (error instanceof Pop3Error) {
    return {
      ...base,
      retryable: error.retryable,
      ...(error.responseCode === undefined ? {} : { responseCode: error.responseCode }),
      ...(error.certificateFingerprint256 === undefined ? {} : { certificateFingerprint256: error.certificateFingerprint256 }),
    };
  }
  return { ...base, retryable: false };
}

class ProgressReporter {
  private phase: Pop3JobPhase = 'connecting';
  private lastSent = 0;
  messagesDone = 0;
  messagesTotal = 0;
  bytesDone = 0;
  bytesTotal = 0;

  constructor(private readonly report: (event: Pop3WorkerEvent) => void) {}

  enter(phase: Pop3JobPhase): void {
    this.phase = phase;
    this.send();
  }

  /** Sends unless one was sent very recently; `force` always sends. */
  send(force = true): void {
    const now = Date.now();
    if (!force && now - this.lastSent < PROGRESS_INTERVAL_MS) return;
    this.lastSent = now;
    this.report({
      type: 'progress',
      progress: {
        phase: this.phase,
        messagesDone: this.messagesDone,
        messagesTotal: this.messagesTotal,
        bytesDone: this.bytesDone,
        bytesTotal: this.bytesTotal,
      },
    });
  }
}

async function sizesByNumber(session: Pop3Session): Promise<Map<number, number>> {
  try {
    return new Map((await session.list()).map((entry) => [entry.number, entry.size]));
  } catch (error) {
    if (error instanceof Pop3Error && session.state === 'transaction') return new Map();
    throw error;
  }
}

/**
 * Runs a job to its end. Resolves with the result after a successful QUIT; rejects with the error
 * that ended the session (already stored messages have been reported through `stored` events).
 */
export async function runPop3Job(
  job: Pop3RetrievalJob,
  report: (event: Pop3WorkerEvent) => void,
  signal: AbortSignal,
): Promise<Pop3JobResult> {
  const progress = new ProgressReporter(report);
  progress.enter('connecting');
  await mkdir(job.directory, { recursive: true });
  const session = await connectPop3({
    ...job.connection,
    signal,
    ...(job.transcript === true ? { transcript: (entry) => report({ type: 'transcript', entry }) } : {}),
  });
  try {
    progress.enter('authenticating');
    const { mechanism } = await session.authenticate(job.credentials);

    progress.enter('listing');
    const listing = await session.uidl();
    const sizes = await sizesByNumber(session);
    const duplicateUids = [...listing.duplicates];
    if (duplicateUids.length > 0) {
      report({ type: 'log', level: 'warn', text: `The server gives ${duplicateUids.length} unique-id(s) to several messages; those messages are left alone.` });
    }
    if (listing.invalid.length > 0) {
      report({ type: 'log', level: 'warn', text: `The server's UIDL listing has ${listing.invalid.length} line(s) that could not be understood; those messages are skipped.` });
    }
    const known = new Set(job.knownUids);
    const wanted = listing.entries
      .filter((entry) => !known.has(entry.uid) && !listing.duplicates.has(entry.uid))
      .slice(0, job.maxMessages ?? Number.POSITIVE_INFINITY);
    progress.messagesTotal = wanted.length;
    progress.bytesTotal = wanted.reduce((sum, entry) => sum + (sizes.get(entry.number) ?? 0), 0);

    progress.enter('retrieving');
    const stored: Pop3StoredMessage[] = [];
    const failed: Pop3FailedMessage[] = [];
    const openFiles = new Set<DurableMessageFile>();
    let bytesBefore = 0;
    const outcomes = await session.retrieveMany(
      wanted,
      (entry: Pop3UidlEntry) => {
        const file = new DurableMessageFile(path.join(job.directory, messageFileName(entry.uid)));
        openFiles.add(file);
        file.once('close', () => openFiles.delete(file));
        file.once('finish', () => {
          const message = { uid: entry.uid, number: entry.number, path: file.filePath, size: file.bytesWritten };
          stored.push(message);
          report({ type: 'stored', message });
          progress.messagesDone += 1;
          bytesBefore += file.bytesWritten;
          progress.bytesDone = bytesBefore;
          progress.send(false);
        });
        return file;
      },
      (update) => {
        progress.bytesDone = bytesBefore + update.bytes;
        progress.send(false);
      },
    ).catch(async (error: unknown) => {
      // A failed session destroys the file in progress; wait until its partial file is removed.
      await Promise.all([...openFiles].map((file) => (file.closed ? undefined : once(file, 'close').catch(() => undefined))));
      throw error;
    });
    for (const outcome of outcomes) {
      if (!outcome.ok) failed.push({ uid: outcome.item.uid, error: pop3ErrorData(outcome.error) });
    }

    const numbers = new Map(listing.entries.filter((entry) => !listing.duplicates.has(entry.uid)).map((entry) => [entry.uid, entry.number]));
    const toDelete = job.deleteUids.filter((uid) => numbers.has(uid));
    const missingDeleteUids = job.deleteUids.filter((uid) => !numbers.has(uid));
    const markedUids: string[] = [];
    if (toDelete.length > 0) {
      progress.enter('deleting');
      const deletions = await session.deleteMany(toDelete.map((uid) => numbers.get(uid) ?? 0));
      deletions.forEach((outcome, index) => {
        const uid = toDelete[index];
        if (uid === undefined) return;
        if (outcome.ok) markedUids.push(uid);
        else failed.push({ uid, error: pop3ErrorData(outcome.error) });
      });
    }

    progress.enter('quitting');
    await session.quit();
    return {
      mechanism,
      serverMessageCount: listing.entries.length,
      // Files finish (fsync) in parallel, so events come in finishing order; the result is in server order.
      stored: [...stored].sort((left, right) => left.number - right.number),
      failed,
      deletedUids: markedUids,
      duplicateUids,
      missingDeleteUids,
    };
  } finally {
    session.close();
  }
}
