/**
 * The Server mailbox on the main side: builds a session job from the account (the same connection,
 * saved password or provider token and policy as Send/Receive, a refused token renewed once the same way), runs it in a worker while holding the account's session
 * lock (shared with Send/Receive, so the two never collide on one maildrop), and turns the result into
 * the view's listing. "Keep on server forever" needs no session: it is recorded in the journal's
 * keep list, which every Send/Receive policy run consults.
 */
import { receivePolicyOf } from '../../../shared/accounts';
import { wordedError } from '../../../shared/error-words';
import { MailbagError, toErrorData, type ErrorWords } from '../../../shared/errors';
import type { ServerMailboxActionResult, ServerMailboxListing, ServerTranscript } from '../../../shared/server-mailbox';
import type { SqliteDatabase } from '../../storage/database';
import { readPopJournal } from '../../storage/pop-journal';
import { readKeptForever, readTranscript, setKeptForever } from '../../storage/server-mailbox-records';
import { runServerMailboxInWorker } from '../../workers/server-mailbox-client';
import type { AccountService } from '../accounts';
import { receiveJobForAccount, renewedJob, runRenewingOnce, type ProfilePaths } from '../send-receive/account-job';
import type { AccountSessionLock } from '../send-receive/session-lock';
import { buildListing } from './mailbox-view';
import type { ServerMailboxJob, ServerMailboxRequest, ServerSessionOutcome, ServerSessionResult } from '../../jobs/server-mailbox/server-mailbox-job';

/** How long a Server mailbox request waits for a running Send/Receive of the account to finish. */
export const SEND_RECEIVE_WAIT_MS = 30_000;

/** Runs one session job until its outcome; must honour the signal and never reject. */
export type ServerSessionRunner = (job: ServerMailboxJob, signal: AbortSignal) => Promise<ServerSessionOutcome>;

/** An action on selected server messages (the validated contract input). */
export type ServerMailboxActionRequest =
  | { readonly accountId: string; readonly action: 'download' | 'download-headers' | 'keep-forever' | 'release'; readonly uidls: readonly string[] }
  | { readonly accountId: string; readonly action: 'delete'; readonly uidls: readonly string[]; readonly confirmed: true };

/** What the service needs. */
export interface ServerMailboxServiceOptions {
  readonly accounts: Pick<AccountService, 'get' | 'accessToken' | 'password' | 'renewAccessToken'>;
  readonly database: SqliteDatabase;
  readonly paths: ProfilePaths;
  /** The per-account session lock shared with Send/Receive. */
  readonly sessions: AccountSessionLock;
  /** Default: a worker thread per session. */
  readonly runner?: ServerSessionRunner;
  readonly clock?: () => number;
  /** Default `SEND_RECEIVE_WAIT_MS`. */
  readonly sendReceiveWaitMs?: number;
}

/** The Server mailbox's operations. */
export interface ServerMailboxService {
  /** Lists the server (one session). */
  list(accountId: string): Promise<ServerMailboxListing>;
  /** Runs an action on selected messages; download and delete open a session, keeping does not. */
  act(request: ServerMailboxActionRequest): Promise<ServerMailboxActionResult>;
  /** The account's last recorded session, or null. */
  transcript(accountId: string): ServerTranscript | null;
  /** Stops running sessions and waits for them (application quit). */
  close(): Promise<void>;
}

/** The words for a server mailbox that is busy with another session of Mailbag's. */
function busyWords(holder: string): ErrorWords {
  return { id: holder === 'send-receive' ? 'serviceError.serverMailbox.busySendReceive' : 'serviceError.serverMailbox.busyServerMailbox' };
}

