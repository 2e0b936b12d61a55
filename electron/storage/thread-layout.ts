/**
 * The threading of a folder set in a compact, transferable form: every conversation's lines (message
 * ids and depths) in typed arrays, the conversations the list shows first (newest first), and the
 * messages sorted by id for finding a message's conversation by binary search. It is worked out in
 * the threading worker (electron/workers/threading-worker.ts) from its own read-only connection and
 * handed to the main thread without copying, so re-threading 100,000 messages after a change costs
 * the main thread only the fingerprint query (test/bench/store-scale.bench.ts). The same function
 * runs in-process where no worker is wanted (the command line, tests).
 */
import { threadLines, threadMessages, type ThreadableMessage, type ThreadLine } from '../../shared/mail/threading';
import type { SqliteDatabase } from './database';

/** Which folders a conversation list spans, and which of them it lists conversations of. */
export interface ConversationScope {
  /** Every folder whose messages take part (the folder shown and, say, Sent). */
  readonly folderIds: readonly number[];
  /** Only conversations with a message in one of these folders are listed. */
  readonly shownFolderIds: readonly number[];
}

/** The threading of a scope: conversation `index` holds lines `starts[index]` to `starts[index + 1]`. */
export interface ThreadingLayout {
  /** The folders' state it was worked out from (see {@link threadingFingerprint}). */
  readonly fingerprint: string;
  /** Conversations 0 to listedCount - 1 are listed, newest first; the rest only hold their messages. */
  readonly listedCount: number;
  /** Each conversation's name: its smallest message id. */
  readonly conversationIds: Float64Array;
  /** Each conversation's newest message's date, in ms. */
  readonly latestDates: Float64Array;
  readonly starts: Int32Array;
  /** Each line's message id; 0 for a placeholder (a parent that is not here). */
  readonly lineMessages: Float64Array;
  readonly lineDepths: Int32Array;
  /** Every message id, ascending, and the conversation each is in. */
  readonly messageIds: Float64Array;
  readonly messageConversations: Int32Array;
}

/** id, folder_id, message_id, in_reply_to, message_references, subject, sort_date. */
type StructureRow = [number, number, string | null, string | null, string | null, string | null, number];

const NO_REFERENCES: readonly string[] = [];

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

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
 * results may change Message-IDs and subjects). Flags are not part of it, so marking mail read never
 * re-threads.
 */
export function threadingFingerprint(database: SqliteDatabase, folderIds: readonly number[]): string {
  if (folderIds.length === 0) return '';
  const folders = database
    .prepare<number[], { count: number; ids: number; placed: number }>(
      `select count(*) as count, total(id) as ids, total(id * folder_id) as placed from messages where folder_id in (${placeholders(folderIds.length)})`,
    )
    .get(...folderIds) ?? { count: 0, ids: 0, placed: 0 };
  const waiting = database.prepare<[], { count: number }>('select count(*) as count from messages where indexed_at is null').get() ?? { count: 0 };
  return `${folders.count}:${folders.ids}:${folders.placed}:${waiting.count}`;
}

interface Conversation {
  readonly id: number;
  readonly lines: readonly ThreadLine[];
  readonly latestDate: number;
}

function readRows(database: SqliteDatabase, scope: ConversationScope): { fingerprint: string; rows: StructureRow[] } {
  // One read transaction: the fingerprint names exactly the rows threaded.
  return database.transaction(() => ({
    fingerprint: threadingFingerprint(database, scope.folderIds),
    // Rows as arrays (raw): 100,000 of them are read each time threading is worked out.
    rows: database
      .prepare<number[], StructureRow>(
        `select id, folder_id, message_id, in_reply_to, message_references, subject, sort_date from messages where folder_id in (${placeholders(scope.folderIds.length)})`,
      )
      .raw(true)
      .all(...scope.folderIds) as unknown as StructureRow[],
  }))();
}

/** Works out the threading of a scope from the database (RFC 5256 REFERENCES with the subject fallback). */
export function computeThreadingLayout(database: SqliteDatabase, scope: ConversationScope): ThreadingLayout {
  const { fingerprint, rows } = scope.folderIds.length === 0 ? { fingerprint: '', rows: [] } : readRows(database, scope);
  const shown = new Set(scope.shownFolderIds);
  const folderOf = new Map<number, number>();
  const dateOf = new Map<number, number>();
  const messages: ThreadableMessage[] = rows.map(([id, folderId, messageId, inReplyTo, messageReferences, subject, sortDate]) => {
    folderOf.set(id, folderId);
    dateOf.set(id, sortDate);
    return { id, messageId, inReplyTo, references: references(messageReferences), subject, date: sortDate };
  });
  const listed: Conversation[] = [];
  const others: Conversation[] = [];
  let lineCount = 0;
  for (const root of threadMessages(messages)) {
    const lines = threadLines(root);
    lineCount += lines.length;
    let id = Number.POSITIVE_INFINITY;
    let latestDate = Number.NEGATIVE_INFINITY;
    let isShown = false;
    for (const line of lines) {
      if (line.message === null) continue;
      id = Math.min(id, line.message);
      latestDate = Math.max(latestDate, dateOf.get(line.message) ?? latestDate);
      isShown ||= shown.has(folderOf.get(line.message) ?? -1);
    }
    (isShown ? listed : others).push({ id, lines, latestDate });
  }
  listed.sort((left, right) => right.latestDate - left.latestDate || right.id - left.id);
  const all = [...listed, ...others];
  const layout: ThreadingLayout = {
    fingerprint,
    listedCount: listed.length,
    conversationIds: new Float64Array(all.length),
    latestDates: new Float64Array(all.length),
    starts: new Int32Array(all.length + 1),
    lineMessages: new Float64Array(lineCount),
    lineDepths: new Int32Array(lineCount),
    messageIds: new Float64Array(messages.length),
    messageConversations: new Int32Array(messages.length),
  };
  const placed: Array<[number, number]> = [];
  let line = 0;
  all.forEach((conversation, index) => {
    layout.conversationIds[index] = conversation.id;
    layout.latestDates[index] = conversation.latestDate;
    layout.starts[index] = line;
    for (const entry of conversation.lines) {
      layout.lineMessages[line] = entry.message ?? 0;
      layout.lineDepths[line] = entry.depth;
      if (entry.message !== null) placed.push([entry.message, index]);
      line += 1;
    }
  });
  layout.starts[all.length] = line;
  placed.sort((left, right) => left[0] - right[0]);
  placed.forEach(([message, conversation], index) => {
    layout.messageIds[index] = message;
    layout.messageConversations[index] = conversation;
  });
  return layout;
}

