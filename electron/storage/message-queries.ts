/**
 * Reads and small updates of messages for the UI and the command line: a folder's messages sorted by
 * date in pages at any offset, one message's metadata, flags and moves (search: message-search.ts).
 */
import { MESSAGE_TAGS, type MessageTag } from '../../shared/tags';
import { wordedError } from '../../shared/error-words';
import { cachedStatement } from './cached-statement';
import type { SqliteDatabase } from './database';
import type { AttachmentInfo, MailAddress, ParseProblem } from './message-index';

/** Most messages one page may hold. */
export const MAX_PAGE_SIZE = 500;
/** Messages per page when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 50;

/** A message as listed. Index fields are null until the parser has read it (`indexed` false). */
export interface MessageSummary {
  readonly id: number;
  /** Null for mail kept in Local Folders after its account was removed. */
  readonly accountId: string | null;
  readonly folderId: number;
  readonly subject: string | null;
  readonly from: MailAddress | null;
  /** The first To addresses (at most {@link LISTED_RECIPIENTS}), for lists of Sent, Drafts and Outbox. */
  readonly to: readonly MailAddress[];
  /** How many To addresses the message has in all. */
  readonly toTotal: number;
  /** The Date header, or when it arrived if it has none (what lists sort by), in ms. */
  readonly date: number;
  readonly receivedAt: number;
  readonly size: number;
  readonly seen: boolean;
  readonly flagged: boolean;
  readonly answered: boolean;
  readonly forwarded: boolean;
  readonly deletedLocally: boolean;
  readonly partial: boolean;
  readonly hasAttachments: boolean;
  readonly snippet: string | null;
  readonly indexed: boolean;
  readonly problems: readonly ParseProblem[];
  /** Colour tags, in the order of MESSAGE_TAGS. */
  readonly tags: readonly MessageTag[];
}

/** Everything stored about one message except its bytes. */
export interface MessageDetails extends MessageSummary {
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly threadKey: string | null;
  readonly sha256: string;
  readonly attachments: readonly AttachmentInfo[];
}

/** A page of messages and how many there are in all. */
export interface MessagePage {
  readonly total: number;
  readonly messages: readonly MessageSummary[];
}

/** Paging of a list. */
export interface PageOptions {
  readonly offset?: number;
  readonly limit?: number;
}

/** A messages row as summaries read it (columns of SUMMARY_COLUMNS). */
export interface MessageRow {
  id: number;
  account_id: string | null;
  folder_id: number;
  subject: string | null;
  from_name: string | null;
  from_address: string | null;
  sort_date: number;
  received_at: number;
  size: number;
  seen: number;
  flagged: number;
  answered: number;
  forwarded: number;
  deleted_locally: number;
  partial: number;
  has_attachments: number;
  snippet: string | null;
  indexed_at: number | null;
  parse_problems: string | null;
  to_addresses: string | null;
  tags: string | null;
}

interface DetailRow extends MessageRow {
  cc_addresses: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  message_references: string | null;
  thread_key: string | null;
  sha256: string;
}

/** The columns a summary is built from, on the table aliased `m`. */
export const SUMMARY_COLUMNS = `m.id, m.account_id, m.folder_id, m.subject, m.from_name, m.from_address, m.sort_date, m.received_at, m.size,
  m.seen, m.flagged, m.answered, m.forwarded, m.deleted_locally, m.partial, m.has_attachments, m.snippet, m.indexed_at, m.parse_problems, m.to_addresses,
  (select group_concat(t.tag) from message_tags t where t.message_id = m.id) as tags`;

/** Most To addresses a summary carries (a list shows a few names, then "and N more"). */
export const LISTED_RECIPIENTS = 3;

