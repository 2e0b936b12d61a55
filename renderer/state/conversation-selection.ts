/**
 * Which rows of the threaded list are selected, by the rules of the flat list (list-selection.ts): a
 * click selects one row, Ctrl toggles, Shift (click or arrows) extends from the anchor. A row stands
 * for what it shows: a message line for its message; a conversation row, while closed, for every
 * message of the conversation (what moving, deleting and flagging then act on), and while open for
 * its first message, whose lines are listed below it (Thunderbird's rule).
 */
import type { ConversationListItem } from '../../shared/conversations';
import type { MessageListItem } from '../../shared/mail';

/** What a selected row stands for. */
export type ConversationPick =
  { readonly kind: 'conversation'; readonly conversation: ConversationListItem } | { readonly kind: 'message'; readonly item: MessageListItem };

/** The selection of the threaded list; `picks` by {@link pickKey}, rows are positions in the list. */
export interface ConversationSelection {
  readonly picks: ReadonlyMap<string, ConversationPick>;
  /** Where a Shift-extension starts. */
  readonly anchor: number | null;
  /** The row the keyboard is on, and what it showed. */
  readonly focus: number | null;
  readonly focusKey: string | null;
}

/** Nothing selected. */
export const NO_PICKS: ConversationSelection = { picks: new Map(), anchor: null, focus: null, focusKey: null };

/** Names a pick the same way on every refresh: the conversation's or the message's id. */
export function pickKey(pick: ConversationPick): string {
  return pick.kind === 'conversation' ? `conversation-${pick.conversation.id}` : `message-${pick.item.id}`;
}

/** A plain click or arrow key: only this row. */
export function pickOnly(row: number, pick: ConversationPick): ConversationSelection {
  const key = pickKey(pick);
  return { picks: new Map([[key, pick]]), anchor: row, focus: row, focusKey: key };
}

/** Ctrl+click: this row in or out, the rest kept; the anchor moves here. */
export function togglePick(selection: ConversationSelection, row: number, pick: ConversationPick): ConversationSelection {
  const key = pickKey(pick);
  const picks = new Map(selection.picks);
  if (picks.has(key)) picks.delete(key);
  else picks.set(key, pick);
  return { picks, anchor: row, focus: row, focusKey: key };
}

/** Shift+click or Shift+arrow: the rows from the anchor to here (`between` gives what each row stands for). */
export function extendPicks(
  selection: ConversationSelection,
  row: number,
  between: (first: number, last: number) => readonly ConversationPick[],
): ConversationSelection {
  const anchor = selection.anchor ?? row;
  const range = between(Math.min(anchor, row), Math.max(anchor, row));
  const at = range.find((_pick, index) => index === (row >= anchor ? range.length - 1 : 0));
  return { picks: new Map(range.map((pick) => [pickKey(pick), pick])), anchor, focus: row, focusKey: at === undefined ? null : pickKey(at) };
}

/** Whether a row is shown selected. */
export function isPicked(selection: ConversationSelection, pick: ConversationPick | undefined): boolean {
  return pick !== undefined && selection.picks.has(pickKey(pick));
}

/** How many messages the selection acts on (a closed conversation counts all of its messages). */
export function pickedCount(selection: ConversationSelection, isOpen: (conversationId: number) => boolean): number {
  let count = 0;
  for (const pick of selection.picks.values()) {
    count += pick.kind === 'message' || isOpen(pick.conversation.id) ? 1 : pick.conversation.messageCount;
  }
  return count;
}

/** The one message the reader shows: the focused row's, when it is the only row selected. */
export function shownPick(selection: ConversationSelection): MessageListItem | null {
  if (selection.picks.size !== 1 || selection.focusKey === null) return null;
  const pick = selection.picks.get(selection.focusKey);
  if (pick === undefined) return null;
  return pick.kind === 'message' ? pick.item : pick.conversation.root;
}

/**
 * The ids of the messages the selection acts on, each once: a message row's message, an open
 * conversation's first message, and every message of a closed one (`messagesOf` fetches them).
 */
export async function pickedMessageIds(
  selection: ConversationSelection,
  isOpen: (conversationId: number) => boolean,
  messagesOf: (conversation: ConversationListItem) => Promise<readonly number[]>,
): Promise<number[]> {
  const ids = new Set<number>();
  for (const pick of selection.picks.values()) {
    if (pick.kind === 'message') ids.add(pick.item.id);
    else if (isOpen(pick.conversation.id) || pick.conversation.messageCount === 1) ids.add(pick.conversation.root.id);
    else for (const id of await messagesOf(pick.conversation)) ids.add(id);
  }
  return [...ids];
}

/** The accounts of what is selected (a folder of an account takes only its own mail). */
export function pickedAccounts(selection: ConversationSelection): Set<string | null> {
  return new Set([...selection.picks.values()].map((pick) => (pick.kind === 'message' ? pick.item.accountId : pick.conversation.root.accountId)));
}

/**
 * After the list was refreshed: each pick is replaced by what its row shows now (fresh flags), picks
 * no longer listed go, and the focus follows its row to where it is now.
 */
export function refreshPicks(
  selection: ConversationSelection,
  rows: ReadonlyMap<string, { readonly row: number; readonly pick: ConversationPick }>,
): ConversationSelection {
  if (selection.picks.size === 0) return selection;
  let changed = false;
  const picks = new Map<string, ConversationPick>();
  for (const [key, pick] of selection.picks) {
    const now = rows.get(key);
    if (now === undefined) changed = true;
    else {
      picks.set(key, now.pick);
      changed ||= now.pick !== pick;
    }
  }
  const focused = selection.focusKey === null ? undefined : rows.get(selection.focusKey);
  const focus = focused?.row ?? selection.focus;
  if (!changed && focus === selection.focus) return selection;
  return { picks, anchor: selection.anchor === selection.focus ? focus : selection.anchor, focus, focusKey: focused === undefined ? null : selection.focusKey };
}
