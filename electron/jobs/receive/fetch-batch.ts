/**
 * One batch of a receive run: stream the batch's messages (RETR, or TOP for headers only) into the
 * store's sinks, then make them durable with ONE commit (one fsync pass, one SQLite transaction that
 * also writes their journal rows). Only what this returns as committed may ever be deleted on the
 * server (architecture invariant 1). A session that fails mid-batch still has its complete messages
 * committed, so a dropped connection costs no work that was already done, and never a half message.
 */
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { wordedError } from '../../../shared/error-words';
import { MailbagError, toErrorData } from '../../../shared/errors';
import type { Pop3Session } from '../../protocols/pop3';
import type { SqliteDatabase } from '../../storage/database';
import type { CommitEntry, CommitOutcome } from '../../storage/message-batch';
import { contentKey, storedContents } from '../../storage/message-queries';
import { getPopJournalEntries, STORED_STATES } from '../../storage/pop-journal';
import type { MessageSink } from '../../storage/raw-batch';
import type { WrittenMessage } from '../../storage/raw-layout';
import type { FetchItem } from './receive-plan';
import type { ReceiveMessageError } from './receive-types';

/** The part of a store batch a receive run uses (tests substitute failing ones). */
export interface ReceiveBatch {
  createMessageSink(): MessageSink;
  commit(entries: readonly CommitEntry[], now?: number): Promise<CommitOutcome[]>;
  abort(): Promise<void>;
}

/** The part of the message store a receive run uses. */
export interface ReceiveStore {
  readonly database: SqliteDatabase;
  beginBatch(): ReceiveBatch;
}

/** A message of the batch that is now durably here, with the identity its journal row has. */
export interface CommittedMessage {
  readonly item: FetchItem;
  readonly uidl: string;
  readonly outcome: CommitOutcome;
}

/** What a batch achieved. */
export interface BatchResult {
  readonly committed: readonly CommittedMessage[];
  /** Identical bytes were already stored without a journal row for this identity: not stored again. */
  readonly duplicates: ReadonlyArray<{ readonly item: FetchItem; readonly uidl: string; readonly size: number }>;
  /** Messages whose identity (by content, for servers without UIDL) the journal already holds. */
  readonly known: ReadonlyArray<{ readonly item: FetchItem; readonly uidl: string }>;
  readonly errors: readonly ReceiveMessageError[];
  /** The error that ended the session during the batch, rethrown by the caller after the commit. */
  readonly sessionError: unknown;
}

/** Identity of a message on a server without UIDL: its content (SHA-256 and size). */
export function contentIdentity(message: Pick<WrittenMessage, 'sha256' | 'size'>): string {
  return `content:${message.sha256}:${message.size}`;
}

/** Settles with the written message, or undefined if the sink did not receive the whole message. */
async function completeMessage(sink: MessageSink): Promise<WrittenMessage | undefined> {
  if (sink.errored !== null || !sink.writableEnded) {
    sink.destroy();
    return undefined;
  }
  try {
    if (!sink.writableFinished) await finished(sink as Writable);
    return await sink.written;
  } catch {
    return undefined;
  }
}

/** Options of `fetchBatch`. */
export interface FetchBatchOptions {
  readonly session: Pop3Session;
  readonly store: ReceiveStore;
  readonly accountId: string;
  readonly items: readonly FetchItem[];
  /** Called as message bytes arrive: position in `items` and bytes of that message so far. */
  readonly onBytes: (index: number, bytes: number) => void;
  /** The time recorded as first seen and downloaded. */
  readonly now: number;
}

/** A batch whose messages have been streamed into its sinks, not yet committed. */
export interface DownloadedBatch {
  readonly options: FetchBatchOptions;
  readonly batch: ReceiveBatch;
  readonly sinks: ReadonlyMap<FetchItem, MessageSink>;
  readonly errors: readonly ReceiveMessageError[];
  /** The error that ended the session during the download, if any. */
  readonly sessionError: unknown;
}

/** Fetches and commits one batch (see the module comment). Rejects only if the commit itself fails. */
export async function fetchBatch(options: FetchBatchOptions): Promise<BatchResult> {
  return commitBatch(await downloadBatch(options));
}

