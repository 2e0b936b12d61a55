/**
 * Runs a `ReceiveJob` where it stands (the receive worker, or a test process): opens the profile's
 * database and store (as every job does, without garbage collection: jobs/job-store.ts), receives the
 * account, closes.
 */
import { keepTranscript, openJobStore } from '../job-store';
import { markPhase } from '../phase-marks';
import { TranscriptRecorder } from '../server-mailbox/transcript-recorder';
import { receiveAccount } from './receive-account';
import type { ReceiveJob } from './receive-job';
import { emptySummary, type ReceiveOutcome, type ReceiveProgress } from './receive-types';

/** Runs the job; never rejects (a failure to open the store is a STORAGE outcome). */
export async function runReceiveJob(job: ReceiveJob, signal: AbortSignal, onProgress: (progress: ReceiveProgress) => void): Promise<ReceiveOutcome> {
  const opened = await openJobStore(job);
  markPhase('store opened');
  if (!opened.ok) return { status: 'failed', accountId: job.accountId, error: { ...opened.error, retryable: false }, summary: emptySummary() };
  const { database, store } = opened.value;
  // The session's transcript (passwords redacted by the engine) is kept for the Server mailbox view.
  const transcript = new TranscriptRecorder('send-receive');
  try {
    store.ensureDefaultFolders(job.accountId);
    const outcome = await receiveAccount({
      accountId: job.accountId,
      store,
      connection: { ...job.connection, transcript: transcript.sink },
      credentials: job.credentials,
      policy: job.policy,
      ...(job.mode === undefined ? {} : { mode: job.mode }),
      ...(job.batchMessages === undefined ? {} : { batchMessages: job.batchMessages }),
      signal,
      onProgress,
    });
    transcript.note(`Send/Receive ${outcome.status}.`);
    keepTranscript(database, job.accountId, transcript.finish());
    return outcome;
  } finally {
    database.close();
  }
}
