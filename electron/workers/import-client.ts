/**
 * The parent side of the import worker: one worker per import, its progress forwarded, its outcome
 * returned. Cancelling asks the worker to stop after the message it is reading; it commits what it has
 * gathered and reports. A worker that does not end within the grace period is terminated, which is
 * safe: the store records whole batches only, so what was committed stays and nothing half-written counts.
 */
import type { ImportJob, ImportOutcome, ImportProgress } from '../jobs/import/import-job';
import { isImportWorkerMessage, type ImportWorkerMessage } from './import-messages';
import { lostJobMessage, progressThenDone, startJobWorker } from './job-channel';
import { workerEntryFile } from './start-worker';

/** How long a cancelled import may take to commit its last batch before it is terminated. */
export const IMPORT_CANCEL_GRACE_MS = 30_000;

/** Runs `job` in a new worker thread; never rejects (every ending is an outcome). */
export function runImportInWorker(
  job: ImportJob,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportOutcome> {
  return startJobWorker<ImportJob, ImportWorkerMessage, ImportOutcome>({
    workerFile: workerEntryFile('import-worker'),
    job,
    isMessage: isImportWorkerMessage,
    ...progressThenDone(options.onProgress),
    lost: (reason) =>
      reason === 'cancelled'
        ? { status: 'failed', error: { code: 'CANCELLED', message: 'The import was stopped before it could report; what it had stored stays stored.' } }
        : { status: 'failed', error: { code: 'INTERNAL', message: lostJobMessage('The import worker', reason) } },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    cancelGraceMs: IMPORT_CANCEL_GRACE_MS,
  }).outcome;
}
