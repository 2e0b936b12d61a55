/**
 * The contract's conversation operations: the threaded message list and one whole conversation, over
 * the folders the user chose in Settings (Inbox and Sent by default) of the accounts shown.
 */
import type { ConversationListItem } from '../../shared/conversations';
import type { Handlers } from '../ipc/registry';
import type { SettingsService } from '../services/settings';
import { sourceFolderIds } from '../storage/message-list';
import { conversationScope, linesOfConversation, pageOfConversations, type ConversationSummary } from '../storage/message-threads';
import type { MessageStore } from '../storage/message-store';
import { computeThreadingLayout, createThreadingCache, type ComputeThreading } from '../storage/thread-layout';
import { listItem } from './mail-handlers';

/** The conversation operations of the contract. */
export type ConversationHandlers = Pick<Handlers, 'listConversations' | 'getConversation'>;

/** What the conversation operations need. */
export interface ConversationHandlerOptions {
  readonly store: MessageStore;
  readonly settings: Pick<SettingsService, 'get'>;
  /** Where threading is worked out (the app: the threading worker); in this thread when absent. */
  readonly computeThreading?: ComputeThreading;
}

function conversationItem(conversation: ConversationSummary): ConversationListItem {
  return {
    id: conversation.id,
    root: listItem(conversation.root),
    messageCount: conversation.messageCount,
    unreadCount: conversation.unreadCount,
    latestDate: conversation.latestDate,
    participants: conversation.participants,
    participantCount: conversation.participantCount,
    flagged: conversation.flagged,
    hasAttachments: conversation.hasAttachments,
  };
}

/** Builds the conversation operations. */
export function createConversationHandlers(options: ConversationHandlerOptions): ConversationHandlers {
  const database = options.store.database;
  const roles = (): readonly string[] => options.settings.get().conversationFolders;
  const threading = createThreadingCache(database, options.computeThreading ?? ((scope) => computeThreadingLayout(database, scope)));
  return {
    listConversations: async ({ source, offset, limit }) => {
      const scope = conversationScope(database, sourceFolderIds(database, source), roles());
      const page = pageOfConversations(database, await threading.layout(scope), {
        ...(offset === undefined ? {} : { offset }),
        ...(limit === undefined ? {} : { limit }),
      });
      return { total: page.total, offset: offset ?? 0, conversations: page.conversations.map(conversationItem) };
    },
    getConversation: async ({ messageId }) => {
      const { folderId } = options.store.getMessage(messageId);
      const scope = conversationScope(database, [folderId], roles());
      const lines = linesOfConversation(database, await threading.layout(scope), messageId);
      return { lines: lines.map((line) => ({ depth: line.depth, message: line.message === null ? null : listItem(line.message) })) };
    },
  };
}
