import type { ErrorData } from '../../shared/errors';
import type { SendReceiveFinishedEvent, SendReceiveProgressEvent } from '../../shared/mail';

/** The last finished run of an account and when it ended. */
export interface LastRun {
  readonly at: number;
  readonly event: SendReceiveFinishedEvent;
}

/** Send/Receive as the window shows it: progress of running accounts and the last result of each. */
export interface SendReceiveState {
  /** Accounts checking now; null progress until their first event. */
  readonly running: Readonly<Record<string, SendReceiveProgressEvent | null>>;
  readonly last: Readonly<Record<string, LastRun>>;
  /** Accounts that could not start, with why. */
  readonly notStarted: Readonly<Record<string, ErrorData>>;
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
      for (const accountId of action.accountIds) {
        const last = state.last[accountId];
        if (last === undefined || last.at < action.since) running[accountId] ??= null;
      }
      const notStarted: Record<string, ErrorData> = {};
      for (const entry of action.notStarted) notStarted[entry.accountId] = entry.error;
      return { ...state, running, notStarted };
    }
    case 'progress': {
      const { [action.event.accountId]: _gone, ...notStarted } = state.notStarted;
      return { ...state, notStarted, running: { ...state.running, [action.event.accountId]: action.event } };
    }
    case 'finished': {
      const { [action.event.accountId]: _done, ...running } = state.running;
      return { ...state, running, last: { ...state.last, [action.event.accountId]: { at: action.at, event: action.event } } };
    }
  }
}

/** Whether any account is checking now. */
export function isRunning(state: SendReceiveState): boolean {
  return Object.keys(state.running).length > 0;
}
