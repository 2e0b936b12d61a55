/**
 * Conversations of a set of folders (say an account's Inbox and Sent): the reply trees of
 * shared/mail/threading.ts over the messages of those folders, listed newest conversation first in
 * pages, with counts, unread counts and senders per conversation. Threading is worked out on demand
 * from the index columns every message already has (Message-ID, In-Reply-To, References, subject) and
 * kept per folder set until those folders gain, lose or re-index a message: a cheap fingerprint read
 * from the folder index tells. Flags are read per page, so marking mail read never re-threads. (Kept
 * on demand rather than as a stored thread column: a late parent would re-root stored threads of any
 * size in the writer's transaction, while threading 100,000 messages takes under a second, once per
 * change of the folders; pages from the kept threading take milliseconds: test/bench/store-scale.bench.ts.)
 */
import { MailbagError } from '../../shared/errors';
import { threadLines, threadMessages, type ThreadableMessage, type ThreadLine } from '../../shared/mail/threading';
import type { SqliteDatabase } from './database';
import type { MailAddress } from './message-index';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, summary, SUMMARY_COLUMNS, type MessageRow, type MessageSummary } from './message-queries';

/** Most senders one conversation lists (the rest are counted by the UI as "and N more"). */
export const MAX_PARTICIPANTS = 5;
/** Most folder sets whose threading is kept at once per database. */
const CACHED_FOLDER_SETS = 8;

/** Which folders a conversation list spans, and which of them it lists conversations of. */
export interface ConversationScope {
  /** Every folder whose messages take part (the folder shown and, say, Sent). */
  readonly folderIds: readonly number[];
  /** Only conversations with a message in one of these folders are listed. */
  readonly shownFolderIds: readonly number[];
}

/** One conversation as the list shows it. */
export interface ConversationSummary {
  /** The smallest message id in it: names it for {@link conversationLines}. */
  readonly id: number;
  /** Messages in it (placeholders for missing parents are not counted). */
  readonly messageCount: number;
  readonly unreadCount: number;
  /** The newest message's date, in ms. */
  readonly latestDate: number;
  /** Senders, in the order they first wrote, without repeats; at most {@link MAX_PARTICIPANTS}. */
  readonly participants: readonly MailAddress[];
  /** How many different senders in all. */
  readonly participantCount: number;
  /** The first message of the conversation (its root, or the first reply when the root is missing). */
  readonly root: MessageSummary;
  readonly flagged: boolean;
  readonly hasAttachments: boolean;
}

/** One line of an expanded conversation: a message, or null for a parent that is not here. */
export interface ConversationLine {
  readonly depth: number;
  readonly message: MessageSummary | null;
}

/** A page of conversations and how many there are in all. */
export interface ConversationPage {
  readonly total: number;
  readonly conversations: readonly ConversationSummary[];
}

interface Conversation {
  readonly id: number;
  readonly lines: readonly ThreadLine[];
  readonly latestDate: number;
}

interface Threading {
  readonly fingerprint: string;
  /** Conversations with a message in the shown folders, newest first. */
  readonly listed: readonly Conversation[];
  /** Every conversation of the folders, by each message's id. */
  readonly byMessage: ReadonlyMap<number, Conversation>;
}

/** id, folder_id, message_id, in_reply_to, message_references, subject, sort_date. */
type StructureRow = [number, number, string | null, string | null, string | null, string | null, number];

const cache = new WeakMap<SqliteDatabase, Map<string, Threading>>();

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

const NO_REFERENCES: readonly string[] = [];

function references(text: string | null): readonly string[] {
  // Most mail starts a conversation: no parsing for it.
  if (text === null || text === '[]') return NO_REFERENCES;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * What changes when threading must be worked out again: the folders' messages (count, ids, and which
 * folder each is in, from the folder index alone) and how many messages wait for the indexer (whose
 * results may change Message-IDs and subjects). Flags are not part of it.
 */
