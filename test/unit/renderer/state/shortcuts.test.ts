import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandForKey, type KeyPress } from '../../../../renderer/state/shortcuts';

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, typing: false, ...extra };
}

test('the Outlook preset maps its keys to commands', () => {
  assert.equal(commandForKey(press('F9'), 'outlook'), 'send-receive');
  assert.equal(commandForKey(press('n', { ctrlKey: true }), 'outlook'), 'new');
  assert.equal(commandForKey(press('r', { ctrlKey: true }), 'outlook'), 'reply');
  assert.equal(commandForKey(press('R', { ctrlKey: true, shiftKey: true }), 'outlook'), 'reply-all');
  assert.equal(commandForKey(press('f', { ctrlKey: true }), 'outlook'), 'forward');
  assert.equal(commandForKey(press('Delete'), 'outlook'), 'delete');
  assert.equal(commandForKey(press('e', { ctrlKey: true }), 'outlook'), 'search');
  assert.equal(commandForKey(press('/'), 'outlook'), 'search');
  assert.equal(commandForKey(press('n', { metaKey: true }), 'outlook'), 'new', 'Cmd works like Ctrl');
});

test('while typing only F9 counts, and other keys are left alone', () => {
  assert.equal(commandForKey(press('F9', { typing: true }), 'outlook'), 'send-receive');
  assert.equal(commandForKey(press('r', { ctrlKey: true, typing: true }), 'outlook'), null);
  assert.equal(commandForKey(press('Delete', { typing: true }), 'outlook'), null);
  assert.equal(commandForKey(press('/', { typing: true }), 'outlook'), null);
  assert.equal(commandForKey(press('n'), 'outlook'), null);
  assert.equal(commandForKey(press('n', { ctrlKey: true, altKey: true }), 'outlook'), null);
  assert.equal(commandForKey(press('F9', { ctrlKey: true }), 'outlook'), null);
});
