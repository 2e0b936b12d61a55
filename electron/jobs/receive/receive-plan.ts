/**
 * Reconciling the server's UIDL listing with the account's POP journal: which messages to fetch, which
 * the policy deletes on the server, and which earlier deletions the server has confirmed. Pure, so the
 * rules that decide server-side deletion (architecture invariant 3) are tested on their own.
 */
import type { AuditedDeletionReason, PopJournalEntry, PopState, ServerDeletionReason } from '../../storage/pop-journal';
import type { LeaveOnServer, ReceiveMode, ReceivePolicy } from './receive-types';

/** Milliseconds in a day, for the "keep N days" policy. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** One message on the server in this session: number (session-local), unique-id and size. */
export interface ServerMessage {
  readonly number: number;
  readonly uidl: string;
  /** Octets as LIST reports them (RFC 1939 §5), or null if unknown. */
  readonly size: number | null;
}

/** How a message is fetched. */
export type FetchKind = 'full' | 'headers' | 'complete';

/** A message to fetch. */
export interface FetchItem extends ServerMessage {
  readonly kind: FetchKind;
  /**
   * The server gives this message's unique-id to another one too: it is fetched under an empty
   * unique-id (so it is known by its content, stored once) and never deleted on the server.
   */
  readonly sharedUidl?: boolean;
  /** For TOP (RFC 1939 §7): the body lines wanted; absent for RETR. */
  readonly topLines?: number;
}

/** A message to delete on the server, with the policy that decided it. */
export interface DeleteItem {
  readonly number: number;
  readonly uidl: string;
  readonly reason: AuditedDeletionReason;
}

/** What a session should do. */
export interface ReceivePlan {
  readonly fetch: readonly FetchItem[];
  /** Messages already stored here in full (journal committed) that the policy now deletes. */
  readonly delete: readonly DeleteItem[];
  /** `delete-pending` UIDLs the server no longer lists: an earlier QUIT did remove them. */
  readonly confirmedDeleted: readonly string[];
  /** Unknown messages to record as seen without downloading ("start fresh"). */
  readonly markSeen: readonly ServerMessage[];
  /**
   * Messages whose unique-id the server gives to several messages: fetched (stored once, known by
   * their content) but never deleted on the server.
   */
  readonly ambiguous: readonly ServerMessage[];
}

/** Whether a message of this size is fetched as headers only under the policy. */
export function fetchesHeadersOnly(policy: ReceivePolicy, size: number | null): boolean {
  if (policy.headersOnly) return true;
  return policy.sizeLimitBytes !== null && size !== null && size > policy.sizeLimitBytes;
}

/**
 * Why the policy deletes a message stored here in full, or null to keep it. Only `downloaded` rows
 * qualify: a partial, skipped or unknown message is never deleted on the server.
 */
export function deletionReason(leaveOnServer: LeaveOnServer, entry: PopJournalEntry, now: number): ServerDeletionReason | null {
  if (entry.state !== 'downloaded') return null;
  switch (leaveOnServer.mode) {
    case 'forever':
      return null;
    case 'never':
      return 'delete-after-download';
    case 'days':
      return entry.firstSeenAt + leaveOnServer.days * DAY_MS <= now ? 'keep-days-expired' : null;
    case 'until-deleted':
      return entry.messageId === null ? 'deleted-locally' : null;
  }
}

/**
 * The journal states whose rows call for nothing in a run of this policy and mode, whatever else the
 * row holds: a message known but not downloaded or already deleted on the server is left alone, and a
 * downloaded one too when the policy keeps mail on the server forever (or the run starts fresh). The
 * plan then needs to know only that such a UIDL is in the journal (see `quietUidls`).
 */
export function quietJournalStates(policy: ReceivePolicy, mode: ReceiveMode): PopState[] {
  const quiet: PopState[] = ['kept-on-server', 'deleted'];
  if (policy.leaveOnServer.mode === 'forever' || mode.kind === 'start-fresh') quiet.push('downloaded');
  return quiet;
}

/** The plan of a session, from the listing, the journal, the policy and the mode. */
export function planReceive(input: {
  readonly server: readonly ServerMessage[];
  readonly duplicateUidls: ReadonlySet<string>;
  readonly journal: ReadonlyMap<string, PopJournalEntry>;
  /**
   * UIDLs the journal holds in a state of `quietJournalStates(policy, mode)`, given apart from
   * `journal` (which then holds the other rows): known, so never fetched again, and otherwise left alone.
   */
  readonly quietUidls?: ReadonlySet<string>;
  readonly policy: ReceivePolicy;
  readonly mode: ReceiveMode;
  readonly now: number;
  /** False for a server without UIDL: its messages are then identified by content after download. */
  readonly hasUidl?: boolean;
  /** UIDLs the user keeps on the server forever (Server mailbox): no policy deletes them. */
  readonly keptForever?: ReadonlySet<string>;
}): ReceivePlan {
  const { server, duplicateUidls, journal, policy, mode, now } = input;
  const keptForever = input.keptForever ?? new Set<string>();
  if (input.hasUidl === false) {
    // Nothing can be matched before download, and absence from a listing proves nothing.
    return { fetch: server.map((message) => ({ ...message, kind: 'full' })), delete: [], confirmedDeleted: [], markSeen: [], ambiguous: [] };
  }
  const fetch: FetchItem[] = [];
  const remove: DeleteItem[] = [];
  const markSeen: ServerMessage[] = [];
  const ambiguous: ServerMessage[] = [];
  const completing = new Set(mode.kind === 'complete' ? mode.uidls : []);
  const listed = new Set<string>();
  for (const message of server) {
    listed.add(message.uidl);
    if (duplicateUidls.has(message.uidl)) {
      // RFC 1939 §7 forbids it, so the unique-id says nothing: identify by content after download.
      ambiguous.push(message);
      // An empty identity (no header identity on a server without UIDL) names nothing: left alone.
      if (message.uidl !== '' && mode.kind !== 'start-fresh' && !fetchesHeadersOnly(policy, message.size))
        fetch.push({ ...message, uidl: '', kind: 'full', sharedUidl: true });
      continue;
    }
    const entry = journal.get(message.uidl);
    if (entry === undefined && input.quietUidls?.has(message.uidl) === true) continue;
    if (entry === undefined) {
      if (mode.kind === 'start-fresh') markSeen.push(message);
      else if (fetchesHeadersOnly(policy, message.size)) fetch.push({ ...message, kind: 'headers', topLines: 0 });
      else fetch.push({ ...message, kind: 'full' });
      continue;
    }
    switch (entry.state) {
      case 'headers-only':
        if (completing.has(message.uidl)) fetch.push({ ...message, kind: 'complete' });
        break;
      case 'delete-pending':
        // Chosen earlier, but that session's QUIT never confirmed it (RFC 1939 §6): send DELE again.
        remove.push({ number: message.number, uidl: message.uidl, reason: (entry.reason ?? 'delete-after-download') as DeleteItem['reason'] });
        break;
      case 'downloaded': {
        const reason = mode.kind === 'start-fresh' || keptForever.has(message.uidl) ? null : deletionReason(policy.leaveOnServer, entry, now);
        if (reason !== null) remove.push({ number: message.number, uidl: message.uidl, reason });
        break;
      }
      case 'kept-on-server':
      case 'deleted':
        break;
    }
  }
  const confirmedDeleted = [...journal.values()].filter((entry) => entry.state === 'delete-pending' && !listed.has(entry.uidl)).map((entry) => entry.uidl);
  return { fetch, delete: remove, confirmedDeleted, markSeen, ambiguous };
}