function fingerprint(database: SqliteDatabase, folderIds: readonly number[]): string {
  const folders = database
    .prepare<number[], { count: number; ids: number; placed: number }>(
      `select count(*) as count, total(id) as ids, total(id * folder_id) as placed from messages where folder_id in (${placeholders(folderIds.length)})`,
    )
    .get(...folderIds) ?? { count: 0, ids: 0, placed: 0 };
  const waiting = database.prepare<[], { count: number }>('select count(*) as count from messages where indexed_at is null').get() ?? { count: 0 };
  return `${folders.count}:${folders.ids}:${folders.placed}:${waiting.count}`;
}

function buildThreading(database: SqliteDatabase, scope: ConversationScope, key: string): Threading {
  // Rows as arrays (raw): 100,000 of them are read each time threading is worked out.
  const rows = database
    .prepare<number[], StructureRow>(
      `select id, folder_id, message_id, in_reply_to, message_references, subject, sort_date from messages where folder_id in (${placeholders(scope.folderIds.length)})`,
    )
    .raw(true)
    .all(...scope.folderIds) as unknown as StructureRow[];
  const shown = new Set(scope.shownFolderIds);
  const folderOf = new Map<number, number>();
  const dateOf = new Map<number, number>();
  const messages: ThreadableMessage[] = rows.map(([id, folderId, messageId, inReplyTo, messageReferences, subject, sortDate]) => {
    folderOf.set(id, folderId);
    dateOf.set(id, sortDate);
    return { id, messageId, inReplyTo, references: references(messageReferences), subject, date: sortDate };
  });
  const byMessage = new Map<number, Conversation>();
  const listed: Conversation[] = [];
  for (const root of threadMessages(messages)) {
    const lines = threadLines(root);
    let id = Number.POSITIVE_INFINITY;
    let latestDate = Number.NEGATIVE_INFINITY;
    let isShown = false;
    for (const line of lines) {
      if (line.message === null) continue;
      id = Math.min(id, line.message);
      latestDate = Math.max(latestDate, dateOf.get(line.message) ?? latestDate);
      isShown ||= shown.has(folderOf.get(line.message) ?? -1);
    }
    const conversation: Conversation = { id, lines, latestDate };
    for (const line of lines) if (line.message !== null) byMessage.set(line.message, conversation);
    if (isShown) listed.push(conversation);
  }
  listed.sort((left, right) => right.latestDate - left.latestDate || right.id - left.id);
  return { fingerprint: key, listed, byMessage };
}

/** The threading of a scope, from the cache while its folders are unchanged. */
function threadingOf(database: SqliteDatabase, scope: ConversationScope): Threading {
  if (scope.folderIds.length === 0) return { fingerprint: '', listed: [], byMessage: new Map() };
  const scopeKey = `${[...scope.folderIds].sort((a, b) => a - b).join(',')}|${[...scope.shownFolderIds].sort((a, b) => a - b).join(',')}`;
  const current = fingerprint(database, scope.folderIds);
  let perDatabase = cache.get(database);
  if (perDatabase === undefined) {
    perDatabase = new Map();
    cache.set(database, perDatabase);
  }
  const known = perDatabase.get(scopeKey);
  if (known !== undefined && known.fingerprint === current) return known;
  const built = buildThreading(database, scope, current);
  perDatabase.delete(scopeKey);
  perDatabase.set(scopeKey, built);
  for (const oldest of perDatabase.keys()) {
    if (perDatabase.size <= CACHED_FOLDER_SETS) break;
    perDatabase.delete(oldest);
  }
  return built;
}

/** Summaries of messages by id (those that still exist). */
function summariesOf(database: SqliteDatabase, ids: readonly number[]): Map<number, MessageSummary> {
  if (ids.length === 0) return new Map();
  const rows = database
    .prepare<[string], MessageRow>(`select ${SUMMARY_COLUMNS} from messages m where m.id in (select value from json_each(?))`)
    .all(JSON.stringify(ids));
  return new Map(rows.map((row) => [row.id, summary(row)]));
}

