/**
 * The contract's conversation operations: the threaded message list and one whole conversation, over
 * the folders the user chose in Settings (Inbox and Sent by default) of the accounts shown.
 */
import type { ConversationListItem } from '../../shared/conversations';
import type { Handlers } from '../ipc/registry';
import type { SettingsService } from '../services/settings';
import { sourceFolderIds } from '../storage/message-list';
import { conversationLines, conversationScope, listConversations, type ConversationSummary } from '../storage/message-threads';
import type { MessageStore } from '../storage/message-store';
import { listItem } from './mail-handlers';

/** The conversation operations of the contract. */
export type ConversationHandlers = Pick<Handlers, 'listConversations' | 'getConversation'>;

/** What the conversation operations need. */
export interface ConversationHandlerOptions {
  readonly store: MessageStore;
  readonly settings: Pick<SettingsService, 'get'>;
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
  return {
    listConversations: ({ source, offset, limit }) => {
      const scope = conversationScope(database, sourceFolderIds(database, source), roles());
      const page = listConversations(database, scope, { ...(offset === undefined ? {} : { offset }), ...(limit === undefined ? {} : { limit }) });
      return { total: page.total, offset: offset ?? 0, conversations: page.conversations.map(conversationItem) };
    },
    getConversation: ({ messageId }) => {
      const { folderId } = options.store.getMessage(messageId);
      const scope = conversationScope(database, [folderId], roles());
      const lines = conversationLines(database, scope, messageId);
      return { lines: lines.map((line) => ({ depth: line.depth, message: line.message === null ? null : listItem(line.message) })) };
    },
  };
}
