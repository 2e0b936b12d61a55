/**
 * How each server message stands here, in the words of the Server mailbox: from the server's listing,
 * the POP journal, the messages kept forever and the account's policy. Pure, so the states and the
 * removal dates are tested on their own; it mirrors the rules Send/Receive applies (receive-plan).
 */
import { LARGE_MESSAGE_BYTES, type ServerMailboxListing, type ServerMailboxMessage, type ServerMessageState } from '../../../shared/server-mailbox';
import type { PopJournalEntry } from '../../storage/pop-journal';
import { DAY_MS, fetchesHeadersOnly } from '../../jobs/receive/receive-plan';
import type { ReceivePolicy } from '../../jobs/receive/receive-types';
import type { ServerSessionResult } from '../../jobs/server-mailbox/server-mailbox-job';

/** The state of a message from its journal row. */
export function stateOf(entry: PopJournalEntry | undefined, ambiguous: boolean): ServerMessageState {
  if (ambiguous) return 'ambiguous';
  if (entry === undefined) return 'not-downloaded';
  switch (entry.state) {
    case 'downloaded':
      return 'downloaded';
    case 'headers-only':
      return 'headers-only';
    case 'kept-on-server':
      return 'skipped';
    case 'delete-pending':
      return 'delete-pending';
    case 'deleted':
      // The server confirmed a deletion yet lists it again (a restored mailbox): never touched again.
      return 'skipped';
  }
}

/**
 * When the account's policy removes the message from the server, or null when it keeps it. "At the
 * next Send/Receive" is `now`; a message not downloaded yet is dated from its download at the next check.
 */
export function removalTime(
  state: ServerMessageState,
  entry: PopJournalEntry | undefined,
  size: number | null,
  policy: ReceivePolicy,
  now: number,
): number | null {
  const leave = policy.leaveOnServer;
  switch (state) {
    case 'delete-pending':
      return now;
    case 'downloaded':
      if (entry === undefined) return null;
      switch (leave.mode) {
        case 'forever':
          return null;
        case 'never':
          return now;
        case 'days':
          return Math.max(now, entry.firstSeenAt + leave.days * DAY_MS);
        case 'until-deleted':
          return entry.messageId === null ? now : null;
      }
      return null;
    case 'not-downloaded':
      if (fetchesHeadersOnly(policy, size)) return null;
      switch (leave.mode) {
        case 'never':
          return now;
        case 'days':
          return now + leave.days * DAY_MS;
        case 'forever':
        case 'until-deleted':
          return null;
      }
      return null;
    case 'headers-only':
    case 'skipped':
    case 'ambiguous':
      return null;
  }
}

/** The Server mailbox listing from a session's result and the store's records. */
export function buildListing(input: {
  readonly accountId: string;
  readonly session: Pick<ServerSessionResult, 'listedAt' | 'entries' | 'duplicates' | 'expire' | 'loginDelaySeconds'> &
    Partial<Pick<ServerSessionResult, 'skipped' | 'skippedWarnings'>>;
  readonly journal: ReadonlyMap<string, PopJournalEntry>;
  readonly keptForever: ReadonlySet<string>;
  readonly policy: ReceivePolicy;
  readonly now: number;
  readonly largeMessageBytes?: number;
}): ServerMailboxListing {
  const large = input.largeMessageBytes ?? LARGE_MESSAGE_BYTES;
  const duplicates = new Set(input.session.duplicates);
  const messages = input.session.entries.map((entry): ServerMailboxMessage => {
    const row = entry.uidl === '' ? undefined : input.journal.get(entry.uidl);
    const state = stateOf(row, duplicates.has(entry.uidl));
    const keptForever = input.keptForever.has(entry.uidl);
    return {
      number: entry.number,
      uidl: entry.uidl,
      size: entry.size,
      from: entry.from,
      subject: entry.subject,
      date: entry.date,
      state,
      localMessageId: row?.messageId ?? null,
      keptForever,
      removalAt:
        (keptForever && state !== 'delete-pending') || (state === 'not-downloaded' && entry.rule !== undefined)
          ? null
          : removalTime(state, row, entry.size, input.policy, input.now),
      large: entry.size !== null && entry.size > large,
      // A server rule acts only on a message new here (never stored, never seen), as Send/Receive does.
      ...(state === 'not-downloaded' && entry.rule !== undefined ? { serverRule: entry.rule } : {}),
    };
  });
  return {
    accountId: input.accountId,
    listedAt: input.session.listedAt,
    messages,
    totals: { count: messages.length, bytes: messages.reduce((sum, message) => sum + (message.size ?? 0), 0) },
    expire: input.session.expire,
    loginDelaySeconds: input.session.loginDelaySeconds,
    largeMessageBytes: large,
    warnings: input.session.skipped ?? [],
    skipped: input.session.skippedWarnings ?? [],
  };
}
