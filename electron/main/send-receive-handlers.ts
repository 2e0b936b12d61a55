/**
 * Send/Receive for the UI: the start/cancel/download-the-rest operations, the progress and summary
 * events, and the automatic schedule. After every finished run the new mail is indexed before the
 * summary, newMail and mailChanged go out, so a list refreshed on those events shows subjects.
 */
import { englishMessage, wordedError } from '../../shared/error-words';
import type { Account } from '../../shared/accounts';
import { MailbagError, type ErrorData, type ErrorWords } from '../../shared/errors';
import type { SendReceiveFinishedEvent, SendReceiveProgressEvent } from '../../shared/mail';
import type { Settings } from '../../shared/settings';
import type { Handlers } from '../ipc/registry';
import type { OperationInput, SaveAccountResult } from '../../shared/ipc/contract';
import type { AccountService } from '../services/accounts';
import type { EventHub } from '../services/events';
import { describeError, type Logger } from '../services/logger';
import {
  isPasswordRefusal,
  ReceiveScheduleLoop,
  receiveJobForAccount,
  renewedJob,
  sendReceiveAccounts,
  sendThenReceive,
  startSendReceive,
  type ProfilePaths,
  type ReceiveJob,
  type ReceiveMode,
  type ReceiveOutcome,
  type ScheduleSettings,
  type ScheduleTimers,
  type SendReceiveService,
  type SendReceiveSteps,
} from '../services/send-receive';
import type { SettingsService } from '../services/settings';
import type { MessageStore } from '../storage/message-store';
import type { OutboxUrgency } from '../storage/outbox';
import { headersOnlyUidl } from '../storage/pop-journal';

/** The Send/Receive operations of the contract. */
export type SendReceiveHandlers = Pick<Handlers, 'startSendReceive' | 'cancelSendReceive' | 'downloadRestOfMessage' | 'enterPassword' | 'signInWithProvider'>;

/** What Send/Receive for the UI needs. */
export interface SendReceiveControllerOptions {
  readonly sendReceive: SendReceiveService;
  readonly accounts: AccountService;
  readonly settings: SettingsService;
  readonly store: MessageStore;
  readonly events: EventHub;
  readonly paths: ProfilePaths;
  readonly logger: Logger;
  /** Indexes stored but unindexed messages (core.indexPending); the engine indexes beside the download (core-engine.ts). */
  readonly indexPending: () => Promise<void>;
  /** Runs the message rules on the new mail (core.filterNewMail), once it is indexed. */
  readonly filterNewMail?: () => Promise<unknown>;
  /**
   * Index the rest of a run's new mail when it ends, before it is announced (default true). Off (the
   * command line), what is left is indexed at the next search, and the rules index what they need.
   */
  readonly indexWhenReceived?: boolean;
  /**
   * Sends an account's Outbox; every Send/Receive runs it before receiving. One the user asked for
   * passes `now` (every waiting message goes, whatever its retry delay); scheduled ones `scheduled`.
   */
  readonly flushOutbox?: (accountId: string, urgency: OutboxUrgency) => Promise<void>;
  /**
   * The user entered a password for the account: Outbox messages that failed only for want of a
   * password (nothing reached the server) wait to be sent again.
   */
  readonly onPasswordEntered?: (accountId: string) => void;
  /** Runs the sign-in with the provider and saves the account (see electron/main/provider-sign-in.ts). */
  readonly signInWithProvider?: (input: OperationInput<'signInWithProvider'>) => Promise<SaveAccountResult>;
  readonly clock?: () => number;
  readonly timers?: ScheduleTimers;
}

/** Send/Receive wired to the UI. */
export interface SendReceiveController {
  readonly handlers: SendReceiveHandlers;
  /** Starts automatic checks (the app and the browser bridge; never the command line). */
  startScheduler(): void;
  /** Stops automatic checks and event forwarding; running checks go on until cancelled. */
  stop(): void;
  /** Resolves when every finished run has been indexed and announced. */
  idle(): Promise<void>;
}

