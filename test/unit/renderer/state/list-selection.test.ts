import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_SELECTION,
  extendTo,
  followFocus,
  isSelected,
  rowAfterRemoval,
  selectAll,
  selectedCount,
  selectOnly,
  targetRow,
  toggleRow,
} from '../../../../renderer/state/list-selection';

test('a click selects one row and makes it the anchor', () => {
  const selection = selectOnly(3, 103);
  assert.deepEqual([...selection.ids], [103]);
  assert.equal(selection.anchor, 3);
  assert.equal(selection.focusId, 103);
});

test('Ctrl+click adds and removes rows, keeping the rest', () => {
  let selection = selectOnly(0, 100);
  selection = toggleRow(selection, 2, 102);
  assert.deepEqual([...selection.ids].sort(), [100, 102]);
  selection = toggleRow(selection, 0, 100);
  assert.deepEqual([...selection.ids], [102]);
  assert.equal(selection.anchor, 0);
});

test('Shift extends from the anchor, replacing or (with Ctrl) adding to the selection', () => {
  const start = toggleRow(selectOnly(0, 100), 5, 105);
  const replaced = extendTo(start, 7, 107, [105, 106, 107]);
  assert.deepEqual([...replaced.ids].sort(), [105, 106, 107]);
  assert.equal(replaced.anchor, 5, 'the anchor stays where the range started');
  assert.equal(replaced.focus, 7);
  const kept = extendTo(start, 7, 107, [105, 106, 107], true);
  assert.deepEqual([...kept.ids].sort(), [100, 105, 106, 107]);
});

test('Ctrl+A selects every row, also those never loaded; Ctrl+click then leaves one out', () => {
  const all = selectAll(selectOnly(1, 101));
  assert.equal(isSelected(all, 99_999), true);
  assert.equal(selectedCount(all, 20_000), 20_000);
  const fewer = toggleRow(all, 1, 101, [100, 101, 102]);
  assert.equal(fewer.all, false);
  assert.deepEqual([...fewer.ids].sort(), [100, 102]);
  assert.equal(selectedCount(EMPTY_SELECTION, 10), 0);
});

test('keys move the focus within the list', () => {
  assert.equal(targetRow('ArrowDown', null, 10, 5), 0);
  assert.equal(targetRow('ArrowUp', null, 10, 5), 0);
  assert.equal(targetRow('ArrowDown', 9, 10, 5), 9);
  assert.equal(targetRow('ArrowUp', 0, 10, 5), 0);
  assert.equal(targetRow('PageDown', 2, 10, 5), 7);
  assert.equal(targetRow('PageUp', 2, 10, 5), 0);
  assert.equal(targetRow('End', 2, 20_000, 5), 19_999);
  assert.equal(targetRow('Home', 7, 10, 5), 0);
  assert.equal(targetRow('a', 2, 10, 5), null);
  assert.equal(targetRow('ArrowDown', null, 0, 5), null);
});

test('after removal the row in the removed one’s place is next, or the new last row', () => {
  assert.equal(rowAfterRemoval(2, 10), 2);
  assert.equal(rowAfterRemoval(9, 9), 8);
  assert.equal(rowAfterRemoval(0, 0), null);
  assert.equal(rowAfterRemoval(null, 5), null);
});

test('after a refresh the selection follows its message to its new row, and stays put otherwise', () => {
  const rows = [30, 20, 10];
  const idAt = (index: number): number | undefined => rows[index];
  const indexOf = (id: number): number => rows.indexOf(id);
  // The row above went (a message read in the Unread list dropped out): 20 moved from row 2 to row 1.
  const selected = selectOnly(2, 20);
  const followed = followFocus(selected, idAt, indexOf);
  assert.equal(followed.focus, 1);
  assert.equal(followed.anchor, 1);
  assert.deepEqual([...followed.ids], [20]);
  // In place, or no longer listed: the same selection.
  const inPlace = selectOnly(1, 20);
  assert.equal(followFocus(inPlace, idAt, indexOf), inPlace);
  const gone = selectOnly(0, 99);
  assert.equal(followFocus(gone, idAt, indexOf), gone);
  // A Shift-range keeps its anchor.
  const range = extendTo(selectOnly(0, 30), 2, 20, [30, 10, 20]);
  const moved = followFocus(range, idAt, indexOf);
  assert.equal(moved.anchor, 0);
  assert.equal(moved.focus, 1);
});
