import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_SELECTION,
  extendTo,
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
