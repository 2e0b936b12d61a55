/**
 * Worker thread entry for an import: reading a mailbox of a gigabyte, hashing and writing its messages
 * and their fsyncs run here, never on the thread that started it (architecture invariant 7). It serves
 * one job: progress events, then one `done` with the outcome.
 */
import type { ImportJob } from '../jobs/import/import-job';
import { runImportJob } from '../jobs/import/run-import-job';
import { isImportParentMessage, type ImportWorkerEvent } from './import-messages';
import { serveJob } from './job-channel';

/** Progress events are sent at most this often (a mailbox of small messages would flood the port). */
const PROGRESS_INTERVAL_MS = 100;

serveJob<ImportJob, ImportWorkerEvent>({
  name: 'import-worker',
  isParentMessage: isImportParentMessage,
  run: async (job, post, signal) => {
    let last = 0;
    const outcome = await runImportJob(job, signal, (progress) => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      post({ type: 'progress', progress });
    });
    return { type: 'done', outcome };
  },
});