function summarize(conversation: Conversation, summaries: ReadonlyMap<number, MessageSummary>): ConversationSummary | undefined {
  const messages = conversation.lines.flatMap((line) => {
    const found = line.message === null ? undefined : summaries.get(line.message);
    return found === undefined ? [] : [found];
  });
  const root = messages[0];
  if (root === undefined) return undefined;
  const senders = new Map<string, MailAddress>();
  for (const message of [...messages].sort((left, right) => left.date - right.date || left.id - right.id)) {
    if (message.from !== null && !senders.has(message.from.address.toLowerCase())) senders.set(message.from.address.toLowerCase(), message.from);
  }
  return {
    id: conversation.id,
    messageCount: messages.length,
    unreadCount: messages.filter((message) => !message.seen).length,
    latestDate: messages.reduce((latest, message) => Math.max(latest, message.date), Number.NEGATIVE_INFINITY),
    participants: [...senders.values()].slice(0, MAX_PARTICIPANTS),
    participantCount: senders.size,
    root,
    flagged: messages.some((message) => message.flagged),
    hasAttachments: messages.some((message) => message.hasAttachments),
  };
}

/**
 * One page of the conversations of a scope, newest conversation first (by its newest message). The
 * flags and columns of the page's messages are read fresh; the threading comes from the cache while
 * the folders' messages are unchanged.
 */
export function listConversations(database: SqliteDatabase, scope: ConversationScope, options: { offset?: number; limit?: number } = {}): ConversationPage {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(offset) || offset < 0) throw new MailbagError('VALIDATION', 'The offset must be a whole number, 0 or more.');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new MailbagError('VALIDATION', `A page holds 1 to ${MAX_PAGE_SIZE} conversations.`);
  const threading = threadingOf(database, scope);
  const window = threading.listed.slice(offset, offset + limit);
  const summaries = summariesOf(
    database,
    window.flatMap((conversation) => conversation.lines.flatMap((line) => (line.message === null ? [] : [line.message]))),
  );
  const conversations = window.flatMap((conversation) => {
    const summarized = summarize(conversation, summaries);
    return summarized === undefined ? [] : [summarized];
  });
  return { total: threading.listed.length, conversations };
}

/**
 * The conversation a message belongs to within a scope, as list lines in reply order (depth first,
 * by date); NOT_FOUND when the message is not in the scope's folders.
 */
export function conversationLines(database: SqliteDatabase, scope: ConversationScope, messageId: number): ConversationLine[] {
  const conversation = threadingOf(database, scope).byMessage.get(messageId);
  if (conversation === undefined) throw new MailbagError('NOT_FOUND', `Message ${messageId} is not in these folders.`);
  const summaries = summariesOf(
    database,
    conversation.lines.flatMap((line) => (line.message === null ? [] : [line.message])),
  );
  return conversation.lines.flatMap((line): ConversationLine[] => {
    if (line.message === null) return [{ depth: line.depth, message: null }];
    const found = summaries.get(line.message);
    return found === undefined ? [] : [{ depth: line.depth, message: found }];
  });
}

/**
 * The folders a conversation list of `shownFolderIds` spans: those folders and, of the same accounts,
 * the folders with the given roles (the user's choice; Inbox and Sent by default).
 */
export function conversationScope(database: SqliteDatabase, shownFolderIds: readonly number[], roles: readonly string[]): ConversationScope {
  if (shownFolderIds.length === 0) return { folderIds: [], shownFolderIds: [] };
  const related = database
    .prepare<[string, string], { id: number }>(
      `select f.id from folders f
        where f.account_id in (select account_id from folders where id in (select value from json_each(?)))
          and f.role in (select value from json_each(?))`,
    )
    .all(JSON.stringify(shownFolderIds), JSON.stringify(roles))
    .map((row) => row.id);
  return { folderIds: [...new Set([...shownFolderIds, ...related])], shownFolderIds: [...shownFolderIds] };
}
