/**
 * The parent side of the Server mailbox worker: one worker per session, its outcome as a promise that
 * never rejects. Cancelling asks the worker to stop and terminates it after a grace period, which is
 * safe: downloads commit whole batches only, and deletions are recorded only after QUIT.
 */
import { wordedErrorData } from '../../shared/error-words';
import type { ServerMailboxJob, ServerSessionOutcome } from '../jobs/server-mailbox/server-mailbox-job';
import { lostJobMessage, startJobWorker } from './job-channel';
import { isServerMailboxWorkerMessage, type ServerMailboxWorkerMessage } from './server-mailbox-messages';
import { workerEntryFile } from './start-worker';

/** How long a cancelled worker may take to end on its own before it is terminated. */
export const SERVER_MAILBOX_CANCEL_GRACE_MS = 5_000;

/** Runs `job` in a new worker thread. */
export function runServerMailboxInWorker(job: ServerMailboxJob, signal?: AbortSignal): Promise<ServerSessionOutcome> {
  const internal = (message: string): ServerSessionOutcome => ({ ok: false, error: { code: 'INTERNAL', message } });
  return startJobWorker<ServerMailboxJob, ServerMailboxWorkerMessage, ServerSessionOutcome>({
    workerFile: workerEntryFile('server-mailbox-worker'),
    job,
    isMessage: isServerMailboxWorkerMessage,
    outcomeOf: (message) => message.outcome,
    lost: (reason) =>
      reason === 'cancelled'
        ? { ok: false, error: wordedErrorData('CANCELLED', { id: 'serviceError.serverMailbox.stopped' }) }
        : internal(lostJobMessage('The server mailbox worker', reason)),
    ...(signal === undefined ? {} : { signal }),
    cancelGraceMs: SERVER_MAILBOX_CANCEL_GRACE_MS,
  }).outcome;
}
