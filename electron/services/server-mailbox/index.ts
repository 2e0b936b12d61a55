/**
 * The Server mailbox: what an account's POP3 server holds, how each message stands here, and the
 * actions on them (download, headers only, keep forever, delete), plus the last session's transcript.
 *
 * - `createServerMailboxService(options)`: the main-thread side; one session per account, sharing the
 *   session lock with Send/Receive; sessions run in a worker (`runServerMailboxJob`).
 * - `buildListing`: the pure rules for states, removal dates and totals.
 * - `TranscriptRecorder`: the bounded transcript of one session (also used by Send/Receive).
 */
export { createServerMailboxService, busyMessage, type ServerMailboxService, type ServerMailboxServiceOptions, type ServerSessionRunner, type ServerMailboxActionRequest } from './server-mailbox-service';
export { buildListing, removalTime, stateOf } from './mailbox-view';
export { runServerMailboxJob, serverMailboxSession } from './run-server-mailbox-job';
export { TranscriptRecorder } from './transcript-recorder';
export type { ServerEntry, ServerMailboxJob, ServerMailboxRequest, ServerSessionOutcome, ServerSessionResult } from './server-mailbox-job';
