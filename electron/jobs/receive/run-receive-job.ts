/**
 * Runs a `ReceiveJob` where it stands (the receive worker, or a test process): opens the profile's
 * database and store, receives the account, closes. The store is opened without garbage collection,
 * because other writers (other accounts' workers, the main thread) may have batches in progress whose
 * files are not referenced yet; collecting is the writer-lock holder's job (the worker runs in the same
 * process as the main thread, so it must not take the lock's privileges: `maintenance: false`).
 */
import { MailbagError, toErrorData } from '../../../shared/errors';
import { openDatabase } from '../../storage/database';
import { openMessageStore, type MessageStore } from '../../storage/message-store';
import { saveTranscript } from '../../storage/server-mailbox-records';
import { TranscriptRecorder } from '../server-mailbox/transcript-recorder';
import { receiveAccount } from './receive-account';
import type { ReceiveJob } from './receive-job';
import { emptySummary, type ReceiveOutcome, type ReceiveProgress } from './receive-types';

/** Runs the job; never rejects (a failure to open the store is a STORAGE outcome). */
export async function runReceiveJob(job: ReceiveJob, signal: AbortSignal, onProgress: (progress: ReceiveProgress) => void): Promise<ReceiveOutcome> {
  let database;
  let store: MessageStore;
  try {
    database = openDatabase(job.databaseFile);
    store = await openMessageStore({ database, rawDirectory: job.rawDirectory, maintenance: false });
  } catch (error) {
    database?.close();
    const data = error instanceof MailbagError ? error.toData() : { ...toErrorData(new MailbagError('STORAGE', 'Mailbag could not open its mail store.')) };
    return { status: 'failed', accountId: job.accountId, error: { ...data, retryable: false }, summary: emptySummary() };
  }
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
    try {
      saveTranscript(database, job.accountId, transcript.finish());
    } catch {
      // The transcript is a convenience: failing to keep it must not turn a good run into a failure.
    }
    return outcome;
  } finally {
    database.close();
  }
}
