/**
 * Receiving one account: connect, sign in, UIDL and LIST, reconcile with the POP journal, fetch what
 * is new in batches (each made durable by one commit), then DELE what the policy says, QUIT, and
 * record the confirmed deletions. The order is what keeps mail safe: a message is deleted on the
 * server only after its bytes and its journal row are committed (architecture invariant 1), and a
 * crash or drop at any point leaves a state the next run finishes without loss or duplicates.
 */
import { wordedErrorData } from '../../../shared/error-words';
import { MailbagError, toErrorData } from '../../../shared/errors';
import { listingWarningMessage } from '../../../shared/server-mailbox';
import { connectAndSignIn, Pop3Error, type Pop3ConnectOptions, type Pop3Credentials, type Pop3Session } from '../../protocols/pop3';
import {
  markKeptOnServer,
  readPopJournalForPlan,
  recordServerDeletions,
  type AuditedDeletionReason,
  type ServerDeletionReason,
  type ServerDeletionRecord,
} from '../../storage/pop-journal';
import { readKeptForever } from '../../storage/server-mailbox-records';
import { commitBatch, downloadBatch, type BatchResult, type ReceiveStore } from './fetch-batch';
import { identifyByHeaders } from './header-identity';
import { listServer, type SkippedServerMessage } from './server-listing';
import { planReceive, quietJournalStates, type FetchItem, type ReceivePlan } from './receive-plan';
import { applyServerRules } from './server-rules';
import { ProgressTracker } from './receive-progress';
import { markPhase } from '../phase-marks';
import { SessionDeletions } from './server-deletions';
import { isSqliteBusy } from '../../storage/sqlite-busy';
import {
  emptySummary,
  type ReceiveMessageError,
  type ReceiveMode,
  type ReceiveOutcome,
  type ReceivePolicy,
  type ReceiveProgress,
  type ReceiveSummary,
} from './receive-types';

/**
 * Most messages in the first batch (one fsync pass and one transaction each): the first new mail is
 * listed soon after the download begins.
 */
export const RECEIVE_BATCH_MESSAGES = 250;
/**
 * Most messages in any later batch: each batch may hold twice as many as the one before, up to this.
 * Every commit rewrites the index pages its rows touch (most of them, for keys in no particular order
 * such as dates and digests), so a long download commits a few large batches rather than many small ones.
 */
export const RECEIVE_BATCH_MESSAGES_LARGEST = 2000;
/** A batch is closed once its messages add up to this many octets (LIST sizes). */
export const RECEIVE_BATCH_BYTES = 32 * 1024 * 1024;
/**
 * The last batch is committed while nothing else downloads, so the run waits for all of its fsync and
 * transaction: a last batch larger than this (LIST sizes) is split in halves, each downloading while the
 * one before it commits, until the last is this small or holds TAIL_MIN_MESSAGES or fewer.
 */
export const RECEIVE_TAIL_BYTES = 1024 * 1024;
/** A last batch of this many messages or fewer is not split (each commit costs a few fsyncs). */
export const TAIL_MIN_MESSAGES = 16;
/** When the server says the mailbox is in use (RFC 2449 §8.1.1) without a LOGIN-DELAY: wait this long. */
export const BUSY_RETRY_MS = 5 * 60 * 1000;
/** Reason recorded in the journal for messages marked seen by "start fresh". */
export const START_FRESH_REASON = 'start-fresh';
/** Reason recorded for a server message whose bytes were already stored (journal lost or restored). */
export const DUPLICATE_REASON = 'duplicate-of-stored';

