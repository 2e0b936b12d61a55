/**
 * The per-account POP3 journal: for every UIDL the store has seen, what became of it. Send/Receive
 * reconciles the server's UIDL list against it, so a message is downloaded once and deleted on the
 * server only after its journal row says it is durably here. Every server-side deletion is written to
 * an audit log with its reason (invariant 3 in the architecture).
 */
import { cachedStatement } from './cached-statement';
import type { SqliteDatabase } from './database';

/**
 * What is known about one server message:
 * - `downloaded`: stored here in full and still on the server;
 * - `kept-on-server`: known but deliberately not downloaded ("start fresh");
 * - `headers-only`: only its header is stored here (a partial message);
 * - `delete-pending`: chosen for deletion on the server, not yet confirmed by QUIT (RFC 1939 §6);
 * - `deleted`: the server confirmed the deletion.
 */
export type PopState = 'downloaded' | 'kept-on-server' | 'headers-only' | 'delete-pending' | 'deleted';

/** Why a message was (or is to be) deleted on the server: the account's policy that decided it. */
export type ServerDeletionReason = 'delete-after-download' | 'keep-days-expired' | 'deleted-locally';

/** Why a message was deleted on the server at the user's explicit request (Server mailbox, `mailbag server delete`). */
export type RequestedDeletionReason = 'deleted-by-user';

/** Why a message was deleted on the server by a server rule, before download: the rule's name follows. */
export type RuleDeletionReason = `deleted-by-rule:${string}`;

/** Every reason the audit log records: a policy's, the user's own request, or a server rule of theirs. */
export type AuditedDeletionReason = ServerDeletionReason | RequestedDeletionReason | RuleDeletionReason;

/** The reason recorded for a deletion by the server rule of this name. */
export function ruleDeletionReason(ruleName: string): RuleDeletionReason {
  return `deleted-by-rule:${ruleName}`;
}

/** The reason recorded for deletions the user asked for. */
export const DELETED_BY_USER: RequestedDeletionReason = 'deleted-by-user';

/** States in which the message is already here in full: a new download of the UIDL is a duplicate. */
export const STORED_STATES: readonly PopState[] = ['downloaded', 'delete-pending', 'deleted'];

/** One journal row. */
export interface PopJournalEntry {
  readonly accountId: string;
  readonly uidl: string;
  readonly state: PopState;
  readonly reason: string | null;
  readonly messageId: number | null;
  readonly size: number | null;
  readonly firstSeenAt: number;
  readonly downloadedAt: number | null;
  readonly updatedAt: number;
}

/** One audit-log row. */
export interface ServerDeletionRecord {
  readonly id: number;
  readonly accountId: string;
  readonly uidl: string;
  readonly messageId: number | null;
  readonly reason: AuditedDeletionReason;
  readonly deletedAt: number;
}

/** The journal's columns, named as in {@link PopJournalEntry}: rows are read as entries with no copying. */
const JOURNAL_COLUMNS =
  'account_id as accountId, uidl, state, reason, message_id as messageId, size, first_seen_at as firstSeenAt, downloaded_at as downloadedAt, updated_at as updatedAt';

/** The whole journal of an account (for reconciling with a UIDL listing), keyed by UIDL. */
export function readPopJournal(database: SqliteDatabase, accountId: string): Map<string, PopJournalEntry> {
  const rows = database.prepare<[string], PopJournalEntry>(`select ${JOURNAL_COLUMNS} from pop_journal where account_id = ?`).all(accountId);
  return new Map(rows.map((row) => [row.uidl, row]));
}

/**
 * The journal as a receive run plans with it: the UIDLs in `quietStates` only as a set (their rows call
 * for nothing under the run's policy, so only their being known counts), every other row whole. On a
 * server that keeps thousands of messages, every Send/Receive reads the journal of all of them, and a
 * set of UIDLs costs a fraction of as many whole rows (an object of nine fields each). The two parts are
 * the journal, split by state and read in one transaction: each UIDL is in exactly one of them.
 */
export function readPopJournalForPlan(
  database: SqliteDatabase,
  accountId: string,
  quietStates: readonly PopState[],
): { readonly rows: Map<string, PopJournalEntry>; readonly quiet: Set<string> } {
  const states = JSON.stringify(quietStates);
  const quietQuery = database
    .prepare<[string, string], string>('select uidl from pop_journal where account_id = ? and state in (select value from json_each(?))')
    .pluck();
  const rowsQuery = database.prepare<[string, string], PopJournalEntry>(
    `select ${JOURNAL_COLUMNS} from pop_journal where account_id = ? and state not in (select value from json_each(?))`,
  );
  return database.transaction(() => ({
    rows: new Map(rowsQuery.all(accountId, states).map((row) => [row.uidl, row])),
    quiet: new Set(quietQuery.all(accountId, states)),
  }))();
}

/**
 * The journal rows of several UIDLs at once, keyed by UIDL (unknown ones are absent): one query for a
 * whole batch of downloaded messages instead of one per message.
 */
export function getPopJournalEntries(database: SqliteDatabase, accountId: string, uidls: readonly string[]): Map<string, PopJournalEntry> {
  if (uidls.length === 0) return new Map();
  const rows = cachedStatement<[string, string], PopJournalEntry>(
    database,
    `select ${JOURNAL_COLUMNS} from pop_journal where account_id = ? and uidl in (select value from json_each(?))`,
  ).all(accountId, JSON.stringify(uidls));
  return new Map(rows.map((row) => [row.uidl, row]));
}

