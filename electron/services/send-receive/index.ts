/**
 * Send/Receive on the main thread: the orchestration around the receive job. The job itself
 * (`receiveAccount`, `runReceiveJob`) runs in the receive worker and lives in `jobs/receive/`.
 *
 * - `SendReceiveService`: the parent side; one worker per running account, start/cancel/progress.
 * - `receive-scheduler`: when each account is checked next (pure; the clock is passed in), and
 *   `ReceiveScheduleLoop`, which drives it with an injectable clock and timer.
 * - Types: `ReceivePolicy`, `ReceiveMode`, `ReceiveProgress`, `ReceiveSummary`, `ReceiveOutcome`, `ReceiveJob`.
 */
export { receiveJobForAccount, type ProfilePaths } from './account-job';
export { SendReceiveService, workerRunner, type ReceiveRunner, type SendReceiveEvent } from './send-receive-service';
export { afterPasswordEntered, afterRun, delayUntilNext, dueAccounts, effectiveIntervalMs, isPasswordRefusal, nextCheckAt, type AccountSchedule, type ScheduleSettings } from './receive-scheduler';
export { ReceiveScheduleLoop, MAX_SLEEP_MS, type ScheduleLoopOptions, type ScheduleTimers } from './receive-schedule-loop';
export type { ReceiveConnection, ReceiveJob } from '../../jobs/receive/receive-job';
export { emptySummary } from '../../jobs/receive/receive-types';
export type { LeaveOnServer, ReceiveMessageError, ReceiveMode, ReceiveOutcome, ReceivePhase, ReceivePolicy, ReceiveProgress, ReceiveSummary } from '../../jobs/receive/receive-types';
