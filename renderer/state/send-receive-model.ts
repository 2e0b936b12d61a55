import type { ErrorData } from '../../shared/errors';
import type { SendReceiveFinishedEvent, SendReceiveProgressEvent } from '../../shared/mail';

/** The last finished run of an account and when it ended. */
export interface LastRun {
  readonly at: number;
  readonly event: SendReceiveFinishedEvent;
  /** Whether the user asked for it (F9, the button); false for automatic checks. */
  readonly requested?: boolean;
}

/** Send/Receive as the window shows it: progress of running accounts and the last result of each. */
export interface SendReceiveState {
  /** Accounts checking now; null progress until their first event. */
  readonly running: Readonly<Record<string, SendReceiveProgressEvent | null>>;
  readonly last: Readonly<Record<string, LastRun>>;
  /** Accounts that could not start, with why. */
  readonly notStarted: Readonly<Record<string, ErrorData>>;
  /** Accounts whose running check the user asked for. */
  readonly requested?: Readonly<Record<string, true>>;
  /** When the request that produced `notStarted` was made. */
  readonly notStartedAt?: number;
  /**
   * Accounts of `notStarted` that had a check under way when theirs could not start: that check's
   * progress answers nothing (it signed in before, e.g. with an access token the provider has since
   * revoked), so the problem stays shown until a later check of the account starts.
   */
  readonly notStartedWhileRunning?: Readonly<Record<string, true>>;
}

/** What changes the Send/Receive state. */
export type SendReceiveAction =
  | {
      readonly type: 'started';
      readonly accountIds: readonly string[];
      readonly notStarted: ReadonlyArray<{ accountId: string; error: ErrorData }>;
      /** When the request was made: a run that already finished since then is not running. */
      readonly since: number;
    }
  | { readonly type: 'progress'; readonly event: SendReceiveProgressEvent }
  | { readonly type: 'finished'; readonly event: SendReceiveFinishedEvent; readonly at: number };

/** Before any run. */
export const INITIAL_SEND_RECEIVE: SendReceiveState = { running: {}, last: {}, notStarted: {} };

/** The state after one event; runs the scheduler starts appear with their first progress event. */
export function sendReceiveReducer(state: SendReceiveState, action: SendReceiveAction): SendReceiveState {
  switch (action.type) {
    case 'started': {
      const running = { ...state.running };
      const requested: Record<string, true> = { ...state.requested };
      for (const accountId of action.accountIds) {
        const last = state.last[accountId];
        if (last === undefined || last.at < action.since) {
          running[accountId] ??= null;
          requested[accountId] = true;
        }
      }
      const notStarted: Record<string, ErrorData> = {};
      const notStartedWhileRunning: Record<string, true> = {};
      for (const entry of action.notStarted) {
        notStarted[entry.accountId] = entry.error;
        if (state.running[entry.accountId] !== undefined) notStartedWhileRunning[entry.accountId] = true;
      }
      return { ...state, running, notStarted, requested, notStartedAt: action.since, notStartedWhileRunning };
    }
    case 'progress': {
      const running = { ...state.running, [action.event.accountId]: action.event };
      if (state.notStartedWhileRunning?.[action.event.accountId] === true) return { ...state, running };
      const { [action.event.accountId]: _gone, ...notStarted } = state.notStarted;
      return { ...state, notStarted, running };
    }
    case 'finished': {
      const { [action.event.accountId]: _done, ...running } = state.running;
      const { [action.event.accountId]: asked, ...requested } = state.requested ?? {};
      const { [action.event.accountId]: _over, ...notStartedWhileRunning } = state.notStartedWhileRunning ?? {};
      return {
        ...state,
        running,
        requested,
        notStartedWhileRunning,
        last: { ...state.last, [action.event.accountId]: { at: action.at, event: action.event, requested: asked === true } },
      };
    }
  }
}

/** Whether any account is checking now. */
export function isRunning(state: SendReceiveState): boolean {
  return Object.keys(state.running).length > 0;
}

/** Why the window asks for a password: none is saved, or the server refused the one it has. */
export type PasswordReason = 'missing' | 'refused';

/** One account the window should ask a password for; `key` tells one occasion from the next. */
export interface PasswordRequest {
  readonly accountId: string;
  readonly reason: PasswordReason;
  readonly key: string;
}

/** The password problem of a finished run, if it had one. */
export function passwordProblemOf(event: SendReceiveFinishedEvent): PasswordReason | null {
  if (event.status !== 'failed') return null;
  switch (event.errors[0]?.code) {
    case 'PASSWORD_NEEDED':
      return 'missing';
    case 'AUTH_FAILED':
      return 'refused';
    default:
      return null;
  }
}

/**
 * The accounts to ask a password for now: those a Send/Receive the user asked for could not start
 * without one, and those whose requested run the server refused the password of. Automatic checks
 * never open the question by themselves (the status line offers it instead).
 */
export function passwordRequestsOf(state: SendReceiveState): PasswordRequest[] {
  const requests: PasswordRequest[] = [];
  for (const [accountId, error] of Object.entries(state.notStarted)) {
    // A sign-in the provider no longer honours is found before the run starts: asked like a refused password.
    const reason = error.code === 'PASSWORD_NEEDED' ? 'missing' : error.code === 'AUTH_FAILED' ? 'refused' : null;
    if (reason !== null) requests.push({ accountId, reason, key: `${accountId}@${state.notStartedAt ?? 0}` });
  }
  for (const [accountId, run] of Object.entries(state.last)) {
    const reason = passwordProblemOf(run.event);
    if (reason !== null && run.requested === true) requests.push({ accountId, reason, key: `${accountId}@${run.at}` });
  }
  return requests;
}