/** Builds the service. */
export function createServerMailboxService(options: ServerMailboxServiceOptions): ServerMailboxService {
  const { accounts, database, sessions } = options;
  const runner = options.runner ?? ((job, signal) => runServerMailboxInWorker(job, signal));
  const clock = options.clock ?? Date.now;
  const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  const lastSession = new Map<string, ServerSessionResult>();

  const listingOf = (accountId: string, session: ServerSessionResult): ServerMailboxListing => {
    const settings = accounts.get(accountId).settings;
    if (settings === null) throw wordedError('VALIDATION', { id: 'serviceError.serverMailbox.setUpAgain' });
    return buildListing({
      accountId,
      session,
      journal: readPopJournal(database, accountId),
      keptForever: readKeptForever(database, accountId),
      policy: receivePolicyOf(settings.policy),
      now: clock(),
    });
  };

  const runSession = async (accountId: string, request: ServerMailboxRequest): Promise<ServerSessionResult> => {
    const account = accounts.get(accountId);
    // A Send/Receive of the account is waited for (it usually ends within seconds); a second Server
    // mailbox request while one runs is refused at once.
    const holder = sessions.holder(accountId);
    const release =
      holder === 'server-mailbox' ? undefined : await sessions.acquireWithin(accountId, 'server-mailbox', options.sendReceiveWaitMs ?? SEND_RECEIVE_WAIT_MS);
    if (release === undefined) throw wordedError('MAILBOX_BUSY', busyWords(sessions.holder(accountId) ?? 'server-mailbox'));
    const controller = new AbortController();
    const work = (async () => {
      const base = await receiveJobForAccount(accounts, account, options.paths);
      const job: ServerMailboxJob = {
        accountId,
        databaseFile: base.databaseFile,
        rawDirectory: base.rawDirectory,
        connection: base.connection,
        credentials: base.credentials,
        request,
      };
      // A token the server refuses is renewed once, as Send/Receive does.
      return runRenewingOnce(job, {
        run: (ready) => runner(ready, controller.signal),
        refused: (outcome) => !outcome.ok && outcome.error.code === 'AUTH_FAILED',
        renew: (refused) => renewedJob(accounts, refused),
        renewalFailed: (error): ServerSessionOutcome => ({ ok: false, error: toErrorData(error) }),
      });
    })();
    running.set(accountId, { controller, done: work.catch(() => undefined) });
    try {
      const outcome = await work;
      if (!outcome.ok) throw MailbagError.fromData(outcome.error);
      lastSession.set(accountId, outcome.result);
      return outcome.result;
    } finally {
      running.delete(accountId);
      release();
    }
  };

  return {
    async list(accountId) {
      return listingOf(accountId, await runSession(accountId, { kind: 'list' }));
    },
    async act(request) {
      switch (request.action) {
        case 'keep-forever':
        case 'release': {
          accounts.get(request.accountId);
          setKeptForever(database, request.accountId, request.uidls, request.action === 'keep-forever', clock());
          const session = lastSession.get(request.accountId) ?? (await runSession(request.accountId, { kind: 'list' }));
          return { listing: listingOf(request.accountId, session), downloaded: 0, partial: 0, deleted: 0, kept: request.uidls.length, errors: [] };
        }
        case 'download':
        case 'download-headers': {
          const result = await runSession(request.accountId, { kind: 'download', uidls: request.uidls, headersOnly: request.action === 'download-headers' });
          return {
            listing: listingOf(request.accountId, result),
            downloaded: result.downloaded,
            partial: result.partial,
            deleted: 0,
            kept: 0,
            errors: result.errors,
          };
        }
        case 'delete': {
          const result = await runSession(request.accountId, { kind: 'delete', uidls: request.uidls });
          return { listing: listingOf(request.accountId, result), downloaded: 0, partial: 0, deleted: result.deleted, kept: 0, errors: result.errors };
        }
      }
    },
    transcript(accountId) {
      accounts.get(accountId);
      const stored = readTranscript(database, accountId);
      return stored === undefined ? null : { accountId, ...stored };
    },
    async close() {
      const sessionsNow = [...running.values()];
      for (const session of sessionsNow) session.controller.abort();
      await Promise.all(sessionsNow.map((session) => session.done));
    },
  };
}
