/**
 * Send/Receive on the main thread: the orchestration around the receive job. The job itself
 * (`receiveAccount`, `runReceiveJob`) runs in the receive worker and lives in `jobs/receive/`.
 *
 * - `SendReceiveService`: the parent side; one worker per running account, start/cancel/progress.
 * - `receive-scheduler`: when each account is checked next (pure; the clock is passed in), and
 *   `ReceiveScheduleLoop`, which drives it with an injectable clock and timer.
 * - `sendReceiveAccounts`: which accounts a Send/Receive covers, alike for the window and the command line.
 * - `startSendReceive`, `runSendReceive`, `sendThenReceive`: what a Send/Receive does for them (job
 *   ready, Outbox sent, mail received), once for the window, its schedule and the command line.
 * - Types the main thread uses: `ReceiveMode`, `ReceiveOutcome`, `ReceiveJob` (the rest are in `jobs/receive/`).
 */
export { receiveJobForAccount, renewedJob, type ProfilePaths } from './account-job';
export { SendReceiveService, sameThreadRunner, workerRunner, type ReceiveRunner } from './send-receive-service';
export { sendReceiveAccounts } from './taking-part';
export { runSendReceive, sendThenReceive, startSendReceive, type AccountSendReceive, type SendReceiveSteps } from './run-send-receive';
export { isPasswordRefusal, type ScheduleSettings } from './receive-scheduler';
export { ReceiveScheduleLoop, type ScheduleTimers } from './receive-schedule-loop';
export type { ReceiveJob } from '../../jobs/receive/receive-job';
export { emptySummary } from '../../jobs/receive/receive-types';
export type { ReceiveMode, ReceiveOutcome } from '../../jobs/receive/receive-types';
