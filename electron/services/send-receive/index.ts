/**
 * Send/Receive: the receive engine and its orchestration.
 *
 * - `receiveAccount(options)`: one account, in the calling thread (the worker uses it; so do tests).
 * - `runReceiveJob(job, signal, onProgress)`: the same from plain data, opening the profile's store.
 * - `SendReceiveService`: the parent side; one worker per running account, start/cancel/progress.
 * - `receive-scheduler`: when each account is checked next (pure; the clock is passed in), and
 *   `ReceiveScheduleLoop`, which drives it with an injectable clock and timer.
 * - Types: `ReceivePolicy`, `ReceiveMode`, `ReceiveProgress`, `ReceiveSummary`, `ReceiveOutcome`, `ReceiveJob`.
 */
export { receiveAccount, BUSY_RETRY_MS, RECEIVE_BATCH_BYTES, RECEIVE_BATCH_MESSAGES, type ReceiveAccountOptions } from './receive-account';
export { runReceiveJob } from './run-receive-job';
export { receiveJobForAccount, type ProfilePaths } from './account-job';
export { SendReceiveService, workerRunner, type ReceiveRunner, type SendReceiveEvent } from './send-receive-service';
export { afterPasswordEntered, afterRun, delayUntilNext, dueAccounts, effectiveIntervalMs, isPasswordRefusal, nextCheckAt, type AccountSchedule, type ScheduleSettings } from './receive-scheduler';
export { ReceiveScheduleLoop, MAX_SLEEP_MS, type ScheduleLoopOptions, type ScheduleTimers } from './receive-schedule-loop';
export { planReceive, deletionReason, type ReceivePlan } from './receive-plan';
export type { ReceiveConnection, ReceiveJob } from './receive-job';
export { emptySummary } from './receive-types';
export type { LeaveOnServer, ReceiveMessageError, ReceiveMode, ReceiveOutcome, ReceivePhase, ReceivePolicy, ReceiveProgress, ReceiveSummary } from './receive-types';
