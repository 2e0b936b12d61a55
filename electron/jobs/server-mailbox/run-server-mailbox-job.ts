/**
 * One Server mailbox session, as its worker runs it: connect, sign in, UIDL and LIST, `TOP n 0` for
 * the header of every message (RFC 1939 §7), then the requested action, QUIT. Downloads go through
 * the same batch commit as Send/Receive (same store, same journal rows, same duplicate safety net);
 * deletions go through the same deletion engine (journal row `delete-pending` before DELE, the audit
 * log after QUIT). The transcript of the session is stored for the account whatever the ending.
 */
import { wordedError, wordedErrorData } from '../../../shared/error-words';
import { toErrorData, type ErrorData } from '../../../shared/errors';
import { messageProblemDetail } from '../../../shared/server-mailbox';
import { connectAndSignIn, readHeaderSections, type Pop3Session } from '../../protocols/pop3';
import type { SqliteDatabase } from '../../storage/database';
import type { MessageStore } from '../../storage/message-store';
import { markKeptOnServer, readPopJournal, recordServerDeletions } from '../../storage/pop-journal';
import { keepTranscript, openJobStore } from '../job-store';
import { fetchBatch } from '../receive/fetch-batch';
import { DUPLICATE_REASON, RECEIVE_BATCH_BYTES, RECEIVE_BATCH_MESSAGES, splitBatches } from '../receive/receive-account';
import type { FetchItem } from '../receive/receive-plan';
import { SessionDeletions } from '../receive/server-deletions';
import { serverRulesFor } from '../receive/server-rules';
import { headerColumns } from '../../storage/header-columns';
import { serverRuleMatches } from '../../storage/server-rule-match';
import { listServer, type ServerListing } from '../receive/server-listing';
import { summarizeHeaders, type HeaderSummary } from './header-summary';
import type { ServerEntry, ServerMailboxJob, ServerSessionOutcome, ServerSessionResult } from './server-mailbox-job';
import { TranscriptRecorder } from './transcript-recorder';

/** Most header bytes kept per message for its summary. */
export const MAX_SUMMARY_HEADER_BYTES = 64 * 1024;

const EMPTY_SUMMARY: HeaderSummary = { from: '', subject: '', date: null };

/** A message's header summary and the server rule it matches, if any. */
type Summary = HeaderSummary & Pick<ServerEntry, 'rule'>;

/**
 * Header summaries by message number (empty when the server has no TOP), each with the first server
 * rule of the account its header section and LIST size match, as Send/Receive would decide it.
 */
async function readSummaries(session: Pop3Session, listing: ServerListing, database: SqliteDatabase, accountId: string): Promise<Map<number, Summary>> {
  const summaries = new Map<number, Summary>();
  const rules = serverRulesFor(database, accountId);
  const sizes = new Map(listing.messages.map((message) => [message.number, message.size]));
  if (session.capabilities.announced && !session.capabilities.top) return summaries;
  const { outcomes, headers } = await readHeaderSections(
    session,
    listing.messages.map((message) => message.number),
    MAX_SUMMARY_HEADER_BYTES,
  );
  for (const outcome of outcomes) {
    const header = headers.get(outcome.item.number);
    if (!outcome.ok || header === undefined) continue;
    const facts =
      rules.length === 0 ? undefined : { headers: header.toString('utf8'), columns: await headerColumns(header), size: sizes.get(outcome.item.number) ?? null };
    const rule = facts === undefined ? undefined : rules.find((candidate) => serverRuleMatches(candidate.query, facts));
    summaries.set(outcome.item.number, { ...summarizeHeaders(header), ...(rule === undefined ? {} : { rule: { name: rule.rule.name, mode: rule.mode } }) });
  }
  return summaries;
}

interface Counts {
  downloaded: number;
  partial: number;
  deleted: number;
  readonly errors: ErrorData[];
}

function messageError(uidl: string, error: ErrorData): ErrorData {
  return {
    ...error,
    detail: messageProblemDetail(uidl, error.detail),
    // A detail said in the reader's language stays so, after the message it is about (the English is `detail`).
    ...(error.detailWords === undefined ? {} : { detailWords: { id: 'protocolError.messageDetail', values: { uidl, detail: error.detailWords } } }),
  };
}

/** Downloads the chosen messages in batches, exactly as Send/Receive stores them. */
async function download(
  session: Pop3Session,
  store: MessageStore,
  job: ServerMailboxJob,
  listing: ServerListing,
  headersOnly: boolean,
  counts: Counts,
): Promise<void> {
  const wanted = new Set(job.request.kind === 'download' ? job.request.uidls : []);
  const journal = readPopJournal(store.database, job.accountId);
  const items: FetchItem[] = [];
  for (const message of listing.messages) {
    if (!wanted.has(message.uidl) || listing.duplicates.has(message.uidl)) continue;
    const state = journal.get(message.uidl)?.state;
    if (state === 'headers-only') {
      if (!headersOnly) items.push({ ...message, kind: 'complete' });
    } else if (state === undefined || state === 'kept-on-server') {
      items.push(headersOnly ? { ...message, kind: 'headers', topLines: 0 } : { ...message, kind: 'full' });
    }
  }
  for (const batch of splitBatches(items, RECEIVE_BATCH_MESSAGES, RECEIVE_BATCH_BYTES)) {
    const result = await fetchBatch({ session, store, accountId: job.accountId, items: batch, now: Date.now(), onBytes: () => undefined });
    for (const { item, outcome } of result.committed) {
      if (outcome.status === 'already-stored') continue;
      if (item.kind === 'headers') counts.partial += 1;
      else counts.downloaded += 1;
    }
    if (result.duplicates.length > 0) {
      markKeptOnServer(
        store.database,
        job.accountId,
        result.duplicates.map((each) => ({ uidl: each.uidl, size: each.size })),
        DUPLICATE_REASON,
      );
    }
    counts.errors.push(...result.errors.map(({ uidl, error }) => messageError(uidl, error)));
    if (result.sessionError !== undefined) throw result.sessionError;
  }
}