/** The summary event of a finished run. */
export function finishedEvent(outcome: ReceiveOutcome): SendReceiveFinishedEvent {
  const { summary } = outcome;
  const errors: ErrorData[] = summary.errors.map(({ uidl, error }) => ({
    ...error,
    detail: `UIDL ${uidl}${error.detail === undefined ? '' : `: ${error.detail}`}`,
    // A detail said in the reader's language stays so, after the message it is about.
    ...(error.detailWords === undefined ? {} : { detailWords: { id: 'protocolError.uidlDetail', values: { uidl, detail: error.detailWords } } }),
  }));
  let busy: SendReceiveFinishedEvent['busy'] = null;
  switch (outcome.status) {
    case 'failed': {
      const { retryable: _retryable, ...error } = outcome.error;
      errors.unshift(error);
      break;
    }
    case 'busy': {
      const words: ErrorWords = { id: outcome.reason === 'in-use' ? 'refusal.busyInUse' : 'refusal.busyPaused' };
      busy = { retryAt: outcome.retryAt, message: englishMessage(words), words };
      break;
    }
    case 'completed':
    case 'cancelled':
      break;
  }
  return {
    accountId: outcome.accountId,
    status: outcome.status,
    newMessages: summary.newMessages,
    partialMessages: summary.partialMessages,
    completedMessages: summary.completedMessages,
    skippedDuplicates: summary.skippedDuplicates,
    deletedOnServer: summary.deletedOnServer,
    errors,
    busy,
  };
}

/** How a job signs in: what a refusal is remembered by (never the password in a log or event). */
export interface SignIn {
  readonly username: string;
  readonly password: string | undefined;
}

/** The sign-in of a job. */
export function signInOf(job: ReceiveJob): SignIn {
  return { username: job.credentials.username, password: job.credentials.password };
}

/** Whether a job signs in differently from a refused sign-in (another password or user name). */
export function signInChanged(refusedSignIn: SignIn, now: ReceiveJob | undefined): boolean {
  return now !== undefined && (now.credentials.password !== refusedSignIn.password || now.credentials.username !== refusedSignIn.username);
}

/** When an account is checked automatically: its own interval or the global one, and at startup. */
export function scheduleSettingsOf(account: Account, settings: Settings): ScheduleSettings | undefined {
  const policy = account.settings?.policy;
  if (policy === undefined) return undefined;
  if (!policy.includeInSendReceive && policy.checkEveryMinutes === null) return undefined;
  const global = settings.checkIntervalMinutes > 0 ? settings.checkIntervalMinutes : null;
  return { intervalMinutes: policy.checkEveryMinutes ?? global, checkAtStartup: settings.checkAtStartup && policy.checkAtStartup };
}

