/**
 * The typed messages between main and the display worker. Each carries a sequence number, increasing
 * by one per direction, so a lost or reordered message is detected; replies name the request they
 * answer (`replyTo`). Everything is plain data; errors cross as ErrorData.
 */
import type { ErrorData } from '../../shared/errors';
import { anyFields, isErrorData, isMessageOf } from './job-channel';
import type { RawSource } from '../storage/raw-layout';
import type { AttachmentBytes, DisplayMessage } from '../jobs/display/display-message';

/** Main → worker. */
export type DisplayRequest =
  | { readonly type: 'display'; readonly seq: number; readonly source: RawSource; readonly maxParts?: number }
  | { readonly type: 'attachment'; readonly seq: number; readonly source: RawSource; readonly index: number; readonly maxBytes: number }
  | { readonly type: 'stop'; readonly seq: number };

/** Worker → main. */
export type DisplayReply =
  | { readonly type: 'display'; readonly seq: number; readonly replyTo: number; readonly ok: true; readonly value: DisplayMessage }
  | { readonly type: 'attachment'; readonly seq: number; readonly replyTo: number; readonly ok: true; readonly value: AttachmentBytes }
  | { readonly type: 'display' | 'attachment'; readonly seq: number; readonly replyTo: number; readonly ok: false; readonly error: ErrorData };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRawSource(value: unknown): value is RawSource {
  return isRecord(value) && (value.kind === 'pack' || value.kind === 'file') && typeof value.path === 'string' && typeof value.size === 'number';
}

/** Checks a request's shape (a worker trusts nothing it did not check). */
export function isDisplayRequest(value: unknown): value is DisplayRequest {
  return isMessageOf<DisplayRequest>(value, {
    display: (message) => isRawSource(message.source) && (message.maxParts === undefined || typeof message.maxParts === 'number'),
    attachment: (message) => isRawSource(message.source) && typeof message.index === 'number' && typeof message.maxBytes === 'number',
    stop: anyFields,
  });
}

/** Whether a reply's fields are a result or error data, answering a numbered request. */
function isReplyFields(message: Readonly<Record<string, unknown>>): boolean {
  if (typeof message.replyTo !== 'number' || typeof message.ok !== 'boolean') return false;
  return message.ok ? isRecord(message.value) : isErrorData(message.error);
}

/** Checks a reply's shape. */
export function isDisplayReply(value: unknown): value is DisplayReply {
  return isMessageOf<DisplayReply>(value, { display: isReplyFields, attachment: isReplyFields });
}
