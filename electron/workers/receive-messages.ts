/**
 * The typed messages between the Send/Receive service and the receive worker. Each carries a sequence
 * number increasing by one per direction, so a lost or reordered message is detected. Plain data only;
 * errors cross as data inside the outcome.
 */
import type { ReceiveJob } from '../services/send-receive/receive-job';
import type { ReceiveOutcome, ReceiveProgress } from '../services/send-receive/receive-types';

/** Parent → worker. */
export type ReceiveParentMessage =
  | { readonly seq: number; readonly type: 'start'; readonly job: ReceiveJob }
  | { readonly seq: number; readonly type: 'cancel' };

/** Worker → parent. */
export type ReceiveWorkerMessage =
  | { readonly seq: number; readonly type: 'progress'; readonly progress: ReceiveProgress }
  | { readonly seq: number; readonly type: 'done'; readonly outcome: ReceiveOutcome };

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Worker messages before the sender numbers them. */
export type ReceiveWorkerEvent = WithoutSeq<ReceiveWorkerMessage>;

/** Parent messages before the sender numbers them. */
export type ReceiveParentEvent = WithoutSeq<ReceiveParentMessage>;

function hasSeq(value: unknown): value is { seq: number; type?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { seq?: unknown }).seq === 'number';
}

/** Whether a value from the parent port is a parent message. */
export function isReceiveParentMessage(value: unknown): value is ReceiveParentMessage {
  if (!hasSeq(value)) return false;
  switch (value.type) {
    case 'start':
      return typeof (value as { job?: unknown }).job === 'object' && (value as { job?: unknown }).job !== null;
    case 'cancel':
      return true;
    default:
      return false;
  }
}

/** Whether a value from the worker is a worker message. */
export function isReceiveWorkerMessage(value: unknown): value is ReceiveWorkerMessage {
  if (!hasSeq(value)) return false;
  switch (value.type) {
    case 'progress':
      return typeof (value as { progress?: unknown }).progress === 'object';
    case 'done':
      return typeof (value as { outcome?: unknown }).outcome === 'object';
    default:
      return false;
  }
}