/** What `receiveAccount` needs. */
export interface ReceiveAccountOptions {
  readonly accountId: string;
  readonly store: ReceiveStore;
  /** Where and how to connect; the signal is added from `signal`. */
  readonly connection: Omit<Pop3ConnectOptions, 'signal'>;
  readonly credentials: Pop3Credentials;
  readonly policy: ReceivePolicy;
  readonly mode?: ReceiveMode;
  /** Cancels the run at any point; committed messages stay, no deletion is committed. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReceiveProgress) => void;
  readonly clock?: () => number;
  readonly batchMessages?: number;
  readonly batchBytes?: number;
}

type MutableSummary = { -readonly [K in keyof ReceiveSummary]: ReceiveSummary[K] } & {
  deletedOnServer: { -readonly [K in keyof ReceiveSummary['deletedOnServer']]: number };
  errors: ReceiveSummary['errors'][number][];
};

/**
 * Splits fetch items into batches by count and by size: the first holds at most `maxMessages`, each
 * later one at most twice as many as the one before, up to `largestMessages` (by default no growth).
 */
export function splitBatches(items: readonly FetchItem[], maxMessages: number, maxBytes: number, largestMessages = maxMessages): FetchItem[][] {
  const batches: FetchItem[][] = [];
  let current: FetchItem[] = [];
  let bytes = 0;
  let limit = maxMessages;
  for (const item of items) {
    const size = item.topLines === undefined ? (item.size ?? 0) : 0;
    if (current.length > 0 && (current.length >= limit || bytes + size > maxBytes)) {
      batches.push(current);
      limit = Math.min(2 * limit, Math.max(largestMessages, maxMessages));
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** LIST octets a batch will download (none counted for TOP). */
function batchBytes(items: readonly FetchItem[]): number {
  return items.reduce((sum, item) => sum + (item.topLines === undefined ? (item.size ?? 0) : 0), 0);
}

/**
 * Splits the last batch in halves, the later half again, and so on (see RECEIVE_TAIL_BYTES), so the
 * commit nothing overlaps is a small one. The other batches and the order of the items stay as they are.
 */
export function taperLastBatch(batches: readonly FetchItem[][], tailBytes: number, minMessages: number): FetchItem[][] {
  const tapered = batches.slice(0, -1);
  let last = batches.at(-1);
  while (last !== undefined && last.length > 2 * minMessages && batchBytes(last) > tailBytes) {
    const half = Math.ceil(last.length / 2);
    tapered.push(last.slice(0, half));
    last = last.slice(half);
  }
  if (last !== undefined) tapered.push(last);
  return tapered;
}

/** Whether the error is the server's "busy" (`[IN-USE]` / `[LOGIN-DELAY]`, RFC 2449 §8.1). */
function busyReason(error: unknown): 'in-use' | 'login-delay' | undefined {
  if (!(error instanceof MailbagError) || error.code !== 'MAILBOX_BUSY') return undefined;
  return error instanceof Pop3Error && error.responseCode?.toUpperCase() === 'LOGIN-DELAY' ? 'login-delay' : 'in-use';
}

/** Receives one account (see the module comment). Never rejects: every ending is an outcome. */
export async function receiveAccount(options: ReceiveAccountOptions): Promise<ReceiveOutcome> {
  const { accountId, store, policy } = options;
  const mode = options.mode ?? { kind: 'receive' };
  const clock = options.clock ?? Date.now;
  const summary = emptySummary() as MutableSummary;
  const progress = new ProgressTracker(accountId, options.onProgress, clock);
  let session: Pop3Session | undefined;
  let deletions: SessionDeletions | undefined;
  let loginDelaySeconds: number | null = null;
  try {
    progress.enter('connecting');
    const signedIn = await connectAndSignIn(
      { ...options.connection, ...(options.signal === undefined ? {} : { signal: options.signal }) },
      options.credentials,
      (connected) => {
        session = connected;
        loginDelaySeconds = connected.capabilities.loginDelaySeconds;
        summary.loginDelaySeconds = loginDelaySeconds;
        progress.enter('authenticating');
      },
    );
    session = signedIn.session;
    loginDelaySeconds = session.capabilities.loginDelaySeconds ?? loginDelaySeconds;
    summary.loginDelaySeconds = loginDelaySeconds;
    progress.enter('listing');
    let listing = await listServer(session);
    // Without UIDL, "delete after download" identifies messages by content; anything that leaves mail
    // on the server needs an identity before download: the header fallback (or a clear refusal).
    if (!listing.hasUidl && !(policy.leaveOnServer.mode === 'never' && mode.kind === 'receive')) listing = await identifyByHeaders(session, listing);
    const keptForever = readKeptForever(store.database, accountId);
    const journal = readPopJournalForPlan(store.database, accountId, quietJournalStates(policy, mode));
    const planned = planReceive({
      server: listing.messages,
      duplicateUidls: listing.duplicates,
      journal: journal.rows,
      quietUidls: journal.quiet,
      policy,
      mode,
      now: clock(),
      hasUidl: listing.hasUidl,
      keptForever,
    });
    summary.ambiguousOnServer = planned.ambiguous.length;
    summary.skippedOnServer = listing.skipped.length;
    summary.errors.push(...listing.skipped.map(skippedWarning));
    deletions = new SessionDeletions(session, store.database, accountId, clock);
    // Server rules decide about new messages from their headers before anything is downloaded (only
    // with unique-ids: without them a message stored here cannot be told from a new one).
    const { plan } = listing.hasUidl ? await applyServerRules(session, store.database, accountId, planned, deletions, clock()) : { plan: planned };
    // An earlier QUIT removed these, but that run ended before recording it (RFC 1939 §6).
    countDeletions(summary, recordServerDeletions(store.database, accountId, plan.confirmedDeleted, clock()));
    if (mode.kind === 'start-fresh') {
      markKeptOnServer(
        store.database,
        accountId,
        plan.markSeen.map((message) => ({ uidl: message.uidl, ...(message.size === null ? {} : { size: message.size }) })),
        START_FRESH_REASON,
        clock(),
      );
      summary.markedSeen = plan.markSeen.length;
    }
    await download(session, plan, options, summary, progress, deletions);
    // Only a run that deletes something says so: "deleting" after a run that keeps mail misleads.
    if (plan.delete.length > 0) progress.enter('deleting');
    deletions.queue(plan.delete);
    await deletions.settle();
    summary.errors.push(...deletions.errors);
    progress.enter('finishing');
    await session.quit();
    markPhase('signed off');
    countDeletions(summary, deletions.confirm());
    return { status: 'completed', accountId, summary };
  } catch (error) {
    session?.close();
    if (deletions !== undefined && !(session?.quitSent ?? false)) deletions.rollBack();
    if (options.signal?.aborted === true || (error instanceof MailbagError && error.code === 'CANCELLED')) {
      return { status: 'cancelled', accountId, summary };
    }
    const busy = busyReason(error);
    if (busy !== undefined) {
      const delayMs = busy === 'login-delay' && loginDelaySeconds !== null ? loginDelaySeconds * 1000 : BUSY_RETRY_MS;
      return { status: 'busy', accountId, retryAt: clock() + delayMs, reason: busy, summary };
    }
    if (isSqliteBusy(error)) {
      return {
        status: 'failed',
        accountId,
        error: { ...wordedErrorData('STORAGE', { id: 'storageError.storeBusyRetry' }), retryable: true },
        summary,
      };
    }
    const retryable =
      error instanceof Pop3Error ? error.retryable : error instanceof MailbagError ? error.code !== 'STORAGE' && error.code !== 'VALIDATION' : false;
    return { status: 'failed', accountId, error: { ...toErrorData(error), retryable }, summary };
  }
}

/** A message the listing could not vouch for, as a per-message warning of the summary. */
function skippedWarning(skipped: SkippedServerMessage): ReceiveMessageError {
  return {
    uidl: skipped.number === null ? '?' : String(skipped.number),
    error: { code: 'PROTOCOL_ERROR', message: skipped.reason, words: listingWarningMessage(skipped.warning) },
  };
}

/** Counts confirmed deletions by policy; deletions the user asked for (Server mailbox, a server rule) are not a policy's. */
function countDeletions(summary: MutableSummary, records: readonly ServerDeletionRecord[]): void {
  for (const record of records) if (isPolicyReason(record.reason)) summary.deletedOnServer[record.reason] += 1;
}

function isPolicyReason(reason: AuditedDeletionReason): reason is ServerDeletionReason {
  return reason === 'delete-after-download' || reason === 'keep-days-expired' || reason === 'deleted-locally';
}

async function download(
  session: Pop3Session,
  plan: ReceivePlan,
  options: ReceiveAccountOptions,
  summary: MutableSummary,
  progress: ProgressTracker,
  deletions: SessionDeletions,
): Promise<void> {
  progress.messagesTotal = plan.fetch.length;
  progress.bytesTotal = plan.fetch.reduce((sum, item) => sum + (item.topLines === undefined ? (item.size ?? 0) : 0), 0);
  progress.enter('downloading');
  const afterDownload = options.policy.leaveOnServer.mode === 'never';
  const keptForever = readKeptForever(options.store.database, options.accountId);
  const clock = options.clock ?? Date.now;
  const committed = (result: BatchResult): void => {
    tally(result, summary, options);
    progress.batchDone(result.committed.length + result.duplicates.length + result.known.length);
    if (result.sessionError !== undefined) throw result.sessionError;
    if (afterDownload) {
      // DELE for this batch only now that its commit returned (architecture invariant 1).
      const stored = [...result.committed.filter((each) => each.item.kind !== 'headers'), ...result.known].filter(
        (each) => !keptForever.has(each.uidl) && each.item.sharedUidl !== true,
      );
      deletions.queue(stored.map((each) => ({ number: each.item.number, uidl: each.uidl, reason: 'delete-after-download' })));
    }
  };
  // Each batch downloads while the one before it is made durable (fsync and transaction), so the
  // connection does not wait for the disk; a batch is committed only after the one before it.
  let committing: Promise<BatchResult> | undefined;
  // A count the caller sets is kept for every batch; the default grows (see RECEIVE_BATCH_MESSAGES_LARGEST).
  const batches =
    options.batchMessages === undefined
      ? splitBatches(plan.fetch, RECEIVE_BATCH_MESSAGES, options.batchBytes ?? RECEIVE_BATCH_BYTES, RECEIVE_BATCH_MESSAGES_LARGEST)
      : splitBatches(plan.fetch, options.batchMessages, options.batchBytes ?? RECEIVE_BATCH_BYTES);
  for (const items of taperLastBatch(batches, RECEIVE_TAIL_BYTES, TAIL_MIN_MESSAGES)) {
    const downloading = downloadBatch({
      session,
      store: options.store,
      accountId: options.accountId,
      items,
      now: clock(),
      onBytes: (index, bytes) => progress.bytes(index, bytes),
    });
    if (committing !== undefined) {
      try {
        committed(await committing);
      } catch (error) {
        // The session or the store failed: this batch is given up (it is downloaded again next time).
        session.close();
        await (await downloading).batch.abort().catch(() => undefined);
        throw error;
      }
    }
    const downloaded = await downloading;
    progress.batchDownloaded();
    committing = commitBatch(downloaded);
  }
  if (committing !== undefined) committed(await committing);
}

function tally(result: BatchResult, summary: MutableSummary, options: ReceiveAccountOptions): void {
  for (const { item, outcome } of result.committed) {
    if (outcome.status === 'already-stored') continue;
    if (item.kind === 'headers') summary.partialMessages += 1;
    else if (outcome.status === 'completed') summary.completedMessages += 1;
    else summary.newMessages += 1;
  }
  summary.skippedDuplicates += result.duplicates.length;
  summary.errors.push(...result.errors);
  if (result.duplicates.length > 0) {
    // Remembered as seen, so they are neither downloaded again nor ever deleted on the server.
    markKeptOnServer(
      options.store.database,
      options.accountId,
      result.duplicates.map((each) => ({ uidl: each.uidl, size: each.size })),
      DUPLICATE_REASON,
      (options.clock ?? Date.now)(),
    );
  }
}
