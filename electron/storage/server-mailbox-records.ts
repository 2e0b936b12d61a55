/**
 * What the Server mailbox adds to the POP journal: messages kept on the server forever (every
 * Send/Receive policy run consults them, so no policy deletes them), deletions the user asked for
 * (marked `delete-pending` with the reason `deleted-by-user` before DELE is sent, like every other
 * server deletion), and the protocol transcript of each account's last session.
 */
import type { TranscriptLine, TranscriptKind } from '../../shared/server-mailbox';
import type { SqliteDatabase } from './database';
import { DELETED_BY_USER, type AuditedDeletionReason, type PopState } from './pop-journal';

/** The UIDLs of an account that the user keeps on the server forever. */
export function readKeptForever(database: SqliteDatabase, accountId: string): Set<string> {
  const rows = database.prepare<[string], { uidl: string }>('select uidl from pop_keep_forever where account_id = ?').all(accountId);
  return new Set(rows.map((row) => row.uidl));
}

/** Keeps these messages on the server forever (`keep`), or hands them back to the account's policy. */
export function setKeptForever(database: SqliteDatabase, accountId: string, uidls: readonly string[], keep: boolean, now = Date.now()): void {
  const insert = database.prepare('insert into pop_keep_forever (account_id, uidl, kept_at) values (?, ?, ?) on conflict do nothing');
  const remove = database.prepare('delete from pop_keep_forever where account_id = ? and uidl = ?');
  database
    .transaction(() => {
      for (const uidl of uidls) {
        if (keep) insert.run(accountId, uidl, now);
        else remove.run(accountId, uidl);
      }
    })
    .immediate();
}

/** A journal row as it was before a requested deletion marked it (null: there was none). */
export interface RequestedDeletion {
  readonly uidl: string;
  readonly previous: { readonly state: PopState; readonly reason: string | null } | null;
}

/**
 * Marks messages the user asked to delete as `delete-pending` (reason `deleted-by-user`), committed
 * before any DELE is sent; unknown UIDLs get a row, so the message is never downloaded afterwards.
 * Messages already deleted are refused. The previous rows are returned so a session that ends before
 * QUIT can put them back exactly (`restoreRequestedDeletions`).
 */
export function markRequestedDeletions(
  database: SqliteDatabase,
  accountId: string,
  items: ReadonlyArray<{ readonly uidl: string; readonly size: number | null }>,
  now = Date.now(),
  reason: AuditedDeletionReason = DELETED_BY_USER,
): { marked: RequestedDeletion[]; refused: string[] } {
  const select = database.prepare<[string, string], { state: PopState; reason: string | null }>(
    'select state, reason from pop_journal where account_id = ? and uidl = ?',
  );
  const insert = database.prepare(
    `insert into pop_journal (account_id, uidl, state, reason, size, first_seen_at, updated_at) values (?, ?, 'delete-pending', ?, ?, ?, ?)`,
  );
  const update = database.prepare("update pop_journal set state = 'delete-pending', reason = ?, updated_at = ? where account_id = ? and uidl = ?");
  const unkeep = database.prepare('delete from pop_keep_forever where account_id = ? and uidl = ?');
  const marked: RequestedDeletion[] = [];
  const refused: string[] = [];
  database
    .transaction(() => {
      for (const item of items) {
        const row = select.get(accountId, item.uidl);
        if (row?.state === 'deleted') {
          refused.push(item.uidl);
          continue;
        }
        if (row === undefined) insert.run(accountId, item.uidl, reason, item.size, now, now);
        else update.run(reason, now, accountId, item.uidl);
        unkeep.run(accountId, item.uidl);
        marked.push({ uidl: item.uidl, previous: row === undefined ? null : { state: row.state, reason: row.reason } });
      }
    })
    .immediate();
  return { marked, refused };
}

/** Puts requested deletions that the server did not carry out back as they were (rows created for them go). */
export function restoreRequestedDeletions(database: SqliteDatabase, accountId: string, deletions: readonly RequestedDeletion[], now = Date.now()): void {
  const remove = database.prepare("delete from pop_journal where account_id = ? and uidl = ? and state = 'delete-pending'");
  const update = database.prepare(
    "update pop_journal set state = ?, reason = ?, updated_at = ? where account_id = ? and uidl = ? and state = 'delete-pending'",
  );
  database
    .transaction(() => {
      for (const deletion of deletions) {
        if (deletion.previous === null) remove.run(accountId, deletion.uidl);
        else update.run(deletion.previous.state, deletion.previous.reason, now, accountId, deletion.uidl);
      }
    })
    .immediate();
}

/** The transcript of one session as stored. */
export interface StoredTranscript {
  readonly kind: TranscriptKind;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Lines left out in the middle of a very long session. */
  readonly omitted: number;
  readonly lines: readonly TranscriptLine[];
}

/** Replaces the account's last-session transcript. */
export function saveTranscript(database: SqliteDatabase, accountId: string, transcript: StoredTranscript): void {
  database
    .prepare(
      `insert into pop_transcripts (account_id, kind, started_at, ended_at, omitted, entries) values (?, ?, ?, ?, ?, ?)
       on conflict (account_id) do update set kind = excluded.kind, started_at = excluded.started_at, ended_at = excluded.ended_at,
         omitted = excluded.omitted, entries = excluded.entries`,
    )
    .run(accountId, transcript.kind, transcript.startedAt, transcript.endedAt, transcript.omitted, JSON.stringify(transcript.lines));
}

/** The account's last-session transcript, if any session was recorded. */
export function readTranscript(database: SqliteDatabase, accountId: string): StoredTranscript | undefined {
  const row = database
    .prepare<[string], { kind: TranscriptKind; started_at: number; ended_at: number; omitted: number; entries: string }>(
      'select kind, started_at, ended_at, omitted, entries from pop_transcripts where account_id = ?',
    )
    .get(accountId);
  if (row === undefined) return undefined;
  return { kind: row.kind, startedAt: row.started_at, endedAt: row.ended_at, omitted: row.omitted, lines: JSON.parse(row.entries) as TranscriptLine[] };
}
