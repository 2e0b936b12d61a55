/**
 * How `mailbag receive` reports: a summary line per account in plain words, the same as JSON, and the
 * exit code the accounts' outcomes add up to.
 */
import type { Account } from '../../shared/accounts';
import type { ErrorData } from '../../shared/errors';
import type { ReceiveOutcome, ReceiveSummary } from '../jobs/receive/receive-types';
import type { ServerDeletionReason } from '../storage/pop-journal';
import { EXIT, type ExitCode } from './exit-codes';

/** One account's result. */
export interface AccountReceiveResult {
  readonly account: Pick<Account, 'id' | 'name'>;
  readonly outcome: ReceiveOutcome;
}

/**
 * The exit code of a receive run: 0 when every account completed; 4 when every account that did not
 * complete was busy (a retry later finishes the job); 3 when some completed and others failed; 1 when
 * none completed and at least one failed (cancelled counts as failed).
 */
export function receiveExitCode(outcomes: readonly ReceiveOutcome[]): ExitCode {
  const unfinished = outcomes.filter((outcome) => outcome.status !== 'completed');
  if (unfinished.length === 0) return EXIT.SUCCESS;
  if (unfinished.every((outcome) => outcome.status === 'busy')) return EXIT.BUSY;
  return unfinished.length < outcomes.length ? EXIT.PARTIAL : EXIT.FAILURE;
}

function deletionReasonWords(reason: ServerDeletionReason): string {
  switch (reason) {
    case 'delete-after-download':
      return 'after download';
    case 'keep-days-expired':
      return 'kept long enough';
    case 'deleted-locally':
      return 'deleted here';
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A time as HH:MM local time (the day too when it is not today). */
export function clockTime(time: number, now: number = Date.now()): string {
  const date = new Date(time);
  const hhmm = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return new Date(now).toDateString() === date.toDateString() ? hhmm : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${hhmm}`;
}

/** The counts of a summary in words, e.g. `3 new, 1 partial (headers only); deleted on the server: 3 after download`. */
export function summaryWords(summary: ReceiveSummary): string {
  const parts: string[] = [];
  if (summary.newMessages > 0) parts.push(`${summary.newMessages} new`);
  if (summary.partialMessages > 0) parts.push(`${summary.partialMessages} partial (headers only)`);
  if (summary.completedMessages > 0) parts.push(`${summary.completedMessages} completed`);
  if (summary.skippedDuplicates > 0) parts.push(`${summary.skippedDuplicates} skipped duplicate(s)`);
  if (summary.markedSeen > 0) parts.push(`${summary.markedSeen} marked as seen`);
  if (summary.ambiguousOnServer > 0) parts.push(`${summary.ambiguousOnServer} kept on the server (the server gives them a shared unique-id)`);
  if (summary.skippedOnServer > 0) parts.push(`${summary.skippedOnServer} skipped (the server's listing could not be understood)`);
  const text = parts.length === 0 ? 'no new mail' : parts.join(', ');
  const deletions = (Object.entries(summary.deletedOnServer) as Array<[ServerDeletionReason, number]>)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${count} ${deletionReasonWords(reason)}`);
  return deletions.length === 0 ? text : `${text}; deleted on the server: ${deletions.join(', ')}`;
}

function errorWords(error: ErrorData): string {
  return `${error.code}: ${error.message}${error.detail === undefined ? '' : ` (${error.detail})`}`;
}

/** One account's summary as lines of text. */
export function resultLines(result: AccountReceiveResult, now: number = Date.now()): string[] {
  const { account, outcome } = result;
  const counts = summaryWords(outcome.summary);
  let head: string;
  switch (outcome.status) {
    case 'completed':
      head = `${account.name}: ${counts}`;
      break;
    case 'busy':
      head = `${account.name}: busy — ${outcome.reason === 'in-use' ? 'another program is checking this mailbox' : 'the server asks to wait between checks'}; retry at ${clockTime(outcome.retryAt, now)}${counts === 'no new mail' ? '' : ` (${counts})`}`;
      break;
    case 'cancelled':
      head = `${account.name}: cancelled${counts === 'no new mail' ? '' : ` (${counts} stored before that)`}`;
      break;
    case 'failed':
      head = `${account.name}: failed — ${errorWords(outcome.error)}${counts === 'no new mail' ? '' : ` (${counts} stored before that)`}`;
      break;
  }
  return [head, ...outcome.summary.errors.map((entry) => `  message ${entry.uidl}: ${errorWords(entry.error)}`)];
}

/** One account's result as JSON. */
export function resultJson(result: AccountReceiveResult): Record<string, unknown> {
  const { outcome } = result;
  return {
    name: result.account.name,
    ...outcome,
    ...(outcome.status === 'busy' ? { retryAt: new Date(outcome.retryAt).toISOString() } : {}),
  };
}
