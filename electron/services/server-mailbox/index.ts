/**
 * The Server mailbox: what an account's POP3 server holds, how each message stands here, and the
 * actions on them (download, headers only, keep forever, delete), plus the last session's transcript.
 *
 * `createServerMailboxService(options)` is the main-thread side: one session per account, sharing the
 * session lock with Send/Receive; sessions run in a worker (`jobs/server-mailbox/`), the pure rules
 * for states, removal dates and totals live in `mailbox-view.ts`, and the job's transcript recorder
 * bounds the transcript of one session (also used by Send/Receive).
 */
export { createServerMailboxService, type ServerMailboxService } from './server-mailbox-service';
