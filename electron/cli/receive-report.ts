/**
 * How `mailbag receive` reports: a summary line per account in plain words, the same as JSON, and the
 * exit code the accounts' outcomes add up to.
 */
import type { Account } from '../../shared/accounts';
import type { ErrorData } from '../../shared/errors';
import type { ReceiveOutcome, ReceiveSummary } from '../jobs/receive/receive-types';
import type { ServerDeletionReason } from '../storage/pop-journal';
import { EXIT, type ExitCode } from './exit-codes';
import { errorText } from './output';
import { createTranslator, type Translator } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';

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

const DELETION_REASON_IDS = {
  'delete-after-download': 'cli.receive.deletedAfterDownload',
  'keep-days-expired': 'cli.receive.deletedKeptLongEnough',
  'deleted-locally': 'cli.receive.deletedHere',
} as const satisfies Record<ServerDeletionReason, MessageId>;

const ENGLISH = createTranslator('en');

/** A time in the translator's locale and the runtime's time zone: the time alone when it is today, else the date too. */
export function clockTime(time: number, now: number = Date.now(), translator: Translator = ENGLISH): string {
  const today = new Date(now).toDateString() === new Date(time).toDateString();
  return today ? translator.intl.formatTime(time, { timeStyle: 'short' }) : translator.intl.formatDate(time, { dateStyle: 'short', timeStyle: 'short' });
}

/** The counts of a summary in words, e.g. `3 new, 1 partial (headers only); deleted on the server: 3 after download`. */
export function summaryWords(summary: ReceiveSummary, translator: Translator = ENGLISH): string {
  const { t, intl } = translator;
  const parts: string[] = [];
  if (summary.newMessages > 0) parts.push(t('cli.receive.new', { count: summary.newMessages }));
  if (summary.partialMessages > 0) parts.push(t('cli.receive.partial', { count: summary.partialMessages }));
  if (summary.completedMessages > 0) parts.push(t('cli.receive.completed', { count: summary.completedMessages }));
  if (summary.skippedDuplicates > 0) parts.push(t('cli.receive.skippedDuplicates', { count: summary.skippedDuplicates }));
  if (summary.markedSeen > 0) parts.push(t('cli.receive.markedSeen', { count: summary.markedSeen }));
  if (summary.ambiguousOnServer > 0) parts.push(t('cli.receive.ambiguous', { count: summary.ambiguousOnServer }));
  if (summary.skippedOnServer > 0) parts.push(t('cli.receive.skippedOnServer', { count: summary.skippedOnServer }));
  const text = parts.length === 0 ? t('cli.receive.noNewMail') : intl.formatList(parts, { type: 'unit' });
  const deletions = (Object.entries(summary.deletedOnServer) as Array<[ServerDeletionReason, number]>)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => t(DELETION_REASON_IDS[reason], { count }));
  return deletions.length === 0 ? text : t('cli.receive.deletedOnServer', { counts: text, deletions: intl.formatList(deletions, { type: 'unit' }) });
}

function errorWords(error: ErrorData, translator: Translator): string {
  return `${error.code}: ${errorText(error, translator)}`;
}

/** One account's summary as lines of text, in the translator's language. */
export function resultLines(result: AccountReceiveResult, now: number = Date.now(), translator: Translator = ENGLISH): string[] {
  const { t } = translator;
  const { account, outcome } = result;
  // Nothing was stored or deleted: the line says only how the check ended.
  const nothing = summaryWords(outcome.summary) === ENGLISH.t('cli.receive.noNewMail');
  const counts = summaryWords(outcome.summary, translator);
  let head: string;
  switch (outcome.status) {
    case 'completed':
      head = t('cli.receive.completedLine', { account: account.name, counts });
      break;
    case 'busy': {
      const values = { account: account.name, time: clockTime(outcome.retryAt, now, translator) };
      const busy = outcome.reason === 'in-use' ? t('cli.receive.busyInUse', values) : t('cli.receive.busyDelay', values);
      head = nothing ? busy : t('cli.receive.withCounts', { line: busy, counts });
      break;
    }
    case 'cancelled':
      head = nothing ? t('cli.receive.cancelledLine', { account: account.name }) : t('cli.receive.cancelledStored', { account: account.name, counts });
      break;
    case 'failed': {
      const error = errorWords(outcome.error, translator);
      head = nothing ? t('cli.receive.failedLine', { account: account.name, error }) : t('cli.receive.failedStored', { account: account.name, error, counts });
      break;
    }
  }
  return [
    head,
    ...outcome.summary.errors.map((entry) => `  ${t('cli.receive.messageError', { uidl: entry.uidl, error: errorWords(entry.error, translator) })}`),
  ];
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
