import { useCallback, useEffect, useReducer } from 'react';
import type { ErrorData } from '../../shared/errors';
import { bridge } from '../bridge';
import { INITIAL_SEND_RECEIVE, sendReceiveReducer, type SendReceiveState } from './send-receive-model';

export { isRunning, type LastRun, type SendReceiveState } from './send-receive-model';

/** The state of Send/Receive and the commands that start and stop it. */
export function useSendReceive(): {
  state: SendReceiveState;
  /** Starts every account that takes part in Send/Receive, or only `accountId`. */
  start: (accountId?: string) => Promise<ErrorData | null>;
  cancel: () => void;
} {
  const [state, dispatch] = useReducer(sendReceiveReducer, INITIAL_SEND_RECEIVE);
  useEffect(() => {
    const stops = [
      bridge.on('sendReceiveProgress', (event) => dispatch({ type: 'progress', event })),
      bridge.on('sendReceiveFinished', (event) => dispatch({ type: 'finished', event, at: Date.now() })),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
  const start = useCallback(async (accountId?: string): Promise<ErrorData | null> => {
    const since = Date.now();
    const result = await bridge.startSendReceive(accountId === undefined ? undefined : { accountId });
    if (!result.ok) return result.error;
    dispatch({ type: 'started', accountIds: result.value.started, notStarted: result.value.notStarted, since });
    return null;
  }, []);
  const cancel = useCallback(() => {
    void bridge.cancelSendReceive();
  }, []);
  return { state, start, cancel };
}
