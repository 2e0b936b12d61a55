/**
 * The Server mailbox: what an account's POP3 server holds, how each message stands here, and the
 * actions on them (download, headers only, keep forever, delete), plus the last session's transcript.
 *
 * - `createServerMailboxService(options)`: the main-thread side; one session per account, sharing the
 *   session lock with Send/Receive; sessions run in a worker (`jobs/server-mailbox/`).
 * - `buildListing`: the pure rules for states, removal dates and totals.
 */
export { createServerMailboxService, busyMessage, type ServerMailboxService, type ServerMailboxServiceOptions, type ServerSessionRunner, type ServerMailboxActionRequest } from './server-mailbox-service';
export { buildListing, removalTime, stateOf } from './mailbox-view';
export type { ServerEntry, ServerMailboxJob, ServerMailboxRequest, ServerSessionOutcome, ServerSessionResult } from '../../jobs/server-mailbox/server-mailbox-job';