function jsonList<T>(text: string | null): T[] {
  if (text === null) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A summary from its row. */
export function summary(row: MessageRow): MessageSummary {
  const to = jsonList<MailAddress>(row.to_addresses);
  return {
    id: row.id,
    accountId: row.account_id,
    folderId: row.folder_id,
    subject: row.subject,
    from: row.from_address === null ? null : { name: row.from_name ?? '', address: row.from_address },
    to: to.slice(0, LISTED_RECIPIENTS),
    toTotal: to.length,
    date: row.sort_date,
    receivedAt: row.received_at,
    size: row.size,
    seen: row.seen === 1,
    flagged: row.flagged === 1,
    answered: row.answered === 1,
    forwarded: row.forwarded === 1,
    deletedLocally: row.deleted_locally === 1,
    partial: row.partial === 1,
    hasAttachments: row.has_attachments === 1,
    snippet: row.snippet,
    indexed: row.indexed_at !== null,
    problems: jsonList<ParseProblem>(row.parse_problems),
    tags: tagsOf(row.tags),
  };
}

/** The tags of a `group_concat` column, in the order of MESSAGE_TAGS. */
function tagsOf(text: string | null): MessageTag[] {
  if (text === null) return [];
  const present = new Set(text.split(','));
  return MESSAGE_TAGS.filter((tag) => present.has(tag.key)).map((tag) => tag.key);
}

function page(options: PageOptions): { offset: number; limit: number } {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(offset) || offset < 0) throw wordedError('VALIDATION', { id: 'storageError.offsetWhole' });
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw wordedError('VALIDATION', { id: 'storageError.pageOfMessages', values: { max: String(MAX_PAGE_SIZE) } });
  return { offset, limit };
}

/**
 * One page of a folder, newest first (by Date header, then arrival). The page's ids are found on the
 * covering index alone, so a page deep in a 100,000-message folder skips index entries, not rows.
 */
export function listMessages(database: SqliteDatabase, folderId: number, options: PageOptions = {}): MessagePage {
  const { offset, limit } = page(options);
  const { total } = database.prepare<[number], { total: number }>('select count(*) as total from messages where folder_id = ?').get(folderId) ?? { total: 0 };
  const rows = database
    .prepare<[number, number, number], MessageRow>(
      `select ${SUMMARY_COLUMNS} from messages m
        where m.id in (select id from messages where folder_id = ? order by sort_date desc, id desc limit ? offset ?)
        order by m.sort_date desc, m.id desc`,
    )
    .all(folderId, limit, offset);
  return { total, messages: rows.map(summary) };
}

/**
 * The account's most recently stored unread message (ids grow as mail is stored), for a new-mail
 * notification to open; null when none is unread.
 */
export function newestUnreadMessage(database: SqliteDatabase, accountId: string): number | null {
  const row = database
    .prepare<[string], { id: number }>('select id from messages where account_id = ? and seen = 0 and deleted_locally = 0 order by id desc limit 1')
    .get(accountId);
  return row?.id ?? null;
}