/** Runs one session against an open store; rejects with the error that ended it. */
export async function serverMailboxSession(
  job: ServerMailboxJob,
  store: MessageStore,
  recorder: TranscriptRecorder,
  signal: AbortSignal,
): Promise<ServerSessionResult> {
  const database: SqliteDatabase = store.database;
  let loginDelayBefore: number | null = null;
  const { session } = await connectAndSignIn({ ...job.connection, transcript: recorder.sink, signal }, job.credentials, (connected) => {
    loginDelayBefore = connected.capabilities.loginDelaySeconds;
  });
  let deletions: SessionDeletions | undefined;
  try {
    const listing = await listServer(session);
    const listedAt = Date.now();
    if (job.request.kind !== 'list' && !listing.hasUidl) {
      throw wordedError('SERVER_PERMANENT', { id: 'storageError.serverNoUidl' });
    }
    const summaries = await readSummaries(session, listing, database, job.accountId);
    // An earlier session's QUIT removed these, but it ended before recording it (RFC 1939 §6).
    const listed = new Set(listing.messages.map((message) => message.uidl));
    const settled = [...readPopJournal(database, job.accountId).values()].filter((entry) => entry.state === 'delete-pending' && !listed.has(entry.uidl));
    if (listing.hasUidl)
      recordServerDeletions(
        database,
        job.accountId,
        settled.map((entry) => entry.uidl),
      );

    const counts: Counts = { downloaded: 0, partial: 0, deleted: 0, errors: [] };
    const deletedUidls = new Set<string>();
    switch (job.request.kind) {
      case 'list':
        break;
      case 'download':
        await download(session, store, job, listing, job.request.headersOnly, counts);
        break;
      case 'delete': {
        const wanted = new Set(job.request.uidls);
        const chosen = listing.messages.filter((message) => wanted.has(message.uidl) && !listing.duplicates.has(message.uidl));
        deletions = new SessionDeletions(session, database, job.accountId, Date.now);
        const refused = deletions.queueRequested(chosen);
        await deletions.settle();
        counts.errors.push(...deletions.errors.map(({ uidl, error }) => messageError(uidl, error)));
        for (const uidl of refused) counts.errors.push(messageError(uidl, wordedErrorData('NOT_FOUND', { id: 'cli.server.alreadyDeletedThere' })));
        break;
      }
    }
    await session.quit();
    for (const record of deletions?.confirm() ?? []) {
      deletedUidls.add(record.uidl);
      counts.deleted += 1;
    }
    const entries: ServerEntry[] = listing.messages
      .filter((message) => !deletedUidls.has(message.uidl))
      .map((message) => ({ number: message.number, uidl: message.uidl, size: message.size, ...(summaries.get(message.number) ?? EMPTY_SUMMARY) }));
    return {
      listedAt,
      entries,
      duplicates: [...listing.duplicates],
      hasUidl: listing.hasUidl,
      skipped: listing.skipped.map((each) => each.reason),
      skippedWarnings: listing.skipped.map((each) => each.warning),
      expire: session.capabilities.expire,
      loginDelaySeconds: session.capabilities.loginDelaySeconds ?? loginDelayBefore,
      ...counts,
    };
  } catch (error) {
    if (deletions !== undefined && !session.quitSent) deletions.rollBack();
    throw error;
  } finally {
    session.close();
  }
}

/** Runs a job where it stands (the worker, or a test): opens the store, runs the session, closes. Never rejects. */
export async function runServerMailboxJob(job: ServerMailboxJob, signal: AbortSignal): Promise<ServerSessionOutcome> {
  const opened = await openJobStore(job);
  if (!opened.ok) return opened;
  const { database, store } = opened.value;
  const recorder = new TranscriptRecorder('server-mailbox');
  try {
    store.ensureDefaultFolders(job.accountId);
    const result = await serverMailboxSession(job, store, recorder, signal);
    recorder.note('Server mailbox session ended.');
    return { ok: true, result };
  } catch (error) {
    const data = signal.aborted ? wordedErrorData('CANCELLED', { id: 'serviceError.serverMailbox.stopped' }) : toErrorData(error);
    recorder.note(`Session ended: ${data.message}`);
    return { ok: false, error: data };
  } finally {
    keepTranscript(database, job.accountId, recorder.finish());
    database.close();
  }
}
