/**
 * The conversation side of the contract: the message list threaded into conversations (RFC 5256
 * REFERENCES with the subject fallback, shared/mail/threading.ts) across the folders the user chooses,
 * and one whole conversation for the reader's "Show conversation". Input schemas live here too.
 */
import { z } from 'zod';
import { MAX_LIST_PAGE, messageSourceSchema, type AddressView, type FolderRoleName, type MessageListItem } from './mail';

/** Folder roles a conversation may span besides the folder shown. */
export const CONVERSATION_FOLDER_ROLES = ['inbox', 'sent', 'drafts', 'outbox', 'trash', 'junk'] as const satisfies readonly FolderRoleName[];

/** The folders conversations span by default: the Inbox and Sent, so one's own replies are in them. */
export const DEFAULT_CONVERSATION_FOLDERS: ReadonlyArray<(typeof CONVERSATION_FOLDER_ROLES)[number]> = ['inbox', 'sent'];

/** The setting naming the folder roles conversations span (at least one). */
export const conversationFoldersSchema = z
  .array(z.enum(CONVERSATION_FOLDER_ROLES))
  .min(1)
  .max(CONVERSATION_FOLDER_ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, { message: 'Name each folder once.' });

/** One conversation as the threaded list shows it. */
export interface ConversationListItem {
  /** Names the conversation (its smallest message id); stable while its messages stay. */
  readonly id: number;
  /** Its first message: the root, or the first reply when the root is not here. */
  readonly root: MessageListItem;
  readonly messageCount: number;
  readonly unreadCount: number;
  /** The newest message's date, in ms (the list's order, newest first). */
  readonly latestDate: number;
  /** Senders in the order they first wrote, without repeats (a few; `participantCount` in all). */
  readonly participants: readonly AddressView[];
  readonly participantCount: number;
  readonly flagged: boolean;
  readonly hasAttachments: boolean;
}

/** A window of the threaded list, and how many conversations it holds. */
export interface ConversationListPage {
  readonly total: number;
  readonly offset: number;
  readonly conversations: readonly ConversationListItem[];
}

/** One line of a conversation in reply order: a message at its depth (0: the root), or null for a parent that is not here. */
export interface ConversationLineView {
  readonly depth: number;
  readonly message: MessageListItem | null;
}

/** A whole conversation, for the expanded list row and the reader's "Show conversation". */
export interface ConversationView {
  readonly lines: readonly ConversationLineView[];
}

const messageIdSchema = z.number().int().positive();

/** Input schemas of the conversation operations. */
export const conversationOperationInputs = {
  /** Conversations with a message in `source`, spanning the chosen folders of the same accounts, newest first. */
  listConversations: z.strictObject({
    source: messageSourceSchema,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(MAX_LIST_PAGE).optional(),
  }),
  /** The conversation of a message, across its account's chosen folders. */
  getConversation: z.strictObject({ messageId: messageIdSchema }),
};
