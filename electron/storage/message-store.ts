/**
 * The local message store: raw bytes in pack files and large-message files (see raw-layout.ts), their
 * index in SQLite. It is one of several writers of a profile (receive workers, the main thread, a command
 * line): SQLite in WAL mode lets one write transaction through at a time, and only the holder of the
 * writer lock removes raw files nothing refers to.
 */
import { readReceiptAnswer, recordReadReceiptAnswer, type ReadReceiptAnswer } from './read-receipts';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { wordedError } from '../../shared/error-words';
import { syncDirectory } from './atomic-file';
import type { SqliteDatabase } from './database';
import { createFolder, ensureDefaultFolders, listFolderIdentities, listFolders, type FolderIdentity, type FolderSummary } from './folders';
import { MessageBatch, type BatchHost, type CommitEntry, type CommitOutcome, type ReleasedRaw } from './message-batch';
import {
  indexPendingMessages,
  RAW_ROW_SELECT,
  rawSourceOfRow,
  rebuildIndex,
  type IndexPace,
  type IndexReport,
  type MessageIndexer,
  type MessageParser,
  type RawRow,
} from './message-index';
import {
  findStoredCopies,
  getMessage,
  listMessages,
  moveMessages,
  setFlags,
  type FlagChanges,
  type MessageDetails,
  type MessagePage,
  type PageOptions,
} from './message-queries';
import { searchMessages, type SearchOptions, type SearchOutcome } from './message-search';
import type { RawBatchWriter } from './raw-batch';
import { LARGE_FOLDER, PACKS_FOLDER, type RawSource } from './raw-layout';
import { openRawSource } from './raw-read';
import { acquireWriterLock, releaseWriterLock } from './writer-lock';
import { collectGarbage, compactPacks, GARBAGE_MIN_AGE_MS, type CompactOptions, type CompactReport, type GarbageReport } from './raw-maintenance';

/** Folder of raw messages inside the profile directory. */
export const RAW_DIRECTORY_NAME = 'messages';

/** What the store needs to open. */
export interface MessageStoreOptions {
  /** The profile's database, already migrated (see openDatabase). */
  readonly database: SqliteDatabase;
  /** The raw folder, usually `<profile>/messages`; created if missing. */
  readonly rawDirectory: string;
  /**
   * False for an additional writer inside a process that already has the store open (a worker thread
   * shares the process id the writer lock records): it neither takes the lock nor collects garbage,
   * so it can never remove another thread's batch in progress. Default true.
   */
  readonly maintenance?: boolean;
}

/**
 * Opens the store: creates its folders (durably) and removes raw files that no committed row
 * references (what a crash in the middle of a batch leaves behind).
 */
export async function openMessageStore(options: MessageStoreOptions): Promise<MessageStore> {
  const { rawDirectory } = options;
  try {
    await fs.mkdir(rawDirectory, { recursive: true, mode: 0o700 });
    for (const folder of [PACKS_FOLDER, LARGE_FOLDER]) await fs.mkdir(path.join(rawDirectory, folder), { recursive: true, mode: 0o700 });
    await syncDirectory(rawDirectory);
    await syncDirectory(path.dirname(rawDirectory));
  } catch (error) {
    throw wordedError('STORAGE', { id: 'storageError.rawFolderNotCreated', values: { path: rawDirectory } }, { cause: error });
  }
  if (options.maintenance === false) return new MessageStore(options.database, rawDirectory, false);
  const lock = await acquireWriterLock(rawDirectory);
  const store = new MessageStore(options.database, rawDirectory, lock !== 'refused');
  // A lock just acquired means nobody else is writing, so every orphan may go (what a crash left);
  // a lock this process already held may have another thread's batch in progress.
  await store.collectGarbage(lock === 'acquired' ? { minimumAgeMs: 0 } : {});
  return store;
}

/** The store's operations. Reads are synchronous SQLite queries; anything touching raw files is async. */
export class MessageStore implements BatchHost {
  private readonly activeWriters = new Set<RawBatchWriter>();

  constructor(
    readonly database: SqliteDatabase,
    readonly rawDirectory: string,
    /** Whether this process holds the raw folder's writer lock (and so may collect garbage). */
    readonly holdsWriterLock: boolean,
  ) {}

