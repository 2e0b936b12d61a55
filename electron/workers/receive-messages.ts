/**
 * The typed messages between the Send/Receive service and the receive worker. Each carries a sequence
 * number increasing by one per direction, so a lost or reordered message is detected. Plain data only;
 * errors cross as data inside the outcome.
 */
import type { ReceiveJob } from '../jobs/receive/receive-job';
import { isJobParentMessage, isMessageOf, isObjectJob, type JobParentMessage, type WithoutSeq } from './job-channel';
import type { ReceiveOutcome, ReceiveProgress } from '../jobs/receive/receive-types';

/** Parent → worker. */
export type ReceiveParentMessage = JobParentMessage<ReceiveJob>;

/** Worker → parent. */
export type ReceiveWorkerMessage =
  | { readonly seq: number; readonly type: 'progress'; readonly progress: ReceiveProgress }
  | { readonly seq: number; readonly type: 'done'; readonly outcome: ReceiveOutcome };

/** Worker messages before the sender numbers them. */
export type ReceiveWorkerEvent = WithoutSeq<ReceiveWorkerMessage>;

/** Whether a value from the worker is a worker message. */
export function isReceiveWorkerMessage(value: unknown): value is ReceiveWorkerMessage {
  return isMessageOf<ReceiveWorkerMessage>(value, {
    progress: (message) => typeof message.progress === 'object',
    done: (message) => typeof message.outcome === 'object',
  });
}

/** Whether a value from the parent is a parent message. */
export function isReceiveParentMessage(value: unknown): value is ReceiveParentMessage {
  return isJobParentMessage(value, isObjectJob<ReceiveJob>);
}
