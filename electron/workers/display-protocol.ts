/**
 * The typed messages between main and the display worker. Every request carries an id its reply
 * repeats; everything is plain data, errors cross as ErrorData.
 */
import type { ErrorData } from '../../shared/errors';
import type { RawSource } from '../storage/raw-layout';
import type { AttachmentBytes, DisplayMessage } from '../jobs/display/display-message';

/** Main → worker. */
export type DisplayRequest =
  | { readonly type: 'display'; readonly id: number; readonly source: RawSource; readonly maxParts?: number }
  | { readonly type: 'attachment'; readonly id: number; readonly source: RawSource; readonly index: number; readonly maxBytes: number }
  | { readonly type: 'stop'; readonly id: number };

/** Worker → main. */
export type DisplayReply =
  | { readonly type: 'display'; readonly id: number; readonly ok: true; readonly value: DisplayMessage }
  | { readonly type: 'attachment'; readonly id: number; readonly ok: true; readonly value: AttachmentBytes }
  | { readonly type: 'display' | 'attachment'; readonly id: number; readonly ok: false; readonly error: ErrorData };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRawSource(value: unknown): value is RawSource {
  return isRecord(value) && (value.kind === 'pack' || value.kind === 'file') && typeof value.path === 'string' && typeof value.size === 'number';
}

/** Checks a request's shape (a worker trusts nothing it did not check). */
export function isDisplayRequest(value: unknown): value is DisplayRequest {
  if (!isRecord(value) || typeof value.id !== 'number') return false;
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
  if (!isRecord(value) || typeof value.id !== 'number' || typeof value.ok !== 'boolean') return false;
  if (value.type !== 'display' && value.type !== 'attachment') return false;
  return value.ok ? isRecord(value.value) : isRecord(value.error) && typeof value.error.code === 'string';
}