  /** Aborts batches still open and gives back the writer lock. The database stays open (its owner closes it). */
  async close(): Promise<void> {
    for (const writer of [...this.activeWriters]) await writer.abort();
    this.activeWriters.clear();
    if (this.holdsWriterLock) await releaseWriterLock(this.rawDirectory);
  }

  /** Starts a batch of new messages (see MessageBatch: sinks, then one durable commit). */
  beginBatch(): MessageBatch {
    const batch = new MessageBatch(this);
    this.activeWriters.add(batch.writer);
    return batch;
  }

  /** Stores one message (a draft, a sent copy, an import): a batch of one. */
  async addMessage(entry: Omit<CommitEntry, 'message'>, source: Uint8Array | Readable): Promise<CommitOutcome> {
    const batch = this.beginBatch();
    let message;
    try {
      message = await batch.addMessage(source);
    } catch (error) {
      await batch.abort();
      throw wordedError('STORAGE', { id: 'storageError.messageNotSaved' }, { cause: error });
    }
    const [outcome] = await batch.commit([{ ...entry, message }]);
    if (outcome === undefined) throw wordedError('INTERNAL', { id: 'storageError.messageNotRecorded' });
    return outcome;
  }

  /** @internal Called by a batch when it is committed or aborted. */
  async batchEnded(writer: RawBatchWriter, released: readonly ReleasedRaw[]): Promise<void> {
    this.activeWriters.delete(writer);
    await writer.close();
    for (const { file } of released) await fs.rm(path.join(this.rawDirectory, file), { force: true });
  }

  /** Creates the built-in folders of an account (Inbox, Drafts, Outbox, Sent, Trash, Junk). */
  ensureDefaultFolders(accountId: string): void {
    ensureDefaultFolders(this.database, accountId);
  }

  /** Adds a user folder. */
  createFolder(accountId: string, name: string): number {
    return createFolder(this.database, accountId, name);
  }

  /** An account's folders with total and unread counts. */
  listFolders(accountId: string): FolderSummary[] {
    return listFolders(this.database, accountId);
  }

  /** An account's folders without counts (to find one quickly). */
  listFolderIdentities(accountId: string): FolderIdentity[] {
    return listFolderIdentities(this.database, accountId);
  }

  /** A page of a folder, newest first. */
  listMessages(folderId: number, options: PageOptions = {}): MessagePage {
    return listMessages(this.database, folderId, options);
  }

  /** One message's metadata; NOT_FOUND if it does not exist. */
  getMessage(messageId: number): MessageDetails {
    return getMessage(this.database, messageId);
  }

  /** Search in the search language: a page of results and the total, or the query's mistake. */
  search(text: string, options: SearchOptions = {}): SearchOutcome {
    return searchMessages(this.database, text, options);
  }

  /** Messages of the account with exactly these bytes (the duplicate safety net; see findStoredCopies). */
  findStoredCopies(accountId: string, size: number, sha256: string): number[] {
    return findStoredCopies(this.database, accountId, size, sha256);
  }

  /** The user's answer to the message's read-receipt request, or null while unanswered. */
  readReceiptAnswer(messageId: number): ReadReceiptAnswer | null {
    return readReceiptAnswer(this.database, messageId);
  }

  /** Records the answer to a read-receipt request once; false when it had been answered already. */
  recordReadReceiptAnswer(messageId: number, answer: ReadReceiptAnswer, at: number): boolean {
    return recordReadReceiptAnswer(this.database, messageId, answer, at);
  }

  /** Sets or clears flags. */
  setFlags(messageIds: readonly number[], changes: FlagChanges): number {
    return setFlags(this.database, messageIds, changes);
  }

  /** Moves messages to another folder of the same account. */
  moveMessages(messageIds: readonly number[], folderId: number): number {
    return moveMessages(this.database, messageIds, folderId);
  }