/** Everything stored about one message except its bytes; NOT_FOUND when there is no such message. */
export function getMessage(database: SqliteDatabase, messageId: number): MessageDetails {
  const row = database
    .prepare<[number], DetailRow>(
      `select ${SUMMARY_COLUMNS}, m.cc_addresses, m.message_id, m.in_reply_to, m.message_references, m.thread_key, m.sha256
         from messages m where m.id = ?`,
    )
    .get(messageId);
  if (row === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noMessage', values: { id: String(messageId) } });
  const attachments = database
    .prepare<[number], { file_name: string | null; content_type: string; size: number; content_id: string | null; inline: number }>(
      'select file_name, content_type, size, content_id, inline from attachments where message_id = ? order by ordinal',
    )
    .all(messageId)
    .map((attachment) => ({
      fileName: attachment.file_name,
      contentType: attachment.content_type,
      size: attachment.size,
      contentId: attachment.content_id,
      inline: attachment.inline === 1,
    }));
  return {
    ...summary(row),
    to: jsonList<MailAddress>(row.to_addresses),
    cc: jsonList<MailAddress>(row.cc_addresses),
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: jsonList<string>(row.message_references),
    threadKey: row.thread_key,
    sha256: row.sha256,
    attachments,
  };
}

/** Flags a user can change. */
export interface FlagChanges {
  readonly seen?: boolean;
  readonly flagged?: boolean;
  readonly answered?: boolean;
  readonly forwarded?: boolean;
  readonly deletedLocally?: boolean;
}

const FLAG_COLUMNS = { seen: 'seen', flagged: 'flagged', answered: 'answered', forwarded: 'forwarded', deletedLocally: 'deleted_locally' } as const;

/** Sets or clears flags on messages; returns how many messages changed. */
export function setFlags(database: SqliteDatabase, messageIds: readonly number[], changes: FlagChanges): number {
  const assignments = (Object.keys(FLAG_COLUMNS) as Array<keyof FlagChanges>)
    .filter((flag) => changes[flag] !== undefined)
    .map((flag) => `${FLAG_COLUMNS[flag]} = ${changes[flag] === true ? 1 : 0}`);
  if (assignments.length === 0) return 0;
  const update = database.prepare(`update messages set ${assignments.join(', ')} where id = ?`);
  let changed = 0;
  database
    .transaction(() => {
      for (const id of messageIds) changed += update.run(id).changes;
    })
    .immediate();
  return changed;
}

/**
 * Moves messages to another folder of their own account or to Local Folders (a local operation: never
 * touches the server), all in one transaction: every message is checked first, then one statement moves
 * them, so 10,000 messages move as quickly as their index entries can be rewritten.
 */
export function moveMessages(database: SqliteDatabase, messageIds: readonly number[], folderId: number): number {
  const unique = JSON.stringify([...new Set(messageIds)]);
  return database
    .transaction(() => {
      const folder = database.prepare<[number], { account_id: string | null }>('select account_id from folders where id = ?').get(folderId);
      const rows = database
        .prepare<[string], { id: number; account_id: string | null }>('select id, account_id from messages where id in (select value from json_each(?))')
        .all(unique);
      const found = new Set(rows.map((row) => row.id));
      const missing = messageIds.find((id) => !found.has(id));
      if (missing !== undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noMessage', values: { id: String(missing) } });
      if (folder === undefined || (folder.account_id !== null && rows.some((row) => row.account_id !== folder.account_id))) {
        throw wordedError('VALIDATION', { id: 'storageError.moveFolderAccount' });
      }
      return database.prepare('update messages set folder_id = ? where id in (select value from json_each(?))').run(folderId, unique).changes;
    })
    .immediate();
}

/**
 * Which of these contents (size and SHA-256) an account already stores, as `size:sha256` keys: the
 * duplicate safety net of `findStoredCopies` for a whole batch in one query.
 */
export function storedContents(
  database: SqliteDatabase,
  accountId: string,
  contents: ReadonlyArray<{ readonly size: number; readonly sha256: string }>,
): Set<string> {
  if (contents.length === 0) return new Set();
  // The cross join keeps SQLite on the (size, sha256) index for each wanted content, never a scan of the account.
  const rows = cachedStatement<[string, string], { size: number; sha256: string }>(
    database,
    `select distinct m.size as size, m.sha256 as sha256 from json_each(?) as wanted
       cross join messages as m on m.size = wanted.value ->> 0 and m.sha256 = wanted.value ->> 1
     where m.account_id = ?`,
  ).all(JSON.stringify(contents.map((content) => [content.size, content.sha256])), accountId);
  return new Set(rows.map(contentKey));
}

/** The key `storedContents` gives a content by. */
export function contentKey(content: { readonly size: number; readonly sha256: string }): string {
  return `${content.size}:${content.sha256}`;
}

/**
 * Messages of an account with exactly these bytes (same size and SHA-256): the duplicate safety net
 * for when the POP journal was lost or restored from a backup. A copy found this way means "skip",
 * never "delete on the server".
 */
export function findStoredCopies(database: SqliteDatabase, accountId: string, size: number, sha256: string): number[] {
  return cachedStatement<[number, string, string], { id: number }>(
    database,
    'select id from messages where size = ? and sha256 = ? and account_id = ? order by id',
  )
    .all(size, sha256, accountId)
    .map((row) => row.id);
}
