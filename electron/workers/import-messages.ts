/**
 * The typed messages between `mailbag import` and the import worker, sequence-numbered per direction
 * like every job channel's. Plain data only; errors cross as data inside the outcome.
 */
import type { ImportJob, ImportOutcome, ImportProgress } from '../jobs/import/import-job';
import { isJobParentMessage, isMessageOf, isObjectJob, type JobParentMessage, type WithoutSeq } from './job-channel';

/** Parent → worker. */
export type ImportParentMessage = JobParentMessage<ImportJob>;

/** Worker → parent. */
export type ImportWorkerMessage =
  | { readonly seq: number; readonly type: 'progress'; readonly progress: ImportProgress }
  | { readonly seq: number; readonly type: 'done'; readonly outcome: ImportOutcome };

/** Worker messages before the sender numbers them. */
export type ImportWorkerEvent = WithoutSeq<ImportWorkerMessage>;

/** Whether a value from the worker is a worker message. */
export function isImportWorkerMessage(value: unknown): value is ImportWorkerMessage {
  return isMessageOf<ImportWorkerMessage>(value, {
    progress: (message) => typeof message.progress === 'object',
    done: (message) => typeof message.outcome === 'object',
  });
}

/** Whether a value from the parent is a parent message. */
export function isImportParentMessage(value: unknown): value is ImportParentMessage {
  return isJobParentMessage(value, isObjectJob<ImportJob>);
}