  /** Where a message's bytes are (for the parse worker or an export). */
  rawSource(messageId: number): RawSource {
    const row = this.database.prepare<[number], RawRow>(`${RAW_ROW_SELECT} where m.id = ?`).get(messageId);
    if (row === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noMessage', values: { id: String(messageId) } });
    return rawSourceOfRow(this.rawDirectory, row);
  }

  /** The message's raw bytes as a stream, exactly as received (export, "view source", the reader). */
  openRawMessage(messageId: number): Readable {
    return openRawSource(this.rawSource(messageId));
  }

  /** The message's raw bytes in memory; for small messages only (tests, previews). */
  async readRawMessage(messageId: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.openRawMessage(messageId)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /**
   * Removes messages from the store for good (emptying Trash). Journal rows keep their UIDL (the link
   * becomes null) so the server copies are never downloaded again. Large files are removed after the
   * commit; pack space is reclaimed later by `compact`.
   */
  async deleteMessagesPermanently(messageIds: readonly number[]): Promise<number> {
    const fileOf = this.database.prepare<[number], { raw_file: string | null }>('select raw_file from messages where id = ?');
    const remove = this.database.prepare('delete from messages where id = ?');
    const removeSearch = this.database.prepare('delete from message_search where rowid = ?');
    const removeCjkSearch = this.database.prepare('delete from message_search_cjk where rowid = ?');
    const files: string[] = [];
    let removed = 0;
    this.database
      .transaction(() => {
        for (const id of messageIds) {
          const row = fileOf.get(id);
          if (row === undefined) continue;
          if (row.raw_file !== null) files.push(row.raw_file);
          removeSearch.run(id);
          removeCjkSearch.run(id);
          removed += remove.run(id).changes;
        }
      })
      .immediate();
    for (const file of files) await fs.rm(path.join(this.rawDirectory, file), { force: true });
    if (files.length > 0) await syncDirectory(path.join(this.rawDirectory, LARGE_FOLDER));
    return removed;
  }

  /** Whether any message waits for the full-text index (a cheap look, so no parser starts for nothing). */
  hasUnindexed(): boolean {
    return this.database.prepare('select 1 from messages where indexed_at is null limit 1').get() !== undefined;
  }

  /**
   * Parses messages not yet indexed (new arrivals) with the given parser; with an indexer, that writes
   * the results itself, and the parser only isolates a message the indexer fails on. `pace` makes the
   * batches smaller (indexing beside a download) or stops taking them.
   */
  indexPending(parse: MessageParser, signal?: AbortSignal, indexer?: MessageIndexer, pace: IndexPace = {}): Promise<IndexReport> {
    return indexPendingMessages(this.database, this.rawDirectory, parse, pace.batchSize, signal, pace.batchBytes, indexer, pace.until);
  }

  /** Drops every derived row and rebuilds it from the raw bytes (`mailbag rebuild-index`). */
  rebuildIndex(parse: MessageParser, indexer?: MessageIndexer): Promise<IndexReport> {
    return rebuildIndex(this.database, this.rawDirectory, parse, indexer);
  }

  /**
   * Removes raw files no committed row references, except those of this store's batches in progress
   * and, unless told otherwise, those written in the last GARBAGE_MIN_AGE_MS (another thread's batch
   * may be in progress). Only the holder of the writer lock collects: another process may be writing.
   */
  async collectGarbage(options: { readonly minimumAgeMs?: number } = {}): Promise<GarbageReport> {
    if (!this.holdsWriterLock) return { removedFiles: [], removedBytes: 0 };
    const protectedFiles = new Set<string>();
    for (const writer of this.activeWriters) for (const file of writer.createdFiles) protectedFiles.add(file);
    return collectGarbage(this.database, this.rawDirectory, protectedFiles, options.minimumAgeMs ?? GARBAGE_MIN_AGE_MS);
  }

  /**
   * Reclaims the space of deleted messages in sparse packs, safely (copy, sync, commit, then remove).
   * Only the holder of the writer lock compacts.
   */
  async compact(options: CompactOptions = {}): Promise<CompactReport> {
    if (!this.holdsWriterLock) return { packsRemoved: 0, messagesMoved: 0, bytesReclaimed: 0 };
    return compactPacks(this.database, this.rawDirectory, options, (writer) => {
      this.activeWriters.add(writer);
      return () => this.activeWriters.delete(writer);
    });
  }

  /** Whether every raw file the database references exists and has the recorded size at least. */
  async checkRawFiles(): Promise<{ missing: string[] }> {
    const missing: string[] = [];
    const packs = this.database.prepare<[], { file_name: string }>('select file_name from raw_packs').all();
    for (const { file_name } of packs) if (!(await exists(path.join(this.rawDirectory, PACKS_FOLDER, file_name)))) missing.push(`${PACKS_FOLDER}/${file_name}`);
    const files = this.database.prepare<[], { raw_file: string }>('select raw_file from messages where raw_file is not null').all();
    for (const { raw_file } of files) if (!(await exists(path.join(this.rawDirectory, raw_file)))) missing.push(raw_file);
    return { missing };
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
