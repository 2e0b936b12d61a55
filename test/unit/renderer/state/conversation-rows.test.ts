import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowAt, rowCount, rowOfConversation, treeKey } from '../../../../renderer/state/conversation-rows';

const BLOCKS = [
  { index: 5, count: 3 },
  { index: 1, count: 2 },
];

test('rows are conversations with the lines of open ones below them', () => {
  assert.equal(rowCount(10, BLOCKS), 15);
  assert.equal(rowCount(3, BLOCKS), 5, 'a block past the end does not count');
  assert.deepEqual(rowAt(0, BLOCKS), { kind: 'conversation', index: 0 });
  assert.deepEqual(rowAt(1, BLOCKS), { kind: 'conversation', index: 1 });
  assert.deepEqual(rowAt(2, BLOCKS), { kind: 'line', index: 1, line: 0 });
  assert.deepEqual(rowAt(3, BLOCKS), { kind: 'line', index: 1, line: 1 });
  assert.deepEqual(rowAt(4, BLOCKS), { kind: 'conversation', index: 2 });
  assert.deepEqual(rowAt(7, BLOCKS), { kind: 'conversation', index: 5 });
  assert.deepEqual(rowAt(10, BLOCKS), { kind: 'line', index: 5, line: 2 });
  assert.deepEqual(rowAt(11, BLOCKS), { kind: 'conversation', index: 6 });
  assert.equal(rowOfConversation(5, BLOCKS), 7);
  assert.equal(rowOfConversation(6, BLOCKS), 11);
  for (let row = 0; row < 15; row += 1) {
    const at = rowAt(row, BLOCKS);
    if (at.kind === 'conversation') assert.equal(rowOfConversation(at.index, BLOCKS), row);
  }
});

test('Right opens, then goes to the first message; Left goes up, then closes; * and \\ act on all', () => {
  const always = (): boolean => true;
  assert.deepEqual(treeKey('ArrowRight', { kind: 'conversation', index: 2 }, BLOCKS, always), { kind: 'expand', index: 2 });
  assert.equal(
    treeKey('ArrowRight', { kind: 'conversation', index: 2 }, BLOCKS, () => false),
    null,
    'a conversation of one message does not open',
  );
  assert.deepEqual(treeKey('ArrowRight', { kind: 'conversation', index: 1 }, BLOCKS, always), { kind: 'focus', row: 2 });
  assert.deepEqual(treeKey('ArrowLeft', { kind: 'line', index: 5, line: 2 }, BLOCKS, always), { kind: 'focus', row: 7 });
  assert.deepEqual(treeKey('ArrowLeft', { kind: 'conversation', index: 5 }, BLOCKS, always), { kind: 'collapse', index: 5 });
  assert.equal(treeKey('ArrowLeft', { kind: 'conversation', index: 0 }, BLOCKS, always), null);
  assert.deepEqual(treeKey('*', null, BLOCKS, always), { kind: 'expand-all' });
  assert.deepEqual(treeKey('\\', null, BLOCKS, always), { kind: 'collapse-all' });
  assert.equal(treeKey('x', { kind: 'conversation', index: 0 }, BLOCKS, always), null);
});
