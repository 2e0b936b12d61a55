/**
 * Runs a `ReceiveJob` where it stands (the receive worker, or a test process): opens the profile's
 * database and store (as every job does, without garbage collection: jobs/job-store.ts), receives the
 * account, closes. `receiveIntoStore` does the same into a store its caller keeps open.
 */
import { keepTranscript, openJobStore, type JobStore } from '../job-store';
import { MailbagError, type ErrorData } from '../../../shared/errors';
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
  try {
    return await receiveIntoStore(opened.value, job, signal, onProgress);
  } finally {
    opened.value.database.close();
  }
}

/**
 * Runs the job into a store that is already open and stays open (the command line's own, when it
 * receives on its own thread); never rejects: a store that fails before the session starts is a
 * STORAGE outcome.
 */
export async function receiveIntoStore(
  opened: JobStore,
  job: ReceiveJob,
  signal: AbortSignal,
  onProgress: (progress: ReceiveProgress) => void,
): Promise<ReceiveOutcome> {
  const { database, store } = opened;
  try {
    store.ensureDefaultFolders(job.accountId);
  } catch (error) {
    return { status: 'failed', accountId: job.accountId, error: { ...storageError(error), retryable: false }, summary: emptySummary() };
  }
  // The session's transcript (passwords redacted by the engine) is kept for the Server mailbox view.
  const transcript = new TranscriptRecorder('send-receive');
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
}

/** The error data of a store that failed before the session started. */
function storageError(error: unknown): ErrorData {
  return error instanceof MailbagError ? error.toData() : { code: 'STORAGE', message: 'Mailbag could not prepare its mail store.' };
}
