/**
 * The parent side of the threading worker: one long-lived worker thread (a request channel) that
 * works out conversation layouts, so re-threading a large folder after a change never holds up the
 * main thread. If the worker dies, the requests it held fail and the next request starts a fresh one.
 */
import { MailbagError } from '../../shared/errors';
import type { ConversationScope, ThreadingLayout } from '../storage/thread-layout';
import { openRequestChannel } from './request-channel';
import { workerEntryFile } from './start-worker';
import { isThreadingReply, type ThreadingReply, type ThreadingRequest } from './threading-messages';

/** A running threading worker over one database file. */
export interface ThreadingWorkerClient {
  /** The layout of a scope, worked out in the worker from the database as it is now. */
  layout(scope: ConversationScope): Promise<ThreadingLayout>;
  /** Stops the worker; `layout` then rejects. */
  close(): Promise<void>;
}

/**
 * Starts the threading worker (started on the first request) for the database at `databaseFile`,
 * loading better-sqlite3 from `nativeBinding` when given (the Electron app's own build).
 */
export function startThreadingWorker(
  databaseFile: string,
  nativeBinding?: string,
  workerFile: string = workerEntryFile('threading-worker'),
): ThreadingWorkerClient {
  const channel = openRequestChannel<ThreadingRequest, ThreadingReply>({ workerFile, worker: 'conversations', isReply: isThreadingReply });
  return {
    async layout(scope) {
      const reply = await channel.request({
        type: 'thread',
        databaseFile,
        ...(nativeBinding === undefined ? {} : { nativeBinding }),
        scope: { folderIds: [...scope.folderIds], shownFolderIds: [...scope.shownFolderIds] },
      });
      switch (reply.type) {
        case 'threaded':
          return reply.layout;
        case 'failed':
          throw MailbagError.fromData(reply.error);
      }
    },
    close: channel.close,
  };
}
