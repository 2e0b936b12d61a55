/**
 * The derived part of the store: index columns of `messages`, attachment metadata and the full-text
 * index, all computed from the raw bytes by a parser (the parse worker) and rebuildable at any time.
 * Storage does not start the parser itself: it is handed a `MessageParser` function.
 */
import { MailbagError } from '../../shared/errors';
import type { AddressView, AttachmentView } from '../../shared/mail';
import type { SqliteDatabase } from './database';
import { LARGE_FOLDER, packPath, type RawSource } from './raw-layout';
import path from 'node:path';
import { cachedStatement } from './cached-statement';
import { cjkIndexText } from './cjk-search';
import { LISTED_COLUMNS_SELECT, listedColumnsOfRow, type ListedColumns, type ListedColumnsRow } from './listed-columns';

/** Why a message was indexed only in part (shown as a clear flag, never hidden). */
export type ParseProblem =
  /** A header section is larger than the parser's limit: only what fits was read. */
  | 'header-too-large'
  /** More MIME parts than the limit: the body was not parsed. */
  | 'too-many-parts'
  /** MIME nesting deeper than the limit: the body was not parsed. */
  | 'too-deep'
  /** The parser failed: the message is listed and exportable as raw, with whatever headers were read. */
  | 'unparseable'
  /** The body text is longer than what the full-text index keeps. */
  | 'text-truncated';

/** A mailbox address as shown (`name` may be empty): the contract's AddressView. */
export type MailAddress = AddressView;

/** Metadata of one attachment (its bytes stay in the raw message): the contract's AttachmentView without the reader's index. */
export type AttachmentInfo = Omit<AttachmentView, 'index'>;

/** What the parser derives from one raw message. */
export interface ParsedMessage {
  readonly subject: string | null;
  readonly from: MailAddress | null;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  /** The Date header in milliseconds since the epoch, when present and valid. */
  readonly date: number | null;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** Plain body text for the full-text index (bounded). */
  readonly text: string;
  readonly snippet: string;
  readonly attachments: readonly AttachmentInfo[];
  readonly problems: readonly ParseProblem[];
}

/** One message for the parser to read. */
export interface ParseRequest {
  readonly messageId: number;
  readonly source: RawSource;
  /** The header columns its batch commit wrote, when it did: the parser need not read them again. */
  readonly listed?: ListedColumns;
}

/** The parser's answer for one message. */
export interface ParseResult {
  readonly messageId: number;
  readonly parsed: ParsedMessage;
}

/** Parses raw messages (the parse worker's client implements it). */
export type MessageParser = (requests: readonly ParseRequest[]) => Promise<readonly ParseResult[]>;

/** One message for an indexer: where its bytes are, and their hash when they were read for it. */
export interface IndexRequest extends ParseRequest {
  readonly sha256: string;
}

/**
 * Parses raw messages and writes their results itself (`applyParseResults` in its own connection and
 * transaction), so the thread that owns the store neither holds the results nor tokenizes them; the
 * parse workers implement it. Resolves with how many results were applied.
 */
export type MessageIndexer = ((requests: readonly IndexRequest[]) => Promise<number>) & {
  /**
   * How many calls it serves at once (one per parse worker; default 1): a batch is then handed out in
   * as many parts, each to a worker of its own, and a worker that is done takes the next part at once.
   */
  readonly parallel?: number;
};

/** What is stored for a message the parser could not handle at all. */
export const UNPARSEABLE: ParsedMessage = {
  subject: null,
  from: null,
  to: [],
  cc: [],
  date: null,
  messageId: null,
  inReplyTo: null,
  references: [],
  text: '',
  snippet: '',
  attachments: [],
  problems: ['unparseable'],
};

function isStorageError(error: unknown): boolean {
  return error instanceof MailbagError && error.code === 'STORAGE';
}

/**
 * Most messages handed to the parser at a time (shared among its workers), and so full-text rows
 * written per transaction: each commit leaves a new segment in every full-text index for SQLite to
 * merge later, so 1,000 rows a commit cost a quarter less to write than 200 (measured on 10,000 small
 * messages); {@link INDEX_BATCH_BYTES} keeps a batch of large mail small.
 */
