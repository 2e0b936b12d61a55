/**
 * A batch of new messages: raw bytes stream into a RawBatchWriter, then ONE commit makes them durable
 * (pack and large files fsynced, folders fsynced) and, in a single SQLite transaction, inserts the
 * messages and records each UIDL in the POP journal. Only after `commit` resolves may Send/Receive
 * send DELE for those UIDLs. A crash before the transaction leaves unreferenced files (removed by
 * garbage collection) and no journal rows, so the messages are simply downloaded again; a crash after
 * it leaves them stored and journaled, so they are not.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { wordedError } from '../../shared/error-words';
import { MailbagError } from '../../shared/errors';
import { cachedStatement } from './cached-statement';
import type { SqliteDatabase } from './database';
import { folderExists, folderIdForRole, isLocalFolder, type FolderRole } from './folders';
import { headerColumns, type HeaderColumns } from './header-columns';
import { threadKey } from './message-index';
import { STORED_STATES, type PopState } from './pop-journal';
import { MessageSink, RawBatchWriter } from './raw-batch';
import { packPath, type RawLocation, type WrittenMessage } from './raw-layout';
import { collectedHeaderSection } from './stored-header-section';

/** One message to commit. */
export interface CommitEntry {
  readonly accountId: string;
  /** A built-in folder by role, or any folder of the account by id. */
  readonly folder: FolderRole | { readonly folderId: number };
  /** The sink the bytes were written to (ended), or what it reported. */
  readonly message: MessageSink | WrittenMessage;
  /** The POP3 journal row to write in the same transaction (messages from the server). */
  readonly pop?: { readonly uidl: string; readonly state: Extract<PopState, 'downloaded' | 'headers-only'> };
  /** Only part of the message is stored (headers only, or cut at a size limit). */
  readonly partial?: boolean;
  /** When the message arrived here; defaults to now. */
  readonly receivedAt?: number;
  readonly seen?: boolean;
}

/** What became of one entry. */
export type CommitOutcome =
  | { readonly status: 'stored'; readonly messageId: number }
  /** A partial message (same UIDL) now has its full bytes; its flags and folder are kept. */
  | { readonly status: 'completed'; readonly messageId: number }
  /** The UIDL was already stored in full: nothing was added (no duplicate). */
  | { readonly status: 'already-stored'; readonly messageId: number | null };

/** Files to remove once a commit has replaced them (the raw file of a completed partial message). */
export type ReleasedRaw = { readonly file: string };

/** The store side a batch needs; implemented by MessageStore. */
export interface BatchHost {
  readonly database: SqliteDatabase;
  readonly rawDirectory: string;
  batchEnded(writer: RawBatchWriter, released: readonly ReleasedRaw[]): Promise<void>;
}

/** A batch of new messages: sinks for the raw bytes, then one durable commit (or an abort). */
export class MessageBatch {
  readonly writer: RawBatchWriter;

  constructor(private readonly host: BatchHost) {
    this.writer = new RawBatchWriter(host.rawDirectory);
  }

  /** A stream for one message's raw bytes (see MessageSink). */
  createMessageSink(): MessageSink {
    return this.writer.createMessageSink();
  }

  /** Writes a whole message from bytes or a stream. */
  addMessage(source: Parameters<RawBatchWriter['addMessage']>[0]): Promise<WrittenMessage> {
    return this.writer.addMessage(source);
  }

