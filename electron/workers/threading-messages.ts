/**
 * The typed messages between main and the threading worker. Each carries a sequence number,
 * increasing by one per direction, so a lost or reordered message is detected; replies name the
 * request they answer. A layout crosses as typed arrays (transferred, not copied); errors as ErrorData.
 */
import type { ErrorData } from '../../shared/errors';
import { anyFields, isErrorData, isMessageOf } from './job-channel';
import { isThreadingLayout, type ConversationScope, type ThreadingLayout } from '../storage/thread-layout';

/** Main → worker. */
export type ThreadingRequest =
  | {
      readonly type: 'thread';
      readonly seq: number;
      readonly databaseFile: string;
      /** The better-sqlite3 addon built for this runtime (the Electron app's), when not node_modules' own. */
      readonly nativeBinding?: string;
      readonly scope: ConversationScope;
    }
  | { readonly type: 'stop'; readonly seq: number };

/** Worker → main. */
export type ThreadingReply =
  | { readonly type: 'threaded'; readonly seq: number; readonly replyTo: number; readonly layout: ThreadingLayout }
  | { readonly type: 'failed'; readonly seq: number; readonly replyTo: number; readonly error: ErrorData };

function isIdList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((entry) => Number.isSafeInteger(entry));
}

function isScope(value: unknown): value is ConversationScope {
  if (typeof value !== 'object' || value === null) return false;
  const scope = value as Record<string, unknown>;
  return isIdList(scope.folderIds) && isIdList(scope.shownFolderIds);
}

/** Checks a request's shape (a worker trusts nothing it did not check). */
export function isThreadingRequest(value: unknown): value is ThreadingRequest {
  return isMessageOf<ThreadingRequest>(value, {
    thread: (message) =>
      typeof message.databaseFile === 'string' && (message.nativeBinding === undefined || typeof message.nativeBinding === 'string') && isScope(message.scope),
    stop: anyFields,
  });
}

/** Checks a reply's shape. */
export function isThreadingReply(value: unknown): value is ThreadingReply {
  return isMessageOf<ThreadingReply>(value, {
    threaded: (message) => typeof message.replyTo === 'number' && isThreadingLayout(message.layout),
    failed: (message) => typeof message.replyTo === 'number' && isErrorData(message.error),
  });
}