/** Builds Send/Receive for the UI; call `stop` when the core closes. */
export function createSendReceiveController(options: SendReceiveControllerOptions): SendReceiveController {
  const { sendReceive, accounts, store, events, logger } = options;
  const clock = options.clock ?? Date.now;
  let announcing: Promise<void> = Promise.resolve();
  let loop: ReceiveScheduleLoop | undefined;
  let stopListening: (() => void) | undefined;
  /** Accounts with automatic checks planned. */
  const planned = new Set<string>();
  /** The sign-in each account's server refused last (user name and password): never tried again on a schedule. */
  const refused = new Map<string, SignIn>();

  // New mail is listed with its columns as soon as it is committed: announce it at once, then let the
  // full-text index catch up and say so again (previews and attachment flags are refined by it).
  const announce = async (outcome: ReceiveOutcome): Promise<void> => {
    const event = finishedEvent(outcome);
    const arrived = event.newMessages + event.partialMessages;
    const changed = arrived + event.completedMessages > 0;
    if (changed) events.emit('mailChanged', { accountIds: [outcome.accountId], folderIds: [], messageIds: [] });
    if (options.indexWhenReceived !== false) await options.indexPending();
    if (arrived > 0) await options.filterNewMail?.().catch((error: unknown) => logger.warn('running the rules failed', { error: describeError(error) }));
    events.emit('sendReceiveFinished', event);
    if (arrived > 0) events.emit('newMail', { accountId: outcome.accountId, count: arrived });
    if (changed) events.emit('mailChanged', { accountIds: [outcome.accountId], folderIds: [], messageIds: [] });
  };

  /**
   * The window hears of an account's runs in order: a run's finish goes out only after indexing, so
   * the progress of the account's next run waits for it (only the latest is kept). Otherwise that
   * finish would arrive after the next run's progress and the window would think nothing runs.
   */
  const waitingAnnouncements = new Map<string, number>();
  const heldProgress = new Map<string, SendReceiveProgressEvent>();
  const showProgress = (progress: SendReceiveProgressEvent): void => {
    if ((waitingAnnouncements.get(progress.accountId) ?? 0) > 0) heldProgress.set(progress.accountId, progress);
    else events.emit('sendReceiveProgress', progress);
  };
  const queueAnnouncement = (outcome: ReceiveOutcome, failure: string): void => {
    const { accountId } = outcome;
    waitingAnnouncements.set(accountId, (waitingAnnouncements.get(accountId) ?? 0) + 1);
    announcing = announcing
      .then(() => announce(outcome))
      .catch((error: unknown) => logger.warn(failure, { error: describeError(error) }))
      .finally(() => {
        const left = (waitingAnnouncements.get(accountId) ?? 1) - 1;
        if (left > 0) return void waitingAnnouncements.set(accountId, left);
        waitingAnnouncements.delete(accountId);
        const held = heldProgress.get(accountId);
        heldProgress.delete(accountId);
        if (held !== undefined) events.emit('sendReceiveProgress', held);
      });
  };

  const unsubscribe = sendReceive.subscribe((event) => {
    switch (event.type) {
      case 'started':
        // Shown as running from its start, before its worker reports.
        showProgress({ accountId: event.accountId, phase: 'connecting', messagesDone: 0, messagesTotal: 0, bytesDone: 0, bytesTotal: 0 });
        return;
      case 'progress': {
        const { seq: _seq, ...progress } = event.progress;
        showProgress(progress);
        return;
      }
      case 'finished':
        // The run is over: none of its progress is to be shown after its finish.
        heldProgress.delete(event.outcome.accountId);
        queueAnnouncement(event.outcome, 'announcing a finished Send/Receive failed');
        return;
    }
  });
  // A batch was committed: its messages are listed with their columns now, so lists refresh batch by
  // batch (the engine starts the full-text index on them while the next batch downloads).
  const stopAnnouncingBatches = sendReceive.onBatchCommitted((accountId) =>
    events.emit('mailChanged', { accountIds: [accountId], folderIds: [], messageIds: [] }),
  );

  const run = (job: ReceiveJob): Promise<ReceiveOutcome> => {
    const startedAt = clock();
    const outcome = sendReceive.start(job);
    void outcome.then((result) => {
      if (result.status === 'failed' && isPasswordRefusal(result.error.code)) refused.set(job.accountId, signInOf(job));
      else if (result.status === 'completed') refused.delete(job.accountId);
      loop?.recordOutcome(job.accountId, startedAt, result);
    });
    return outcome;
  };

  /** The user acted on a refused sign-in: the schedule takes the new one and checks the account automatically again. */
  const signedInAgain = async (accountId: string): Promise<void> => {
    refused.delete(accountId);
    options.onPasswordEntered?.(accountId);
    await refreshSchedule().catch((error: unknown) => logger.warn('planning automatic checks failed', { error: describeError(error) }));
    loop?.resume(accountId);
  };

  const jobFor = (account: Account, mode?: ReceiveMode): Promise<ReceiveJob> => receiveJobForAccount(accounts, account, options.paths, mode);

  /**
   * The steps of the shared Send/Receive as the window wires them: the Outbox through the compose
   * controller (which announces its changes), one the user asked for `now`, a scheduled one `scheduled`.
   */
  const steps = (urgency: OutboxUrgency): SendReceiveSteps => {
    const flush = options.flushOutbox;
    return {
      jobFor: (account) => jobFor(account),
      receive: run,
      renewJob: (job) => renewedJob(accounts, job),
      cancelReceive: (accountId) => sendReceive.cancel(accountId),
      ...(flush === undefined
        ? {}
        : {
            sendOutbox: async (accountId: string) => {
              await flush(accountId, urgency);
              return [];
            },
          }),
    };
  };

  /**
   * Rebuilds the schedule from the accounts and settings as they are now. Passwords are not resolved
   * here (a password command runs when a check is due), except for an account whose password the
   * server refused: another password or user name now (typed in the settings, or printed by its
   * password command) is the user acting on the refusal, and its automatic checks resume.
   */
  const refreshSchedule = async (): Promise<void> => {
    const current = loop;
    if (current === undefined) return;
    const settings = options.settings.get();
    const known = new Set<string>();
    for (const account of accounts.list()) {
      const schedule = scheduleSettingsOf(account, settings);
      if (schedule === undefined) continue;
      known.add(account.id);
      planned.add(account.id);
      current.setAccount(account.id, schedule);
      const before = refused.get(account.id);
      if (before === undefined) continue;
      const now = await jobFor(account).catch(() => undefined);
      if (loop === current && signInChanged(before, now)) {
        refused.delete(account.id);
        current.resume(account.id);
      }
    }
    for (const accountId of [...planned]) {
      if (known.has(accountId)) continue;
      planned.delete(accountId);
      current.removeAccount(accountId);
    }
  };

  /** The job of a check that is due, with the password as it is now; undefined when it cannot run. */
  const dueJob = async (accountId: string): Promise<ReceiveJob | undefined> => {
    const account = accounts.list().find((candidate) => candidate.id === accountId);
    if (account === undefined) return undefined;
    try {
      return await jobFor(account);
    } catch (error) {
      logger.warn('an automatic check could not start', { accountId, error: describeError(error) });
      // A refused sign-in (the provider revoked it) is the schedule's to stop on and announce.
      if (error instanceof MailbagError && isPasswordRefusal(error.code)) throw error;
      return undefined;
    }
  };
  const replan = (): void => {
    void refreshSchedule().catch((error: unknown) => logger.warn('planning automatic checks failed', { error: describeError(error) }));
  };

  const handlers: SendReceiveHandlers = {
    async startSendReceive(input) {
      const chosen = sendReceiveAccounts(accounts.list(), input?.accountId === undefined ? undefined : accounts.get(input.accountId));
      // Each account sends its Outbox, then receives; the caller waits for neither, only for the start.
      const { started, notStarted } = await startSendReceive(chosen, steps('now'));
      return { started: started.map(({ account }) => account.id), notStarted: notStarted.map(({ account, error }) => ({ accountId: account.id, error })) };
    },
    cancelSendReceive(input) {
      const targets = input?.accountId === undefined ? sendReceive.runningAccounts() : [input.accountId];
      return { cancelled: targets.filter((accountId) => sendReceive.cancel(accountId)) };
    },
    async enterPassword({ accountId, protocol, password, remember }) {
      const storage = await accounts.enterPassword(accountId, protocol ?? 'pop3', password, remember);
      await signedInAgain(accountId);
      return storage;
    },
    async signInWithProvider(input) {
      if (options.signInWithProvider === undefined) throw wordedError('INTERNAL', { id: 'refusal.providerSignInUnavailable' });
      const saved = await options.signInWithProvider(input);
      await signedInAgain(saved.account.id);
      return saved;
    },
    async downloadRestOfMessage({ id }) {
      const message = store.getMessage(id);
      if (!message.partial) throw wordedError('VALIDATION', { id: 'refusal.messageComplete' });
      const accountId = message.accountId;
      if (accountId === null) throw wordedError('NOT_FOUND', { id: 'refusal.restAccountRemoved' });
      const uidl = headersOnlyUidl(store.database, accountId, id);
      if (uidl === undefined) throw wordedError('NOT_FOUND', { id: 'refusal.restUnknownOnServer' });
      const job = await jobFor(accounts.get(accountId), { kind: 'complete', uidls: [uidl] });
      const busy = sendReceive.runningAccounts().includes(accountId);
      const first = run(job);
      // A check already running for the account is joined; the rest is fetched right after it.
      if (busy) void first.then(() => run(job));
      return { accountId: accountId };
    },
  };

  return {
    handlers,
    startScheduler() {
      if (loop !== undefined) return;
      loop = new ReceiveScheduleLoop({
        start: (job) => sendThenReceive(job, steps('scheduled')).then(({ outcome }) => outcome),
        jobFor: dueJob,
        // Announced like a finished run, once: the window's status line offers to sign in again.
        refusedBeforeStart: (outcome) => queueAnnouncement(outcome, 'announcing a refused sign-in failed'),
        clock,
        ...(options.timers === undefined ? {} : { timers: options.timers }),
      });
      stopListening = events.subscribe((name) => {
        if (name === 'accountsChanged' || name === 'settingsChanged') replan();
      });
      replan();
    },
    stop() {
      loop?.stop();
      stopListening?.();
      unsubscribe();
      stopAnnouncingBatches();
    },
    idle: () => announcing,
  };
}