/** The lines of conversation `index`, in reply order. */
export function layoutLines(layout: ThreadingLayout, index: number): ThreadLine[] {
  const lines: ThreadLine[] = [];
  const end = layout.starts[index + 1] ?? 0;
  for (let line = layout.starts[index] ?? 0; line < end; line += 1) {
    const message = layout.lineMessages[line] ?? 0;
    lines.push({ message: message === 0 ? null : message, depth: layout.lineDepths[line] ?? 0 });
  }
  return lines;
}

/** The index of the conversation a message is in, or undefined when it is not in the scope. */
export function conversationIndexOf(layout: ThreadingLayout, messageId: number): number | undefined {
  let low = 0;
  let high = layout.messageIds.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = layout.messageIds[middle] ?? 0;
    if (found === messageId) return layout.messageConversations[middle];
    if (found < messageId) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The buffers of a layout, to hand over to another thread without copying. */
export function layoutBuffers(layout: ThreadingLayout): ArrayBuffer[] {
  return [
    layout.conversationIds,
    layout.latestDates,
    layout.starts,
    layout.lineMessages,
    layout.lineDepths,
    layout.messageIds,
    layout.messageConversations,
  ].map((array) => array.buffer as ArrayBuffer);
}

/** Checks that a value (say from a worker) is a whole, consistent layout. */
export function isThreadingLayout(value: unknown): value is ThreadingLayout {
  if (typeof value !== 'object' || value === null) return false;
  const layout = value as Partial<Record<keyof ThreadingLayout, unknown>>;
  if (typeof layout.fingerprint !== 'string' || typeof layout.listedCount !== 'number') return false;
  const { conversationIds, latestDates, starts, lineMessages, lineDepths, messageIds, messageConversations } = layout;
  if (!(conversationIds instanceof Float64Array && latestDates instanceof Float64Array && starts instanceof Int32Array)) return false;
  if (!(lineMessages instanceof Float64Array && lineDepths instanceof Int32Array)) return false;
  if (!(messageIds instanceof Float64Array && messageConversations instanceof Int32Array)) return false;
  const count = starts.length - 1;
  return (
    count >= 0 &&
    conversationIds.length === count &&
    latestDates.length === count &&
    layout.listedCount >= 0 &&
    layout.listedCount <= count &&
    lineDepths.length === lineMessages.length &&
    (starts[count] ?? 0) === lineMessages.length &&
    messageConversations.length === messageIds.length
  );
}

/** The key of a scope in a cache of layouts. */
export function scopeKey(scope: ConversationScope): string {
  return `${[...scope.folderIds].sort((a, b) => a - b).join(',')}|${[...scope.shownFolderIds].sort((a, b) => a - b).join(',')}`;
}

/** Most folder sets whose threading is kept at once per cache. */
const CACHED_FOLDER_SETS = 8;

/** Works out a scope's layout, in this thread or another. */
export type ComputeThreading = (scope: ConversationScope) => ThreadingLayout | Promise<ThreadingLayout>;

/** Layouts kept per folder set while their folders are unchanged. */
export interface ThreadingCache {
  /** The scope's layout: the kept one while the fingerprint matches, else a fresh one (calls meanwhile share it). */
  layout(scope: ConversationScope): Promise<ThreadingLayout>;
}

/**
 * A cache of layouts over `database`: each call checks the folders' fingerprint (one indexed query on
 * this thread) and has `compute` work out a new layout only when it changed.
 */
export function createThreadingCache(database: SqliteDatabase, compute: ComputeThreading): ThreadingCache {
  const kept = new Map<string, ThreadingLayout>();
  const running = new Map<string, { fingerprint: string; layout: Promise<ThreadingLayout> }>();
  return {
    async layout(scope) {
      if (scope.folderIds.length === 0) return computeThreadingLayout(database, scope);
      const key = scopeKey(scope);
      const current = threadingFingerprint(database, scope.folderIds);
      const known = kept.get(key);
      if (known !== undefined && known.fingerprint === current) return known;
      const pending = running.get(key);
      if (pending !== undefined && pending.fingerprint === current) return pending.layout;
      const layout = Promise.resolve(compute(scope));
      running.set(key, { fingerprint: current, layout });
      try {
        const built = await layout;
        kept.delete(key);
        kept.set(key, built);
        for (const oldest of kept.keys()) {
          if (kept.size <= CACHED_FOLDER_SETS) break;
          kept.delete(oldest);
        }
        return built;
      } finally {
        if (running.get(key)?.layout === layout) running.delete(key);
      }
    },
  };
}
