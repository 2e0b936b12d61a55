/**
 * Conversations of a set of folders (say an account's Inbox and Sent): the reply trees of
 * shared/mail/threading.ts over the messages of those folders, listed newest conversation first in
 * pages, with counts, unread counts and senders per conversation. Threading is worked out from the
 * index columns every message already has (Message-ID, In-Reply-To, References, subject) as a compact
 * layout (thread-layout.ts), in the threading worker for the app, and kept per folder set until those
 * folders gain, lose or re-index a message. Flags are read per page, so marking mail read never
 * re-threads; pages from a kept layout take milliseconds: test/bench/store-scale.bench.ts.
 */
import { wordedError } from '../../shared/error-words';
import type { ThreadLine } from '../../shared/mail/threading';
import type { SqliteDatabase } from './database';
import type { MailAddress } from './message-index';
import {
  computeThreadingLayout,
  conversationIndexOf,
  layoutLines,
  scopeKey,
  threadingFingerprint,
  type ConversationScope,
  type ThreadingLayout,
} from './thread-layout';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, summary, SUMMARY_COLUMNS, type MessageRow, type MessageSummary } from './message-queries';

/** Most senders one conversation lists (the rest are counted by the UI as "and N more"). */
export const MAX_PARTICIPANTS = 5;
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

/** Most folder sets whose threading is kept at once per database (for the callers that thread in-process). */
const CACHED_FOLDER_SETS = 8;

const cache = new WeakMap<SqliteDatabase, Map<string, ThreadingLayout>>();

/** The threading of a scope worked out in this thread, from the cache while its folders are unchanged. */
function threadingOf(database: SqliteDatabase, scope: ConversationScope): ThreadingLayout {
  const key = scopeKey(scope);
  const current = threadingFingerprint(database, scope.folderIds);
  let perDatabase = cache.get(database);
  if (perDatabase === undefined) {
    perDatabase = new Map();
    cache.set(database, perDatabase);
  }
  const known = perDatabase.get(key);
  if (known !== undefined && known.fingerprint === current) return known;
  const built = computeThreadingLayout(database, scope);
  perDatabase.delete(key);
  perDatabase.set(key, built);
  for (const oldest of perDatabase.keys()) {
    if (perDatabase.size <= CACHED_FOLDER_SETS) break;
    perDatabase.delete(oldest);
  }
  return built;
}

function conversationAt(layout: ThreadingLayout, index: number): Conversation {
  return { id: layout.conversationIds[index] ?? 0, lines: layoutLines(layout, index), latestDate: layout.latestDates[index] ?? 0 };
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
  return pageOfConversations(database, threadingOf(database, scope), options);
}

/** One page of the conversations of a layout worked out elsewhere (the threading worker); as {@link listConversations}. */
export function pageOfConversations(database: SqliteDatabase, layout: ThreadingLayout, options: { offset?: number; limit?: number } = {}): ConversationPage {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(offset) || offset < 0) throw wordedError('VALIDATION', { id: 'storageError.offsetWhole' });
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw wordedError('VALIDATION', { id: 'storageError.pageOfConversations', values: { max: String(MAX_PAGE_SIZE) } });
  const window: Conversation[] = [];
  for (let index = offset; index < Math.min(layout.listedCount, offset + limit); index += 1) window.push(conversationAt(layout, index));
  const summaries = summariesOf(
    database,
    window.flatMap((conversation) => conversation.lines.flatMap((line) => (line.message === null ? [] : [line.message]))),
  );
  const conversations = window.flatMap((conversation) => {
    const summarized = summarize(conversation, summaries);
    return summarized === undefined ? [] : [summarized];
  });
  return { total: layout.listedCount, conversations };
}

/**
 * The conversation a message belongs to within a scope, as list lines in reply order (depth first,
 * by date); NOT_FOUND when the message is not in the scope's folders.
 */
export function conversationLines(database: SqliteDatabase, scope: ConversationScope, messageId: number): ConversationLine[] {
  return linesOfConversation(database, threadingOf(database, scope), messageId);
}

/** The conversation of a message in a layout worked out elsewhere; as {@link conversationLines}. */
export function linesOfConversation(database: SqliteDatabase, layout: ThreadingLayout, messageId: number): ConversationLine[] {
  const index = conversationIndexOf(layout, messageId);
  const conversation = index === undefined ? undefined : conversationAt(layout, index);
  if (conversation === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.messageNotInFolders', values: { id: String(messageId) } });
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