/** One journal row, if the UIDL is known. */
export function getPopJournalEntry(database: SqliteDatabase, accountId: string, uidl: string): PopJournalEntry | undefined {
  return cachedStatement<[string, string], PopJournalEntry>(database, `select ${JOURNAL_COLUMNS} from pop_journal where account_id = ? and uidl = ?`).get(
    accountId,
    uidl,
  );
}

/** The UIDL of a message stored with its headers only, which the rest is downloaded by; undefined when the journal no longer has it. */
export function headersOnlyUidl(database: SqliteDatabase, accountId: string, messageId: number): string | undefined {
  return database
    .prepare<[number, string], { uidl: string }>("select uidl from pop_journal where message_id = ? and account_id = ? and state = 'headers-only'")
    .get(messageId, accountId)?.uidl;
}

/**
 * Records server messages that are known but not downloaded ("start fresh", or over a size limit the
 * user chose to skip). UIDLs already in the journal keep their row.
 */
export function markKeptOnServer(
  database: SqliteDatabase,
  accountId: string,
  entries: ReadonlyArray<{ uidl: string; size?: number }>,
  reason: string,
  now = Date.now(),
): void {
  const insert = database.prepare(
    `insert into pop_journal (account_id, uidl, state, reason, size, first_seen_at, updated_at)
     values (?, ?, 'kept-on-server', ?, ?, ?, ?) on conflict do nothing`,
  );
  database
    .transaction(() => {
      for (const entry of entries) insert.run(accountId, entry.uidl, reason, entry.size ?? null, now, now);
    })
    .immediate();
}

/**
 * Marks stored messages as chosen for deletion on the server, before DELE is sent. Only UIDLs whose
 * message is stored here in full (`downloaded`) can be marked; the others are returned as refused, so
 * a message is never deleted on the server without its durable local copy.
 */
export function markDeletePending(
  database: SqliteDatabase,
  accountId: string,
  uidls: readonly string[],
  reason: AuditedDeletionReason,
  now = Date.now(),
): { marked: string[]; refused: string[] } {
  const update = database.prepare(
    `update pop_journal set state = 'delete-pending', reason = ?, updated_at = ?
      where account_id = ? and uidl = ? and state in ('downloaded', 'delete-pending')`,
  );
  const marked: string[] = [];
  const refused: string[] = [];
  database
    .transaction(() => {
      for (const uidl of uidls) (update.run(reason, now, accountId, uidl).changes > 0 ? marked : refused).push(uidl);
    })
    .immediate();
  return { marked, refused };
}

/**
 * Records that the server confirmed deleting these messages (a successful QUIT after DELE): their
 * journal rows become `deleted` and each deletion is written to the audit log with its reason.
 */
export function recordServerDeletions(database: SqliteDatabase, accountId: string, uidls: readonly string[], now = Date.now()): ServerDeletionRecord[] {
  const select = database.prepare<[string, string], PopJournalEntry>(`select ${JOURNAL_COLUMNS} from pop_journal where account_id = ? and uidl = ?`);
  const update = database.prepare("update pop_journal set state = 'deleted', updated_at = ? where account_id = ? and uidl = ?");
  const audit = database.prepare('insert into server_deletions (account_id, uidl, message_id, reason, deleted_at) values (?, ?, ?, ?, ?)');
  const records: ServerDeletionRecord[] = [];
  database
    .transaction(() => {
      for (const uidl of uidls) {
        const row = select.get(accountId, uidl);
        if (row === undefined || row.state !== 'delete-pending') continue;
        const reason = (row.reason ?? 'delete-after-download') as AuditedDeletionReason;
        update.run(now, accountId, uidl);
        const { lastInsertRowid } = audit.run(accountId, uidl, row.messageId, reason, now);
        records.push({ id: Number(lastInsertRowid), accountId, uidl, messageId: row.messageId, reason, deletedAt: now });
      }
    })
    .immediate();
  return records;
}

/**
 * Returns `delete-pending` rows that the server did not delete (session ended before QUIT) to
 * `downloaded`. Deletions the user asked for (directly or by a server rule) are left pending: their message may never have been
 * downloaded, and the next session sends their DELE again, as the user chose.
 */
export function cancelDeletePending(database: SqliteDatabase, accountId: string, uidls: readonly string[], now = Date.now()): void {
  const update = database.prepare(
    `update pop_journal set state = 'downloaded', reason = null, updated_at = ?
      where account_id = ? and uidl = ? and state = 'delete-pending' and coalesce(reason, '') <> '${DELETED_BY_USER}'
        and coalesce(reason, '') not like 'deleted-by-rule:%'`,
  );
  database
    .transaction(() => {
      for (const uidl of uidls) update.run(now, accountId, uidl);
    })
    .immediate();
}

/** The audit log of server-side deletions of an account, newest first. */
export function listServerDeletions(database: SqliteDatabase, accountId: string, limit = 1000): ServerDeletionRecord[] {
  return database
    .prepare<[string, number], ServerDeletionRecord>(
      'select id, account_id as accountId, uidl, message_id as messageId, reason, deleted_at as deletedAt from server_deletions where account_id = ? order by deleted_at desc, id desc limit ?',
    )
    .all(accountId, limit);
}
