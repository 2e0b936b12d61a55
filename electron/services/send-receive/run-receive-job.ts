/**
 * Runs a `ReceiveJob` where it stands (the receive worker, or a test process): opens the profile's
 * database and store, receives the account, closes. The store is opened without garbage collection,
 * because other writers (other accounts' workers, the main thread) may have batches in progress whose
 * files are not referenced yet; collecting is the writer-lock holder's job (the worker runs in the same
 * process as the main thread, so it must not take the lock's privileges: `holdsWriterLock` is false).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MailbagError, toErrorData } from '../../../shared/errors';
import { openDatabase } from '../../storage/database';
import { MessageStore } from '../../storage/message-store';
import { LARGE_FOLDER, PACKS_FOLDER } from '../../storage/raw-layout';
import { receiveAccount } from './receive-account';
import type { ReceiveJob } from './receive-job';
import { emptySummary, type ReceiveOutcome, type ReceiveProgress } from './receive-types';

/** Runs the job; never rejects (a failure to open the store is a STORAGE outcome). */
export async function runReceiveJob(job: ReceiveJob, signal: AbortSignal, onProgress: (progress: ReceiveProgress) => void): Promise<ReceiveOutcome> {
  let database;
  try {
    database = openDatabase(job.databaseFile);
    for (const folder of [PACKS_FOLDER, LARGE_FOLDER]) await mkdir(path.join(job.rawDirectory, folder), { recursive: true, mode: 0o700 });
  } catch (error) {
    database?.close();
    const data = error instanceof MailbagError ? error.toData() : { ...toErrorData(new MailbagError('STORAGE', 'Mailbag could not open its mail store.')) };
    return { status: 'failed', accountId: job.accountId, error: { ...data, retryable: false }, summary: emptySummary() };
  }
  try {
    const store = new MessageStore(database, job.rawDirectory, false);
    store.ensureDefaultFolders(job.accountId);
    return await receiveAccount({
      accountId: job.accountId,
      store,
      connection: job.connection,
      credentials: job.credentials,
      policy: job.policy,
      ...(job.mode === undefined ? {} : { mode: job.mode }),
      ...(job.batchMessages === undefined ? {} : { batchMessages: job.batchMessages }),
      signal,
      onProgress,
    });
  } finally {
    database.close();
  }
}
