/**
 * Worker thread entry for Send/Receive of one account. It owns the POP3 session and writes through its
 * own connection to the profile's store (SQLite in WAL mode lets one writer at a time through — this
 * worker, other workers, the main thread — and keeps readers unblocked), so neither this session's
 * network waits nor its fsyncs run on the main thread (architecture invariant 7). It serves one job over the job channel: sequenced progress events and
 * one `done` with the outcome (which is never an exception).
 */
import type { ReceiveJob } from '../jobs/receive/receive-job';
import { runReceiveJob } from '../jobs/receive/run-receive-job';
import { markPhase } from '../jobs/phase-marks';
import { serveJob } from './job-channel';
import { isReceiveParentMessage, type ReceiveWorkerEvent } from './receive-messages';

markPhase('worker loaded');
serveJob<ReceiveJob, ReceiveWorkerEvent>({
  name: 'receive-worker',
  isParentMessage: isReceiveParentMessage,
  run: async (job, post, signal) => ({ type: 'done', outcome: await runReceiveJob(job, signal, (progress) => post({ type: 'progress', progress })) }),
});
