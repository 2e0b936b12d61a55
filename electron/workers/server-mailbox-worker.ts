/**
 * Worker thread entry for one Server mailbox session. Like the receive worker, it owns the POP3
 * session and writes through its own connection to the profile's store, so neither the session's
 * network waits nor its fsyncs run on the main thread (architecture invariant 7).
 */
import { runServerMailboxJob } from '../jobs/server-mailbox/run-server-mailbox-job';
import type { ServerMailboxJob } from '../jobs/server-mailbox/server-mailbox-job';
import { serveJob } from './job-channel';
import { isServerMailboxParentMessage, type ServerMailboxWorkerEvent } from './server-mailbox-messages';

serveJob<ServerMailboxJob, ServerMailboxWorkerEvent>({
  name: 'server-mailbox-worker',
  isParentMessage: isServerMailboxParentMessage,
  run: async (job, _post, signal) => ({ type: 'done', outcome: await runServerMailboxJob(job, signal) }),
});
