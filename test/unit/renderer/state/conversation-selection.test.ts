import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConversationListItem } from '../../../../shared/conversations';
import type { MessageListItem } from '../../../../shared/mail';
import {
  extendPicks,
  isPicked,
  NO_PICKS,
  pickedAccounts,
  pickedCount,
  pickedMessageIds,
  pickKey,
  pickOnly,
  refreshPicks,
  shownPick,
  togglePick,
  type ConversationPick,
} from '../../../../renderer/state/conversation-selection';

function message(id: number, accountId = 'home'): MessageListItem {
  return { id, accountId, subject: `Message ${id}` } as unknown as MessageListItem;
}

function conversation(id: number, messageCount: number, accountId = 'home'): ConversationPick {
  const item = { id, root: message(id, accountId), messageCount } as unknown as ConversationListItem;
  return { kind: 'conversation', conversation: item };
}

function line(id: number, accountId = 'home'): ConversationPick {
  return { kind: 'message', item: message(id, accountId) };
}

/** Rows of a list: conversation 1 (3 messages, open: lines 1, 2, 3), conversation 10 (closed, 4 messages), conversation 20 (alone). */
const ROWS: readonly ConversationPick[] = [conversation(1, 3), line(1), line(2), line(3), conversation(10, 4), conversation(20, 1)];
const between = (first: number, last: number): ConversationPick[] => ROWS.slice(first, last + 1);
const isOpen = (id: number): boolean => id === 1;

test('a click selects one row, Ctrl toggles rows in and out, and the reader shows only a single selection', () => {
  const one = pickOnly(4, ROWS[4] as ConversationPick);
  assert.equal(shownPick(one)?.id, 10);
  assert.equal(pickedCount(one, isOpen), 4, 'a closed conversation stands for all its messages');
  const two = togglePick(one, 2, ROWS[2] as ConversationPick);
  assert.equal(two.picks.size, 2);
  assert.equal(shownPick(two), null);
  assert.equal(pickedCount(two, isOpen), 5);
  assert.ok(isPicked(two, ROWS[2]));
  const back = togglePick(two, 4, ROWS[4] as ConversationPick);
  assert.deepEqual([...back.picks.keys()], ['message-2']);
  assert.equal(isPicked(NO_PICKS, ROWS[0]), false);
});

test('Shift extends from the anchor in either direction, replacing the range each time', () => {
  const start = pickOnly(2, ROWS[2] as ConversationPick);
  const down = extendPicks(start, 4, between);
  assert.deepEqual([...down.picks.keys()], ['message-2', 'message-3', 'conversation-10']);
  assert.equal(down.anchor, 2);
  assert.equal(down.focusKey, 'conversation-10');
  const up = extendPicks(down, 0, between);
  assert.deepEqual([...up.picks.keys()], ['conversation-1', 'message-1', 'message-2']);
  assert.equal(up.focusKey, 'conversation-1');
  // An open conversation's row stands for its first message only; its lines are listed below it.
  assert.equal(pickedCount(up, isOpen), 3);
});

test('the ids acted on: a closed conversation brings all its messages, each id once', async () => {
  const selection = extendPicks(pickOnly(0, ROWS[0] as ConversationPick), 5, between);
  const asked: number[] = [];
  const ids = await pickedMessageIds(selection, isOpen, (item) => {
    asked.push(item.id);
    return Promise.resolve([10, 11, 12, 13]);
  });
  assert.deepEqual(
    ids.sort((left, right) => left - right),
    [1, 2, 3, 10, 11, 12, 13, 20],
  );
  assert.deepEqual(asked, [10], 'only the closed conversation of several messages is fetched');
  assert.deepEqual([...pickedAccounts(togglePick(selection, 6, line(30, 'work')))].sort(), ['home', 'work']);
});

test('after a refresh picks take their rows as they are now, follow them, and go when no longer listed', () => {
  const selection = togglePick(pickOnly(4, ROWS[4] as ConversationPick), 5, ROWS[5] as ConversationPick);
  // Conversation 1 was closed (its three lines went): conversation 10 is now row 1, 20 is gone.
  const fresh = conversation(10, 5);
  const rows = new Map([
    [pickKey(ROWS[0] as ConversationPick), { row: 0, pick: ROWS[0] as ConversationPick }],
    [pickKey(fresh), { row: 1, pick: fresh }],
  ]);
  const after = refreshPicks(selection, rows);
  assert.deepEqual([...after.picks.keys()], ['conversation-10']);
  assert.equal(after.picks.get('conversation-10'), fresh);
  assert.equal(after.focus, 5, 'the focused row (20) is gone: the focus stays where it was');
  assert.equal(after.focusKey, null);
  const focusedTen = refreshPicks(pickOnly(4, ROWS[4] as ConversationPick), rows);
  assert.equal(focusedTen.focus, 1);
  assert.equal(shownPick(focusedTen)?.id, 10);
  assert.equal(refreshPicks(NO_PICKS, rows), NO_PICKS);
});