export const INDEX_BATCH_SIZE = 1_000;
/** Most stored bytes one batch may hold (but always one message): the bound on what a batch keeps in memory. */
const INDEX_BATCH_BYTES = 32 * 1024 * 1024;

/** How an indexing run takes its batches, when not at full pace. */
export interface IndexPace {
  /** Most messages a batch (and so a write transaction) holds. */
  readonly batchSize?: number;
  /** Most stored bytes a batch holds (but always one message). */
  readonly batchBytes?: number;
  /**
   * Asked before each batch is taken: once it says true, the run takes no more (the batch under way is
   * still written) and what waits is left to the next run.
   */
  readonly until?: () => boolean;
}

/**
 * The pace of indexing beside a download: batches as small as a receive batch, so each write
 * transaction is short (about a tenth of a second for 250 messages) and a receive commit that waits
 * for it waits little; at full pace a transaction of 1,000 messages holds the write lock for half a
 * second.
 */
export const BESIDE_DOWNLOAD_PACE = { batchSize: 250, batchBytes: 8 * 1024 * 1024 } as const satisfies IndexPace;

const SUBJECT_PREFIX = /^\s*((re|fwd?|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

/**
 * The thread a message belongs to: the first Message-ID of References (the thread's root, RFC 5322
 * §3.6.4), else In-Reply-To, else its own Message-ID, else its subject without reply prefixes.
 */
export function threadKey(parsed: Pick<ParsedMessage, 'references' | 'inReplyTo' | 'messageId' | 'subject'>): string | null {
  const root = parsed.references[0] ?? parsed.inReplyTo ?? parsed.messageId;
  if (root !== null && root !== undefined && root.length > 0) return `id:${root}`;
  const subject = (parsed.subject ?? '').replace(SUBJECT_PREFIX, '').trim().toLowerCase();
  return subject.length > 0 ? `subject:${subject}` : null;
}

/** The columns `RAW_ROW_SELECT` selects. */
export interface RawRow {
  id: number;
  file_name: string | null;
  pack_offset: number | null;
  raw_file: string | null;
  size: number;
  sha256: string;
}

/** Where to read a message's bytes, from its row. */
export function rawSourceOfRow(rawRoot: string, row: RawRow): RawSource {
  if (row.file_name !== null && row.pack_offset !== null)
    return { kind: 'pack', path: packPath(rawRoot, row.file_name), offset: row.pack_offset, size: row.size };
  if (row.raw_file !== null && row.raw_file.startsWith(`${LARGE_FOLDER}/`)) return { kind: 'file', path: path.join(rawRoot, row.raw_file), size: row.size };
  throw new Error(`Message ${row.id} has no raw location.`);
}

/** The SQL that selects what `rawSourceOfRow` needs. */
export const RAW_ROW_SELECT = 'select m.id, p.file_name, m.pack_offset, m.raw_file, m.size, m.sha256 from messages m left join raw_packs p on p.id = m.pack_id';

function addresses(list: readonly MailAddress[]): string {
  return JSON.stringify(list);
}

function searchAddresses(parsed: ParsedMessage): string {
  return [parsed.from, ...parsed.to, ...parsed.cc]
    .filter((address): address is MailAddress => address !== null)
    .map((address) => `${address.name} ${address.address}`.trim())
    .join(' ');
}

/** The From, To and Cc full-text indexes (migration 011), in the order of `addressIndexTexts`. */
const ADDRESS_INDEXES = ['message_from_search', 'message_to_search', 'message_cc_search'] as const;

/** One address as words for its index: its name, then its address (as migration 011 wrote it). */
function addressWords(address: MailAddress | null): string {
  return `${address?.name ?? ''} ${address?.address ?? ''}`;
}

/** The text of a message's From, To and Cc index rows, the same words migration 011's trigger reads from its columns. */
function addressIndexTexts(parsed: ParsedMessage): readonly string[] {
  return [addressWords(parsed.from), parsed.to.map(addressWords).join(' '), parsed.cc.map(addressWords).join(' ')];
}

/** The values written to a message's row, by name (one object serves every statement of the row). */
interface RowValues {
  readonly id: number;
  /** The hash of the bytes that were parsed, or null to write whatever the row holds. */
  readonly sha256: string | null;
  readonly now: number;
  readonly subject: string | null;
  readonly date: number | null;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: string;
  readonly snippet: string;
  readonly hasAttachments: 0 | 1;
  readonly threadKey: string | null;
  readonly problems: string | null;
  readonly fromName: string | null;
  readonly fromAddress: string | null;
  readonly to: string;
  readonly cc: string;
}

/** Everything written for one parse result, worked out before the write transaction begins. */
interface ResultRows {
  readonly result: ParseResult;
  readonly values: RowValues;
  /** The From, To and Cc index rows' texts (as `addressIndexTexts`). */
  readonly addressTexts: readonly string[];
  /** The main index row's addresses column, and the CJK index row ('' for none). */
  readonly searchAddresses: string;
  readonly cjk: string;
}

function resultRows(result: ParseResult, now: number, sha256: string | null): ResultRows {
  const { parsed } = result;
  const searchAddressText = searchAddresses(parsed);
  return {
    result,
    values: {
      id: result.messageId,
      sha256,
      now,
      subject: parsed.subject,
      date: parsed.date,
      messageId: parsed.messageId,
      inReplyTo: parsed.inReplyTo,
      references: JSON.stringify(parsed.references),
      snippet: parsed.snippet,
      hasAttachments: parsed.attachments.length > 0 ? 1 : 0,
      threadKey: threadKey(parsed),
      problems: parsed.problems.length > 0 ? JSON.stringify(parsed.problems) : null,
      fromName: parsed.from?.name ?? null,
      fromAddress: parsed.from?.address ?? null,
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
    },
    addressTexts: addressIndexTexts(parsed),
    searchAddresses: searchAddressText,
    cjk: cjkIndexText(parsed.subject ?? '', searchAddressText, parsed.text),
  };
}

/**
 * Stores parser results: index columns, attachments and the full-text row of each message. With
 * `parsedSha256`, a result is dropped if the message's bytes changed while it was being parsed (a
 * partial message completed meanwhile); the message then stays waiting for the parser. Returns how
 * many results were applied. Everything but SQLite's own work (the values as JSON, the thread key,
 * the address and CJK texts) is worked out before the write transaction begins, and the statements
 * are kept per connection: two parse workers take the write lock in turn, so what is done while
 * holding it is what the other waits for.
 */
export function applyParseResults(
  database: SqliteDatabase,
  results: readonly ParseResult[],
  now = Date.now(),
  parsedSha256?: ReadonlyMap<number, string>,
): number {
  // New mail first: the batch commit wrote its header columns from the same header section, so the
  // parser mostly reads them alike. Writing a column rewrites every index on it, even with the value it
  // holds (the date's four list and search indexes, the Message-ID's, the thread's, and the trigger
  // that rewrites the From, To and Cc index rows), so a row whose columns already hold what was parsed
  // gets only what the parser adds; any other row is written in full below.
  const updateNew = cachedStatement<[RowValues], unknown>(
    database,
    `update messages set indexed_at = @now, snippet = @snippet, parse_problems = @problems
     where id = @id and sha256 = coalesce(@sha256, sha256)
       and subject is @subject and date is @date and sort_date = coalesce(@date, received_at) and message_id is @messageId
       and in_reply_to is @inReplyTo and message_references is @references and has_attachments = @hasAttachments
       and thread_key is @threadKey and from_name is @fromName and from_address is @fromAddress and to_addresses is @to
       and cc_addresses is @cc`,
  );
  const update = cachedStatement<[RowValues], unknown>(
    database,
    `update messages set indexed_at = @now, subject = @subject,
       date = @date, sort_date = coalesce(@date, received_at), message_id = @messageId, in_reply_to = @inReplyTo,
       message_references = @references, snippet = @snippet, has_attachments = @hasAttachments, thread_key = @threadKey,
       parse_problems = @problems
     where id = @id and sha256 = coalesce(@sha256, sha256)`,
  );
  // The address columns apart, and only when one differs: writing them fires the trigger that rewrites
  // the From, To and Cc index rows (three contentless-delete deletes and inserts).
  const updateAddresses = cachedStatement<[RowValues], unknown>(
    database,
    `update messages set from_name = @fromName, from_address = @fromAddress, to_addresses = @to, cc_addresses = @cc
     where id = @id and (from_name is not @fromName or from_address is not @fromAddress or to_addresses is not @to or cc_addresses is not @cc)`,
  );
  // Which messages have attachment rows (indexed before, or bytes replaced since): only theirs are deleted.
  const attachmentRows = cachedStatement<[string], number>(
    database,
    'select distinct message_id from attachments where message_id in (select value from json_each(?))',
  ).pluck();
  const clearAttachments = cachedStatement(database, 'delete from attachments where message_id = ?');
  const insertAttachment = cachedStatement(
    database,
    'insert into attachments (message_id, ordinal, file_name, content_type, size, content_id, inline) values (?, ?, ?, ?, ?, ?, ?)',
  );
  // Which messages already have full-text rows, from FTS5's per-row size table (one row per indexed
  // rowid): only those are deleted, all before the first insert. A delete in a contentless-delete
  // index costs even for a row it does not hold, and deletes between inserts cost more: deleting
  // before every insert made indexing new mail (which has no rows yet) about three times slower.
  const indexedIn = (table: string) =>
    cachedStatement<[string], number>(database, `select id from ${table}_docsize where id in (select value from json_each(?))`).pluck();
  const searchRows = indexedIn('message_search');
  // The From, To and Cc rows (migration 016): written here for mail stored since, unless the address
  // trigger wrote them when this update changed the columns; mail stored before has them already.
  const addressRows = indexedIn('message_from_search');
  const insertAddressSearch = ADDRESS_INDEXES.map((table) =>
    cachedStatement<[number, string], unknown>(database, `insert into ${table} (rowid, text) values (?, ?)`),
  );
  const cjkRows = indexedIn('message_search_cjk');
  const clearSearch = cachedStatement(database, 'delete from message_search where rowid = ?');
  const insertSearch = cachedStatement(database, 'insert into message_search (rowid, subject, addresses, body) values (?, ?, ?, ?)');
  const clearCjkSearch = cachedStatement(database, 'delete from message_search_cjk where rowid = ?');
  const insertCjkSearch = cachedStatement(database, 'insert into message_search_cjk (rowid, text) values (?, ?)');
  const rows = results.map((result) => resultRows(result, now, parsedSha256?.get(result.messageId) ?? null));
  const allIds = JSON.stringify(results.map((result) => result.messageId));
  let applied = 0;
  database
    .transaction(() => {
      const withAttachments = new Set(attachmentRows.all(allIds));
      // By message: a message given twice keeps its last result, as when each replaced the other's rows.
      const searchable = new Map<number, ResultRows>();
      for (const row of rows) {
        const { messageId, parsed } = row.result;
        if (updateNew.run(row.values).changes === 0) {
          if (update.run(row.values).changes === 0) continue;
          updateAddresses.run(row.values);
        }
        applied += 1;
        searchable.set(messageId, row);
        if (withAttachments.has(messageId)) clearAttachments.run(messageId);
        if (parsed.attachments.length > 0) withAttachments.add(messageId);
        parsed.attachments.forEach((attachment, ordinal) =>
          insertAttachment.run(
            messageId,
            ordinal,
            attachment.fileName,
            attachment.contentType,
            attachment.size,
            attachment.contentId,
            attachment.inline ? 1 : 0,
          ),
        );
      }
      const ids = JSON.stringify([...searchable.keys()]);
      for (const id of searchRows.all(ids)) clearSearch.run(id);
      for (const id of cjkRows.all(ids)) clearCjkSearch.run(id);
      const withAddressRows = new Set(addressRows.all(ids));
      for (const [messageId, row] of searchable) {
        if (!withAddressRows.has(messageId)) row.addressTexts.forEach((text, index) => insertAddressSearch[index]?.run(messageId, text));
        insertSearch.run(messageId, row.result.parsed.subject ?? '', row.searchAddresses, row.result.parsed.text);
        if (row.cjk !== '') insertCjkSearch.run(messageId, row.cjk);
      }
    })
    .immediate();
  return applied;
}

/** What an indexing run did. */
export interface IndexReport {
  /** Messages whose index rows were written. */
  readonly indexed: number;
}

/** Settles when `signal` aborts (never, without one). */
function aborted(signal: AbortSignal | undefined): Promise<'aborted'> {
  if (signal === undefined) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
}

/** A message waiting for the parser: where its bytes are, and the header columns its batch commit wrote. */
type PendingRow = RawRow & ListedColumnsRow;

/** The SQL that selects a {@link PendingRow}. */
const PENDING_ROW_SELECT = `select m.id, p.file_name, m.pack_offset, m.raw_file, m.size, m.sha256, ${LISTED_COLUMNS_SELECT} from messages m left join raw_packs p on p.id = m.pack_id`;

/** The first rows whose sizes add up to at most `maxBytes`, and at least the first row. */
function withinBytes<Row extends RawRow>(rows: Row[], maxBytes: number): Row[] {
  let total = 0;
  for (const [index, row] of rows.entries()) {
    total += row.size;
    if (total > maxBytes && index > 0) return rows.slice(0, index);
  }
  return rows;
}

/**
 * Parses every message still waiting for the parser (new ones, or all after `clearDerivedIndex`), in
 * batches, committing each batch's results in one transaction before asking for the next. `signal`
 * stops it at once between commits (a batch being parsed is dropped, never marked unparseable): what
 * was committed stays, and the rest waits, so a later run — or the next start after a crash — catches
 * up by itself.
 */
export async function indexPendingMessages(
  database: SqliteDatabase,
  rawRoot: string,
  parse: MessageParser,
  batchSize = INDEX_BATCH_SIZE,
  signal?: AbortSignal,
  batchBytes = INDEX_BATCH_BYTES,
  indexer?: MessageIndexer,
  until: () => boolean = () => false,
): Promise<IndexReport> {
  const stop = aborted(signal);
  const waiting = database.prepare<[number, number], PendingRow>(`${PENDING_ROW_SELECT} where m.indexed_at is null and m.id > ? order by m.id limit ?`);
  const pending = (after: number, size = batchSize, bytes = batchBytes): PendingRow[] => (until() ? [] : withinBytes(waiting.all(after, size), bytes));
  const toRequest = (row: PendingRow): ParseRequest => {
    const listed = listedColumnsOfRow(row);
    return { messageId: row.id, source: rawSourceOfRow(rawRoot, row), ...(listed === undefined ? {} : { listed }) };
  };
  // A batch the parser fails on for any reason but a storage error (say, a message that brings the
  // parser down) is retried message by message; a message that fails alone is indexed as unparseable.
  const request = async (rows: readonly PendingRow[]): Promise<readonly ParseResult[]> => {
    try {
      return await parse(rows.map(toRequest));
    } catch (error) {
      if (isStorageError(error) || signal?.aborted === true) throw error;
      if (rows.length === 1) return rows.map((row) => ({ messageId: row.id, parsed: UNPARSEABLE }));
      const results: ParseResult[] = [];
      for (const row of rows) results.push(...(await request([row])));
      return results;
    }
  };
  let indexed = 0;
  if (signal?.aborted === true) return { indexed };
  if (indexer !== undefined) return indexElsewhere(database, indexer, { pending, toRequest, request, stop, signal, batchSize, batchBytes });
  let rows = pending(0);
  let parsing = rows.length > 0 ? request(rows) : undefined;
  while (parsing !== undefined) {
    parsing.catch(() => undefined);
    const results = await Promise.race([parsing, stop]);
    if (results === 'aborted') return { indexed };
    const current = rows;
    // Ask for the next batch before storing this one, so the parser works while SQLite writes.
    rows = pending(current.at(-1)?.id ?? Number.MAX_SAFE_INTEGER);
    parsing = rows.length > 0 ? request(rows) : undefined;
    try {
      indexed += applyParseResults(database, results, Date.now(), new Map(current.map((row) => [row.id, row.sha256])));
    } catch (error) {
      await parsing?.catch(() => undefined);
      throw error;
    }
  }
  return { indexed };
}

/** What {@link indexElsewhere} shares with {@link indexPendingMessages}. */
interface IndexLoop {
  readonly pending: (after: number, size?: number, bytes?: number) => PendingRow[];
  readonly toRequest: (row: PendingRow) => ParseRequest;
  readonly request: (rows: readonly PendingRow[]) => Promise<readonly ParseResult[]>;
  readonly stop: Promise<'aborted'>;
  readonly signal: AbortSignal | undefined;
  readonly batchSize: number;
  readonly batchBytes: number;
}

/**
 * Indexes every waiting message with an indexer that writes the results itself, a batch at a time (so
 * one batch is in memory). An indexer that serves several calls at once (one per parse worker) gets a
 * batch as that many parts, and the next part as soon as one is written: its workers never wait for
 * each other to finish parsing, and their writes (SQLite takes one at a time) fall between the others'
 * parsing instead of all at once. A part the indexer fails on for any reason but a storage error is
 * parsed again here, message by message, as {@link indexPendingMessages} does, and written here.
 */
async function indexElsewhere(database: SqliteDatabase, indexer: MessageIndexer, loop: IndexLoop): Promise<IndexReport> {
  const parallel = Math.max(1, Math.floor(indexer.parallel ?? 1));
  const partSize = Math.max(1, Math.ceil(loop.batchSize / parallel));
  const partBytes = Math.max(1, Math.ceil(loop.batchBytes / parallel));
  let indexed = 0;
  let after = 0;
  let failure: unknown;
  let stopped = false;
  const nextPart = (): PendingRow[] => {
    const rows = loop.pending(after, partSize, partBytes);
    after = rows.at(-1)?.id ?? after;
    return rows;
  };
  const write = async (rows: PendingRow[]): Promise<void> => {
    const writing = indexer(rows.map((row) => ({ ...loop.toRequest(row), sha256: row.sha256 })));
    writing.catch(() => undefined);
    let applied: number | 'aborted';
    try {
      applied = await Promise.race([writing, loop.stop]);
    } catch (error) {
      if (isStorageError(error) || loop.signal?.aborted === true) throw error;
      const results = await loop.request(rows);
      applied = applyParseResults(database, results, Date.now(), new Map(rows.map((row) => [row.id, row.sha256])));
    }
    if (applied === 'aborted') stopped = true;
    else indexed += applied;
  };
  // Each lane writes one part at a time and then takes the next one waiting.
  const lane = async (): Promise<void> => {
    while (!stopped && failure === undefined) {
      const rows = nextPart();
      if (rows.length === 0) return;
      try {
        await write(rows);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  if (failure !== undefined) throw failure;
  return { indexed };
}

/**
 * Forgets everything derived: index columns, attachment metadata, the full-text index. Raw bytes,
 * folders, flags, the POP journal and the audit log are untouched. In one transaction, so a crash
 * leaves either the old index or messages waiting to be indexed again.
 */
export function clearDerivedIndex(database: SqliteDatabase): void {
  database
    .transaction(() => {
      database.exec(`
      update messages set indexed_at = null, subject = null, from_name = null, from_address = null, to_addresses = null,
        cc_addresses = null, date = null, sort_date = received_at, message_id = null, in_reply_to = null,
        message_references = null, snippet = null, has_attachments = 0, thread_key = null, parse_problems = null;
      delete from attachments;
      delete from message_search;
      delete from message_search_cjk;
    `);
    })
    .immediate();
}

/** Rebuilds every derived row from the raw bytes (`mailbag rebuild-index`). */
export async function rebuildIndex(database: SqliteDatabase, rawRoot: string, parse: MessageParser, indexer?: MessageIndexer): Promise<IndexReport> {
  clearDerivedIndex(database);
  return indexPendingMessages(database, rawRoot, parse, undefined, undefined, undefined, indexer);
}
