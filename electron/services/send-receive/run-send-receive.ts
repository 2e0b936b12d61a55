/**
 * What Send/Receive means, once for the window, its schedule and the command line: for each account
 * it covers, the receive job is made ready (the password resolved), then the account's Outbox is sent,
 * then its mail is received. Accounts run side by side; an account whose receive cannot start (no
 * password, settings incomplete) keeps its Outbox for later, and a failing Outbox never stops the
 * receive. Each front end wires the steps and announces the outcome its own way (the window with
 * events after indexing, the command line with a summary and an exit code).
 */
import type { Account } from '../../../shared/accounts';
import { wordedErrorData } from '../../../shared/error-words';
import { toErrorData, type ErrorData } from '../../../shared/errors';
import type { ReceiveJob } from '../../jobs/receive/receive-job';
import { emptySummary, type ReceiveOutcome } from '../../jobs/receive/receive-types';
import type { OutboxFlushResult } from '../outbox';
import { runRenewingOnce } from './account-job';

/** The steps of a Send/Receive, wired by each front end. */
export interface SendReceiveSteps {
  /** The account's receive job with its password; throws (PASSWORD_NEEDED, VALIDATION, …) when it cannot run. */
  readonly jobFor: (account: Account) => Promise<ReceiveJob>;
  /** Sends what waits in the account's Outbox, stopping between messages once the signal aborts; absent where no Outbox is wired. */
  readonly sendOutbox?: (accountId: string, signal: AbortSignal | undefined) => Promise<readonly OutboxFlushResult[]>;
  /** Receives the account's mail (joining a run already in progress); never rejects. */
  readonly receive: (job: ReceiveJob) => Promise<ReceiveOutcome>;
  /** Cancels the account's receive in progress. */
  readonly cancelReceive: (accountId: string) => void;
  /**
   * The job with a renewed sign-in after the server refused it (a provider's access token), or
   * undefined when there is nothing to renew; absent where no renewal is wired.
   */
  readonly renewJob?: (job: ReceiveJob) => Promise<ReceiveJob | undefined>;
}

/** What one account's Send/Receive did. */
interface SentAndReceived {
  /** What became of each Outbox message tried, in order. */
  readonly outbox: readonly OutboxFlushResult[];
  /** Why the Outbox could not be sent, when it failed as a whole; the receive ran all the same. */
  readonly outboxError: ErrorData | null;
  readonly outcome: ReceiveOutcome;
}

/** What one account's Send/Receive did, with the account. */
export interface AccountSendReceive extends SentAndReceived {
  readonly account: Account;
}

/** A Send/Receive under way: the accounts it started (each with its ending) and those it could not start. */
export interface StartedSendReceive {
  readonly started: ReadonlyArray<{ readonly account: Account; readonly finished: Promise<AccountSendReceive> }>;
  /** Nothing was sent or received for these; their Outbox is left alone. */
  readonly notStarted: ReadonlyArray<{ readonly account: Account; readonly error: ErrorData }>;
}

function cancelledOutcome(accountId: string): ReceiveOutcome {
  return { status: 'cancelled', accountId, summary: emptySummary() };
}

function failedOutcome(accountId: string, error: ErrorData): ReceiveOutcome {
  return { status: 'failed', accountId, error: { ...error, retryable: false }, summary: emptySummary() };
}

/** Receives; when the server refused a sign-in that can be renewed (an access token), renews it once and receives again. */
function receiveRenewingOnce(job: ReceiveJob, steps: SendReceiveSteps): Promise<ReceiveOutcome> {
  return runRenewingOnce(job, {
    run: (ready) => steps.receive(ready).catch((error: unknown) => failedOutcome(ready.accountId, toErrorData(error))),
    refused: (outcome) => outcome.status === 'failed' && outcome.error.code === 'AUTH_FAILED',
    renew: steps.renewJob,
    renewalFailed: (error) => failedOutcome(job.accountId, toErrorData(error)),
  });
}

/**
 * One account whose job is ready: its Outbox first, then receiving. A cancel before the receive
 * starts leaves it cancelled without signing in; a cancel during it cancels the run.
 */
export async function sendThenReceive(job: ReceiveJob, steps: SendReceiveSteps, signal?: AbortSignal): Promise<SentAndReceived> {
  const { accountId } = job;
  let outbox: readonly OutboxFlushResult[] = [];
  let outboxError: ErrorData | null = null;
  if (steps.sendOutbox !== undefined) {
    try {
      outbox = await steps.sendOutbox(accountId, signal);
    } catch (error) {
      outboxError = toErrorData(error);
    }
  }
  if (signal?.aborted === true) return { outbox, outboxError, outcome: cancelledOutcome(accountId) };
  const cancel = (): void => steps.cancelReceive(accountId);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    const outcome = await receiveRenewingOnce(job, steps);
    return { outbox, outboxError, outcome };
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

/**
 * Starts Send/Receive for the accounts (chosen by `sendReceiveAccounts`): each account's job is made
 * ready in turn, and its Outbox and receive start at once, without waiting for the other accounts.
 * Resolves when every account has started or been found unable to start.
 */
export async function startSendReceive(accounts: readonly Account[], steps: SendReceiveSteps, signal?: AbortSignal): Promise<StartedSendReceive> {
  const started: Array<StartedSendReceive['started'][number]> = [];
  const notStarted: Array<StartedSendReceive['notStarted'][number]> = [];
  for (const account of accounts) {
    let job: ReceiveJob;
    try {
      job = await steps.jobFor(account);
    } catch (error) {
      notStarted.push({ account, error: toErrorData(error) });
      continue;
    }
    started.push({ account, finished: sendThenReceive(job, steps, signal).then((done) => ({ account, ...done })) });
  }
  return { started, notStarted };
}

/**
 * A whole Send/Receive, waited for: one result per account, in the order given; an account that could
 * not start is a failed receive with nothing sent.
 */
export async function runSendReceive(accounts: readonly Account[], steps: SendReceiveSteps, signal?: AbortSignal): Promise<Array<AccountSendReceive>> {
  const { started, notStarted } = await startSendReceive(accounts, steps, signal);
  const finished = new Map(await Promise.all(started.map(async ({ account, finished: ending }) => [account.id, await ending] as const)));
  const failed = new Map(notStarted.map(({ account, error }) => [account.id, error]));
  return accounts.map((account): AccountSendReceive => {
    const done = finished.get(account.id);
    if (done !== undefined) return done;
    const error = failed.get(account.id) ?? wordedErrorData('INTERNAL', { id: 'serviceError.sendReceive.didNotRun' });
    return { account, outbox: [], outboxError: null, outcome: failedOutcome(account.id, error) };
  });
}