  /**
   * Makes the batch durable and records it: fsync of the raw files and folders, then one transaction
   * that inserts the messages and their journal rows. Resolves only after both, with one outcome per
   * entry in order. On failure nothing is recorded and the batch is aborted.
   */
  async commit(entries: readonly CommitEntry[], now = Date.now()): Promise<CommitOutcome[]> {
    let result: ReturnType<typeof recordEntries>;
    try {
      const written = await Promise.all(entries.map((entry) => (entry.message instanceof MessageSink ? finished(entry.message) : entry.message)));
      // Read while the files sync: the list columns go into the same transaction as the messages.
      const [columns] = await Promise.all([
        Promise.all(written.map((message) => (message.header === undefined ? undefined : headerColumns(message.header)))),
        this.writer.sync(),
      ]);
      await assertFilesExist(this.host.rawDirectory, written);
      result = this.host.database.transaction(() => recordEntries(this.host.database, entries, written, columns, now)).immediate();
      this.writer.markCommitted();
    } catch (error) {
      await this.abort();
      if (error instanceof MailbagError) throw error;
      throw wordedError('STORAGE', { id: 'storageError.newMessagesNotSaved' }, { cause: error, detail: describe(error) });
    }
    // Committed: from here on nothing may remove the batch's files; tidying up is best effort.
    await this.host.batchEnded(this.writer, result.released).catch(() => undefined);
    return result.outcomes;
  }

  /** Gives up the batch: nothing is recorded and the files it wrote are removed. */
  async abort(): Promise<void> {
    await this.writer.abort();
    await this.host.batchEnded(this.writer, []);
  }
}

/**
 * Checks, after the sync and before the commit, that every file the entries point to is there: a
 * commit must never record a location that another process's garbage collection removed.
 */
