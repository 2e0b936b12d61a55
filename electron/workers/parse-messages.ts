/**
 * The typed messages between the store's owner and the parse worker. Each carries a sequence number,
 * increasing by one per direction, so a lost or reordered message is detected; replies name the
 * request they answer. Everything is plain data; errors cross as ErrorData.
 */
import type { ErrorData } from '../../shared/errors';
import { anyFields, isErrorData, isMessageOf } from './job-channel';
import type { IndexRequest, ParseRequest, ParseResult } from '../storage/message-index';

/** The database an indexing worker writes to, opened in the worker with its own connection. */
export interface IndexTarget {
  readonly databaseFile: string;
  /** The better-sqlite3 addon the store's owner loaded (Electron's build in the app). */
  readonly nativeBinding?: string;
}

/**
 * How a parse worker's thread is scheduled: `normal`, or `background` for indexing beside a download,
 * which gives way to the download whenever both want a core.
 */
export type ParsePriority = 'normal' | 'background';

/** What a parse worker is started with. */
export interface ParseWorkerData {
  readonly priority: ParsePriority;
}

/** Checks the shape of a parse worker's start data. */
export function isParseWorkerData(value: unknown): value is ParseWorkerData {
  if (typeof value !== 'object' || value === null) return false;
  const priority = (value as Record<string, unknown>).priority;
  return priority === 'normal' || priority === 'background';
}

/** Parent → worker. */
export type ParseParentMessage =
  | { readonly type: 'parse'; readonly seq: number; readonly requests: readonly ParseRequest[] }
  | { readonly type: 'index'; readonly seq: number; readonly target: IndexTarget; readonly requests: readonly IndexRequest[] }
  | { readonly type: 'stop'; readonly seq: number };

/** Worker → parent. */
export type ParseWorkerMessage =
  | { readonly type: 'parsed'; readonly seq: number; readonly replyTo: number; readonly results: readonly ParseResult[] }
  | { readonly type: 'indexed'; readonly seq: number; readonly replyTo: number; readonly applied: number }
  | { readonly type: 'failed'; readonly seq: number; readonly replyTo: number; readonly error: ErrorData };

function isIndexTarget(value: unknown): value is IndexTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as Record<string, unknown>;
  return typeof target.databaseFile === 'string' && (target.nativeBinding === undefined || typeof target.nativeBinding === 'string');
}

/** Checks the shape of a message from the parent (a worker trusts nothing it did not check). */
export function isParseParentMessage(value: unknown): value is ParseParentMessage {
  return isMessageOf<ParseParentMessage>(value, {
    parse: (message) => Array.isArray(message.requests),
    index: (message) => Array.isArray(message.requests) && isIndexTarget(message.target),
    stop: anyFields,
  });
}

/** Checks the shape of a message from the worker. */
export function isParseWorkerMessage(value: unknown): value is ParseWorkerMessage {
  return isMessageOf<ParseWorkerMessage>(value, {
    parsed: (message) => typeof message.replyTo === 'number' && Array.isArray(message.results),
    indexed: (message) => typeof message.replyTo === 'number' && typeof message.applied === 'number',
    failed: (message) => typeof message.replyTo === 'number' && isErrorData(message.error),
  });
}
