/**
 * The typed messages between the store's owner and the parse worker. Each carries a sequence number,
 * increasing by one per direction, so a lost or reordered message is detected; replies name the
 * request they answer. Everything is plain data; errors cross as ErrorData.
 */
import type { ErrorData } from '../../shared/errors';
import { anyFields, isErrorData, isMessageOf } from './job-channel';
import type { ParseRequest, ParseResult } from '../storage/message-index';

/** Parent → worker. */
export type ParseParentMessage =
  { readonly type: 'parse'; readonly seq: number; readonly requests: readonly ParseRequest[] } | { readonly type: 'stop'; readonly seq: number };

/** Worker → parent. */
export type ParseWorkerMessage =
  | { readonly type: 'parsed'; readonly seq: number; readonly replyTo: number; readonly results: readonly ParseResult[] }
  | { readonly type: 'failed'; readonly seq: number; readonly replyTo: number; readonly error: ErrorData };

/** Checks the shape of a message from the parent (a worker trusts nothing it did not check). */
export function isParseParentMessage(value: unknown): value is ParseParentMessage {
  return isMessageOf<ParseParentMessage>(value, { parse: (message) => Array.isArray(message.requests), stop: anyFields });
}

/** Checks the shape of a message from the worker. */
export function isParseWorkerMessage(value: unknown): value is ParseWorkerMessage {
  return isMessageOf<ParseWorkerMessage>(value, {
    parsed: (message) => typeof message.replyTo === 'number' && Array.isArray(message.results),
    failed: (message) => typeof message.replyTo === 'number' && isErrorData(message.error),
  });
}
