/**
 * The Server mailbox's contract operations: list the server, act on selected messages, show the last
 * session's transcript. Messages downloaded here are indexed and announced like Send/Receive's, so
 * the mail window shows them at once.
 */
import type { Handlers } from '../ipc/registry';
import type { EventHub } from '../services/events';
import { describeError, type Logger } from '../services/logger';
import type { ServerMailboxService } from '../services/server-mailbox';

/** The Server mailbox operations of the contract. */
export type ServerMailboxHandlers = Pick<Handlers, 'listServerMailbox' | 'serverMailboxAction' | 'getServerTranscript'>;

/** What the Server mailbox operations need. */
export interface ServerMailboxHandlerOptions {
  readonly service: ServerMailboxService;
  readonly events: EventHub;
  readonly logger: Logger;
  /** Indexes stored but unindexed messages (core.indexPending). */
  readonly indexPending: () => Promise<void>;
}

/** Builds the Server mailbox operations. */
export function createServerMailboxHandlers(options: ServerMailboxHandlerOptions): ServerMailboxHandlers {
  const { service, events } = options;
  return {
    listServerMailbox: ({ accountId }) => service.list(accountId),
    async serverMailboxAction(input) {
      const result = await service.act(input);
      const stored = result.downloaded + result.partial;
      if (stored > 0) {
        try {
          await options.indexPending();
        } catch (error) {
          options.logger.warn('indexing downloaded server messages failed', { error: describeError(error) });
        }
        events.emit('newMail', { accountId: input.accountId, count: stored });
      }
      if (stored > 0 || result.deleted > 0) events.emit('mailChanged', { accountIds: [input.accountId], folderIds: [], messageIds: [] });
      return result;
    },
    getServerTranscript: ({ accountId }) => service.transcript(accountId),
  };
}