/**
 * Streams one batch's messages into a new store batch, committing nothing: a receive run downloads the
 * next batch this way while the one before is being committed. Never rejects.
 */
export async function downloadBatch(options: FetchBatchOptions): Promise<DownloadedBatch> {
  const { session, store, items } = options;
  const batch = store.beginBatch();
  const sinks = new Map<FetchItem, MessageSink>();
  const errors: ReceiveMessageError[] = [];
  let sessionError: unknown;
  try {
    const outcomes = await session.retrieveMany(
      items,
      (item) => {
        const sink = batch.createMessageSink();
        sink.on('error', () => undefined); // reported through the batch outcome
        sinks.set(item, sink);
        return sink;
      },
      (progress) => options.onBytes(progress.index, progress.bytes),
    );
    for (const outcome of outcomes) {
      if (!outcome.ok) errors.push({ uidl: outcome.item.uidl, error: outcome.error.toData() });
    }
  } catch (error) {
    sessionError = error;
  }
  return { options, batch, sinks, errors, sessionError };
}

/**
 * Commits a downloaded batch: the complete messages that are neither known nor duplicates of stored
 * ones (looked up now, so a batch committed just before counts) in one commit. Rejects only if the
 * commit itself fails.
 */
export async function commitBatch(downloaded: DownloadedBatch): Promise<BatchResult> {
  const { options, batch, sinks, sessionError } = downloaded;
  const { store, accountId, items } = options;
  const errors = [...downloaded.errors];
  const entries: CommitEntry[] = [];
  const pending: Array<{ item: FetchItem; uidl: string }> = [];
  const duplicates: Array<{ item: FetchItem; uidl: string; size: number }> = [];
  const known: Array<{ item: FetchItem; uidl: string }> = [];
  const batchFingerprints = new Set<string>();
  const complete: Array<{ item: FetchItem; sink: MessageSink; written: WrittenMessage; uidl: string }> = [];
  for (const item of items) {
    const sink = sinks.get(item);
    if (sink === undefined) continue;
    const written = await completeMessage(sink);
    if (written === undefined) continue;
    complete.push({ item, sink, written, uidl: item.uidl === '' ? contentIdentity(written) : item.uidl });
  }
  // Looked up for the whole batch at once (one query each, not two per message), after every message
  // is complete, so a batch committed while they completed counts.
  const checked = complete.filter((each) => each.item.kind !== 'complete');
  const journal = getPopJournalEntries(
    store.database,
    accountId,
    checked.map((each) => each.uidl),
  );
  const stored = storedContents(
    store.database,
    accountId,
    checked.map((each) => each.written),
  );
  for (const { item, sink, written, uidl } of complete) {
    const fingerprint = contentIdentity(written);
    if (item.kind !== 'complete') {
      const row = journal.get(uidl);
      if (row !== undefined && STORED_STATES.includes(row.state)) {
        known.push({ item, uidl });
        continue;
      }
    }
    // The safety net for a lost or restored journal: identical bytes already here (a full message, or
    // the same header block from an earlier headers-only fetch) are skipped, never stored twice.
    if (item.kind !== 'complete' && (batchFingerprints.has(fingerprint) || stored.has(contentKey(written)))) {
      duplicates.push({ item, uidl, size: written.size });
      continue;
    }
    batchFingerprints.add(fingerprint);
    entries.push({ accountId, folder: 'inbox', message: sink, pop: { uidl, state: item.kind === 'headers' ? 'headers-only' : 'downloaded' } });
    pending.push({ item, uidl });
  }

  if (entries.length === 0) {
    await batch.abort();
    return { committed: [], duplicates, known, errors, sessionError };
  }
  let outcomes: CommitOutcome[];
  try {
    outcomes = await batch.commit(entries, options.now);
  } catch (error) {
    await batch.abort().catch(() => undefined);
    if (error instanceof MailbagError) throw error;
    throw wordedError('STORAGE', { id: 'storageError.newMessagesNotSaved' }, { cause: error, detail: toErrorData(error).message });
  }
  const committed = pending.map((each, index): CommittedMessage => {
    const outcome = outcomes[index];
    if (outcome === undefined) throw wordedError('INTERNAL', { id: 'storageError.batchIncomplete' });
    return { ...each, outcome };
  });
  return { committed, duplicates, known, errors, sessionError };
}
