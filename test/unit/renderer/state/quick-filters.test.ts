import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toggleQuickFilter } from '../../../../renderer/state/quick-filters';

test('a click turns one quick filter on or off and keeps the others, in one order whatever the clicks', () => {
  assert.deepEqual(toggleQuickFilter([], 'attachment'), ['attachment']);
  assert.deepEqual(toggleQuickFilter(['attachment'], 'unread'), ['unread', 'attachment']);
  assert.deepEqual(toggleQuickFilter(['unread', 'attachment'], 'flagged'), ['unread', 'flagged', 'attachment']);
  assert.deepEqual(toggleQuickFilter(['unread', 'flagged', 'attachment'], 'unread'), ['flagged', 'attachment']);
  assert.deepEqual(toggleQuickFilter(['flagged'], 'flagged'), []);
});
