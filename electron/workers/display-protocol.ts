/**
 * The typed messages between main and the display worker. Each carries a sequence number, increasing
 * by one per direction, so a lost or reordered message is detected; replies name the request they
 * answer (`replyTo`). Everything is plain data; errors cross as ErrorData.
 */
import type { ErrorData } from '../../shared/errors';
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
  if (!isRecord(value) || typeof value.seq !== 'number') return false;
  switch (value.type) {
    case 'display':
      return isRawSource(value.source) && (value.maxParts === undefined || typeof value.maxParts === 'number');
    case 'attachment':
      return isRawSource(value.source) && typeof value.index === 'number' && typeof value.maxBytes === 'number';
    case 'stop':
      return true;
    default:
      return false;
  }
}

/** Checks a reply's shape. */
export function isDisplayReply(value: unknown): value is DisplayReply {
  if (!isRecord(value) || typeof value.seq !== 'number' || typeof value.replyTo !== 'number' || typeof value.ok !== 'boolean') return false;
  if (value.type !== 'display' && value.type !== 'attachment') return false;
  return value.ok ? isRecord(value.value) : isRecord(value.error) && typeof value.error.code === 'string';
}
