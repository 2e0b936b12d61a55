/**
 * The typed messages between the Server mailbox service and its worker. Each carries a sequence
 * number increasing by one per direction, so a lost or reordered message is detected. Plain data
 * only; errors cross as data inside the outcome.
 */
import type { ServerMailboxJob, ServerSessionOutcome } from '../jobs/server-mailbox/server-mailbox-job';
import { isJobParentMessage, isMessageOf, isObjectJob, type JobParentMessage, type WithoutSeq } from './job-channel';

/** Parent → worker. */
export type ServerMailboxParentMessage = JobParentMessage<ServerMailboxJob>;

/** Worker → parent: the one final outcome. */
export type ServerMailboxWorkerMessage = { readonly seq: number; readonly type: 'done'; readonly outcome: ServerSessionOutcome };

/** Worker messages before the sender numbers them. */
export type ServerMailboxWorkerEvent = WithoutSeq<ServerMailboxWorkerMessage>;

/** Whether a value from the worker is a worker message. */
export function isServerMailboxWorkerMessage(value: unknown): value is ServerMailboxWorkerMessage {
  return isMessageOf<ServerMailboxWorkerMessage>(value, { done: (message) => typeof message.outcome === 'object' });
}

/** Whether a value from the parent is a parent message. */
export function isServerMailboxParentMessage(value: unknown): value is ServerMailboxParentMessage {
  return isJobParentMessage(value, isObjectJob<ServerMailboxJob>);
}
