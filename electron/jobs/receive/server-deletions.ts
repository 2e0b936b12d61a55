/**
 * Server-side deletion for one session, in the only safe order: the journal row becomes
 * `delete-pending` (committed) before DELE is sent, and `deleted` (with its audit-log record) only
 * after QUIT succeeded, because the server removes nothing before the UPDATE state (RFC 1939 §6).
 * If the session ends before QUIT was sent, the rows go back to `downloaded`; if QUIT itself fails,
 * they stay pending and the next session settles them from the UIDL listing.
 */
import type { Pop3Session } from '../../protocols/pop3';
import type { SqliteDatabase } from '../../storage/database';
import {
  cancelDeletePending,
  DELETED_BY_USER,
  markDeletePending,
  recordServerDeletions,
  type AuditedDeletionReason,
  type ServerDeletionRecord,
} from '../../storage/pop-journal';
import { markRequestedDeletions, restoreRequestedDeletions, type RequestedDeletion } from '../../storage/server-mailbox-records';
import type { DeleteItem } from './receive-plan';
import type { ReceiveMessageError } from './receive-types';

/** The deletions of one session. */
export class SessionDeletions {
  /** Marked `delete-pending` in this session and DELE answered `+OK`. */
  private readonly sent = new Set<string>();
  /** Marked `delete-pending` in this session (DELE may not have been sent yet). */
  private readonly marked = new Set<string>();
  /** Deletions the user asked for, with their journal rows as they were (put back if not carried out). */
  private readonly requested = new Map<string, RequestedDeletion>();
  private pending: Promise<void> = Promise.resolve();
  readonly errors: ReceiveMessageError[] = [];

  constructor(
    private readonly session: Pop3Session,
    private readonly database: SqliteDatabase,
    private readonly accountId: string,
    private readonly clock: () => number,
  ) {}

  /** Whether any DELE was accepted in this session. */
  get count(): number {
    return this.sent.size;
  }

  /**
   * Marks the messages and queues their DELE (pipelined behind whatever the session is doing). Only
   * rows the journal holds as stored in full can be marked; anything else is refused and not deleted.
   */
  queue(items: readonly DeleteItem[]): void {
    const byReason = new Map<DeleteItem['reason'], DeleteItem[]>();
    for (const item of items) {
      if (this.marked.has(item.uidl)) continue;
      byReason.set(item.reason, [...(byReason.get(item.reason) ?? []), item]);
    }
    const accepted: DeleteItem[] = [];
    for (const [reason, group] of byReason) {
      const { marked } = markDeletePending(
        this.database,
        this.accountId,
        group.map((item) => item.uidl),
        reason,
        this.clock(),
      );
      const markedSet = new Set(marked);
      for (const item of group) if (markedSet.has(item.uidl)) accepted.push(item);
    }
    if (accepted.length === 0) return;
    for (const item of accepted) this.marked.add(item.uidl);
    const deletion = this.session.deleteMany(accepted.map((item) => item.number)).then((outcomes) => {
      outcomes.forEach((outcome, index) => {
        const item = accepted[index];
        if (item === undefined) return;
        if (outcome.ok) this.sent.add(item.uidl);
        else {
          this.marked.delete(item.uidl);
          cancelDeletePending(this.database, this.accountId, [item.uidl], this.clock());
          this.errors.push({ uidl: item.uidl, error: outcome.error.toData() });
        }
      });
    });
    this.pending = Promise.all([this.pending, deletion]).then(() => undefined);
    this.pending.catch(() => undefined); // the session's error is reported by whoever awaits the session
  }

  /**
   * Marks and queues the deletions the user asked for (Server mailbox): any message the server lists,
   * downloaded or not, recorded with the reason `deleted-by-user` (or the server rule's that chose them). Returns the UIDLs refused because
   * the journal already records them as deleted.
   */
  queueRequested(
    items: ReadonlyArray<{ readonly number: number; readonly uidl: string; readonly size: number | null }>,
    reason: AuditedDeletionReason = DELETED_BY_USER,
  ): string[] {
    const fresh = items.filter((item) => !this.marked.has(item.uidl));
    const { marked, refused } = markRequestedDeletions(this.database, this.accountId, fresh, this.clock(), reason);
    const byUidl = new Map(fresh.map((item) => [item.uidl, item]));
    const accepted = marked.flatMap((deletion) => {
      const item = byUidl.get(deletion.uidl);
      return item === undefined ? [] : [{ item, deletion }];
    });
    if (accepted.length === 0) return refused;
    for (const { deletion } of accepted) {
      this.marked.add(deletion.uidl);
      this.requested.set(deletion.uidl, deletion);
    }
    const deletion = this.session.deleteMany(accepted.map(({ item }) => item.number)).then((outcomes) => {
      outcomes.forEach((outcome, index) => {
        const entry = accepted[index];
        if (entry === undefined) return;
        if (outcome.ok) this.sent.add(entry.item.uidl);
        else {
          this.marked.delete(entry.item.uidl);
          this.requested.delete(entry.item.uidl);
          restoreRequestedDeletions(this.database, this.accountId, [entry.deletion], this.clock());
          this.errors.push({ uidl: entry.item.uidl, error: outcome.error.toData() });
        }
      });
    });
    this.pending = Promise.all([this.pending, deletion]).then(() => undefined);
    this.pending.catch(() => undefined);
    return refused;
  }

  /** Waits for every queued DELE; rejects if the session failed meanwhile. */
  settle(): Promise<void> {
    return this.pending;
  }

  /** After a successful QUIT: the server removed them; records each deletion in the audit log. */
  confirm(): ServerDeletionRecord[] {
    return recordServerDeletions(this.database, this.accountId, [...this.sent], this.clock());
  }

  /** The session ended before QUIT was sent: the server removes nothing, so nothing stays pending. */
  rollBack(): void {
    cancelDeletePending(this.database, this.accountId, [...this.marked], this.clock());
    restoreRequestedDeletions(this.database, this.accountId, [...this.requested.values()], this.clock());
  }
}
