/**
 * The typed messages between the store's owner and the parse worker. Each carries a sequence number,
 * increasing by one per direction, so a lost or reordered message is detected; replies name the
 * request they answer. Everything is plain data; errors cross as ErrorData.
 */
import type { ErrorData } from '../../shared/errors';
import type { ParseRequest, ParseResult } from '../storage/message-index';

/** Parent → worker. */
export type ParseParentMessage =
  | { readonly type: 'parse'; readonly seq: number; readonly requests: readonly ParseRequest[] }
  | { readonly type: 'stop'; readonly seq: number };

/** Worker → parent. */
export type ParseWorkerMessage =
  | { readonly type: 'parsed'; readonly seq: number; readonly replyTo: number; readonly results: readonly ParseResult[] }
  | { readonly type: 'failed'; readonly seq: number; readonly replyTo: number; readonly error: ErrorData };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks the shape of a message from the parent (a worker trusts nothing it did not check). */
export function isParseParentMessage(value: unknown): value is ParseParentMessage {
  if (!isRecord(value) || typeof value.seq !== 'number') return false;
  switch (value.type) {
    case 'parse':
      return Array.isArray(value.requests);
    case 'stop':
      return true;
    default:
      return false;
  }
}

/** Checks the shape of a message from the worker. */
export function isParseWorkerMessage(value: unknown): value is ParseWorkerMessage {
  if (!isRecord(value) || typeof value.seq !== 'number' || typeof value.replyTo !== 'number') return false;
  switch (value.type) {
    case 'parsed':
      return Array.isArray(value.results);
    case 'failed':
      return isRecord(value.error) && typeof value.error.code === 'string';
    default:
      return false;
  }
}
