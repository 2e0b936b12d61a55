/**
 * The data of a receive run: the account's receive policy, what a run is asked to do, its progress
 * events and its final outcome. Everything here is plain data, so it crosses a worker boundary as is.
 */
import type { ErrorData } from '../../../shared/errors';
import type { ServerDeletionReason } from '../../storage/pop-journal';

/**
 * How long messages stay on the server once they are stored here:
 * - `forever`: never deleted by Mailbag;
 * - `days`: deleted `days` days after Mailbag first saw them;
 * - `until-deleted`: deleted once they are deleted here for good (Trash emptied);
 * - `never`: deleted as soon as they are stored here ("delete after download").
 */
export type LeaveOnServer =
  { readonly mode: 'forever' } | { readonly mode: 'days'; readonly days: number } | { readonly mode: 'until-deleted' } | { readonly mode: 'never' };

/** The receive side of an account's settings (the account model supplies it). */
export interface ReceivePolicy {
  readonly leaveOnServer: LeaveOnServer;
  /** Fetch only the header of new messages (TOP n 0); the rest on request. */
  readonly headersOnly: boolean;
  /** Messages larger than this are fetched as headers only; null for no limit. */
  readonly sizeLimitBytes: number | null;
}

/** What a run does: the normal check, "start fresh", or completing partial messages. */
export type ReceiveMode =
  | { readonly kind: 'receive' }
  /** Marks everything now on the server as seen, without downloading it. */
  | { readonly kind: 'start-fresh' }
  /** Downloads the full bytes of these headers-only messages (and also does a normal check). */
  | { readonly kind: 'complete'; readonly uidls: readonly string[] };

/** Where a run is. */
export type ReceivePhase = 'connecting' | 'authenticating' | 'listing' | 'downloading' | 'deleting' | 'finishing';

/** A progress event; `seq` increases by one per event of a run. */
export interface ReceiveProgress {
  readonly seq: number;
  readonly accountId: string;
  readonly phase: ReceivePhase;
  readonly messagesDone: number;
  readonly messagesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** A problem with one message that did not stop the run. */
export interface ReceiveMessageError {
  readonly uidl: string;
  readonly error: ErrorData;
}

/** Counts of a run, also reported when it failed part way (what was done stays done). */
export interface ReceiveSummary {
  /** Messages stored here in full for the first time. */
  readonly newMessages: number;
  /** Messages stored as headers only (headers-only policy or over the size limit). */
  readonly partialMessages: number;
  /** Partial messages whose full bytes were downloaded. */
  readonly completedMessages: number;
  /** Messages not stored because identical bytes are already here (journal lost or restored). */
  readonly skippedDuplicates: number;
  /** Messages marked as seen without downloading ("start fresh"). */
  readonly markedSeen: number;
  /** Server deletions confirmed by QUIT, by reason. */
  readonly deletedOnServer: Readonly<Record<ServerDeletionReason, number>>;
  /** Messages the server gives a unique-id shared with another message (RFC 1939 §7): left alone. */
  readonly ambiguousOnServer: number;
  /** Messages skipped because the server's listing about them could not be understood (each also in `errors`). */
  readonly skippedOnServer: number;
  /** Seconds the server wants between logins (RFC 2449 §6.5), when it said; the scheduler honours it. */
  readonly loginDelaySeconds: number | null;
  readonly errors: readonly ReceiveMessageError[];
}

/** How a run ended. Stored messages stay stored whatever the status. */
export type ReceiveOutcome =
  | { readonly status: 'completed'; readonly accountId: string; readonly summary: ReceiveSummary }
  /** `[IN-USE]` or `[LOGIN-DELAY]` (RFC 2449 §8.1): not an error; try again at `retryAt` (ms since epoch). */
  | {
      readonly status: 'busy';
      readonly accountId: string;
      readonly retryAt: number;
      readonly reason: 'in-use' | 'login-delay';
      readonly summary: ReceiveSummary;
    }
  | { readonly status: 'cancelled'; readonly accountId: string; readonly summary: ReceiveSummary }
  | { readonly status: 'failed'; readonly accountId: string; readonly error: ErrorData & { readonly retryable: boolean }; readonly summary: ReceiveSummary };

/** A summary with nothing in it. */
export function emptySummary(): ReceiveSummary {
  return {
    newMessages: 0,
    partialMessages: 0,
    completedMessages: 0,
    skippedDuplicates: 0,
    markedSeen: 0,
    deletedOnServer: { 'delete-after-download': 0, 'keep-days-expired': 0, 'deleted-locally': 0 },
    ambiguousOnServer: 0,
    skippedOnServer: 0,
    loginDelaySeconds: null,
    errors: [],
  };
}