async function assertFilesExist(rawRoot: string, written: readonly WrittenMessage[]): Promise<void> {
  const files = new Set(
    written.map((message) => (message.location.kind === 'pack' ? packPath(rawRoot, message.location.packFile) : path.join(rawRoot, message.location.file))),
  );
  for (const file of files) await fs.stat(file);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function finished(sink: MessageSink): Promise<WrittenMessage> {
  if (!sink.writableEnded) throw wordedError('STORAGE', { id: 'storageError.committedIncomplete' });
  return sink.written;
}

function recordEntries(
  database: SqliteDatabase,
  entries: readonly CommitEntry[],
  written: readonly WrittenMessage[],
  columns: ReadonlyArray<HeaderColumns | undefined>,
  now: number,
): { outcomes: CommitOutcome[]; released: ReleasedRaw[] } {
  const packIds = new Map<string, number>();
  const insertPack = cachedStatement(
    database,
    'insert into raw_packs (file_name, created_at) values (?, ?) on conflict(file_name) do update set file_name = excluded.file_name returning id',
  );
  const packId = (file: string): number => {
    const known = packIds.get(file);
    if (known !== undefined) return known;
    const { id } = insertPack.get(file, now) as { id: number };
    packIds.set(file, id);
    return id;
  };
  // With the index columns the headers give; the full-text indexer (indexed_at still null) refines them.
  const insertMessage = cachedStatement(
    database,
    `insert into messages (account_id, folder_id, pack_id, pack_offset, raw_file, size, sha256, received_at, sort_date, partial, seen,
       subject, from_name, from_address, to_addresses, cc_addresses, date, message_id, in_reply_to, message_references, has_attachments, thread_key)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const completeMessage = cachedStatement(
    database,
    `update messages set pack_id = ?, pack_offset = ?, raw_file = ?, size = ?, sha256 = ?, partial = ?, indexed_at = null where id = ?`,
  );
  const previousRaw = cachedStatement<[number], { raw_file: string | null }>(database, 'select raw_file from messages where id = ?');
  const journal = cachedStatement<[string, string], { state: PopState; message_id: number | null }>(
    database,
    'select state, message_id from pop_journal where account_id = ? and uidl = ?',
  );
  const upsertJournal = cachedStatement(
    database,
    `insert into pop_journal (account_id, uidl, state, reason, message_id, size, first_seen_at, downloaded_at, updated_at)
     values (?, ?, ?, null, ?, ?, ?, ?, ?)
     on conflict (account_id, uidl) do update set state = excluded.state, reason = null, message_id = excluded.message_id,
       size = excluded.size, downloaded_at = excluded.downloaded_at, updated_at = excluded.updated_at`,
  );
  // Mail from the server waits for the junk filter and the rules, which read its header section: it is
  // kept now, from the bytes the sink collected, so filtering need not read the message again.
  const insertHeaders = cachedStatement(database, 'insert or ignore into message_headers (message_id, headers) values (?, ?)');
  const folders = new Map<string, number>();
  const folderOf = (entry: CommitEntry): number => {
    const key = `${entry.accountId}\u0000${typeof entry.folder === 'string' ? entry.folder : entry.folder.folderId}`;
    const known = folders.get(key);
    if (known !== undefined) return known;
    const folderId = typeof entry.folder === 'string' ? folderIdForRole(database, entry.accountId, entry.folder) : entry.folder.folderId;
    // A message may be filed in Local Folders (a folder of no account) and still belong to its account.
    if (!folderExists(database, folderId, entry.accountId) && !isLocalFolder(database, folderId))
      throw wordedError('NOT_FOUND', { id: 'storageError.folderNotOfAccount', values: { id: String(folderId) } });
    folders.set(key, folderId);
    return folderId;
  };
  const outcomes: CommitOutcome[] = [];
  const released: ReleasedRaw[] = [];
  entries.forEach((entry, index) => {
    const message = written[index];
    if (message === undefined) throw new Error('Missing written message.');
    const partial = entry.partial === true || entry.pop?.state === 'headers-only';
    const known = entry.pop === undefined ? undefined : journal.get(entry.accountId, entry.pop.uidl);
    if (known !== undefined && (STORED_STATES.includes(known.state) || (known.state === 'headers-only' && partial))) {
      outcomes.push({ status: 'already-stored', messageId: known.message_id });
      return;
    }
    const location = storageColumns(message.location, packId);
    let messageId: number;
    if (known?.state === 'headers-only' && known.message_id !== null) {
      messageId = known.message_id;
      const before = previousRaw.get(messageId);
      if (before?.raw_file !== null && before?.raw_file !== undefined) released.push({ file: before.raw_file });
      completeMessage.run(location.packId, location.offset, location.file, message.size, message.sha256, partial ? 1 : 0, messageId);
      outcomes.push({ status: 'completed', messageId });
    } else {
      const folderId = folderOf(entry);
      const receivedAt = entry.receivedAt ?? now;
      const listed = columns[index];
      const result = insertMessage.run(
        entry.accountId,
        folderId,
        location.packId,
        location.offset,
        location.file,
        message.size,
        message.sha256,
        receivedAt,
        listed?.date ?? receivedAt,
        partial ? 1 : 0,
        entry.seen === true ? 1 : 0,
        listed?.subject ?? null,
        listed?.from?.name ?? null,
        listed?.from?.address ?? null,
        listed === undefined ? null : JSON.stringify(listed.to),
        listed === undefined ? null : JSON.stringify(listed.cc),
        listed?.date ?? null,
        listed?.messageId ?? null,
        listed?.inReplyTo ?? null,
        listed === undefined ? null : JSON.stringify(listed.references),
        listed?.hasAttachments === true ? 1 : 0,
        listed === undefined ? null : threadKey(listed),
      );
      messageId = Number(result.lastInsertRowid);
      outcomes.push({ status: 'stored', messageId });
      const section = entry.pop === undefined || message.header === undefined ? undefined : collectedHeaderSection(message.header, message.size);
      if (section !== undefined) insertHeaders.run(messageId, section);
    }
    if (entry.pop !== undefined) {
      upsertJournal.run(entry.accountId, entry.pop.uidl, partial ? 'headers-only' : entry.pop.state, messageId, message.size, now, now, now);
    }
  });
  return { outcomes, released };
}

function storageColumns(location: RawLocation, packId: (file: string) => number): { packId: number | null; offset: number | null; file: string | null } {
  switch (location.kind) {
    case 'pack':
      return { packId: packId(location.packFile), offset: location.offset, file: null };
    case 'file':
      return { packId: null, offset: null, file: location.file };
  }
}
