/**
 * What the window acts on when the list shows conversations: the threaded list's selection as the
 * toolbar, the reader, moving and flagging need it.
 */
import type { ConversationListItem } from '../../shared/conversations';
import type { MessageListItem } from '../../shared/mail';
import { bridge } from '../bridge';
import { BridgeError } from './use-result';

/** What the window acts on in the threaded list: the reader's message, the toolbar's state and the selected messages. */
export interface ThreadedSelection {
  /** How many messages the selection acts on (a closed conversation counts all of its messages). */
  readonly count: number;
  /** The message the reader shows (one row selected), or null. */
  readonly shown: MessageListItem | null;
  /** The focused row's message, whose read and flag state a toggle flips for the whole selection. */
  readonly focused: MessageListItem | null;
  readonly accounts: ReadonlySet<string | null>;
  /** The selected messages' ids (fetching those of closed conversations). */
  ids(): Promise<number[]>;
}

/** Nothing selected in the threaded list. */
export const NO_THREADED_SELECTION: ThreadedSelection = { count: 0, shown: null, focused: null, accounts: new Set(), ids: () => Promise.resolve([]) };

/** Every message id of a conversation, from main (what a closed conversation row stands for). */
export async function conversationMessageIds(conversation: ConversationListItem): Promise<number[]> {
  const result = await bridge.getConversation(conversation.root.id);
  if (!result.ok) throw new BridgeError(result.error);
  return result.value.lines.flatMap((line) => (line.message === null ? [] : [line.message.id]));
}
