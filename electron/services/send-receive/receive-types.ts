/**
 * The receive job's policy, progress and outcome as seen from the Send/Receive service: they are
 * defined with the job (`jobs/receive/receive-types.ts`), which runs in the worker.
 */
export { emptySummary } from '../../jobs/receive/receive-types';
export type { LeaveOnServer, ReceiveMessageError, ReceiveMode, ReceiveOutcome, ReceivePhase, ReceivePolicy, ReceiveProgress, ReceiveSummary } from '../../jobs/receive/receive-types';
