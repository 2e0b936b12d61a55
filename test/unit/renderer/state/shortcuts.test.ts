import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandForKey, type KeyPress, shortcutLines } from '../../../../renderer/state/shortcuts';
import { createTranslator } from '../../../../shared/i18n/catalogs';

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

test('Outlook marks read and unread (Ctrl+Q, Ctrl+U), flags (Insert) and moves (Ctrl+Shift+V)', () => {
  assert.equal(commandForKey(press('q', { ctrlKey: true }), 'outlook'), 'mark-read');
  assert.equal(commandForKey(press('u', { ctrlKey: true }), 'outlook'), 'mark-unread');
  assert.equal(commandForKey(press('Insert'), 'outlook'), 'toggle-flag');
  assert.equal(commandForKey(press('V', { ctrlKey: true, shiftKey: true }), 'outlook'), 'move');
  assert.equal(commandForKey(press('v', { ctrlKey: true }), 'outlook'), null, 'Ctrl+V alone stays paste');
  assert.equal(commandForKey(press('m'), 'outlook'), null, 'single letters do nothing in Outlook');
  assert.equal(commandForKey(press('u', { ctrlKey: true, typing: true }), 'outlook'), null);
});

test('Thunderbird toggles read (M), flags (S), marks junk (J) and keeps its own compose and search keys', () => {
  assert.equal(commandForKey(press('m'), 'thunderbird'), 'toggle-read');
  assert.equal(commandForKey(press('S'), 'thunderbird'), 'toggle-flag', 'Caps Lock does not matter');
  assert.equal(commandForKey(press('j'), 'thunderbird'), 'junk');
  assert.equal(commandForKey(press('m', { ctrlKey: true }), 'thunderbird'), 'new');
  assert.equal(commandForKey(press('l', { ctrlKey: true }), 'thunderbird'), 'forward');
  assert.equal(commandForKey(press('k', { ctrlKey: true }), 'thunderbird'), 'search');
  assert.equal(commandForKey(press('F9'), 'thunderbird'), 'send-receive');
  assert.equal(commandForKey(press('q', { ctrlKey: true }), 'thunderbird'), null, 'Outlook keys are not mixed in');
  assert.equal(commandForKey(press('Insert'), 'thunderbird'), null);
  assert.equal(commandForKey(press('m', { typing: true }), 'thunderbird'), null, 'typing an M in a field is typing');
  assert.equal(commandForKey(press('J', { shiftKey: true }), 'thunderbird'), 'not-junk');
});

test('Ctrl+Z (Cmd+Z) undoes the last action in both presets, but never while typing (the field keeps its own undo)', () => {
  for (const preset of ['outlook', 'thunderbird'] as const) {
    assert.equal(commandForKey(press('z', { ctrlKey: true }), preset), 'undo');
    assert.equal(commandForKey(press('Z', { metaKey: true }), preset), 'undo');
    assert.equal(commandForKey(press('z', { ctrlKey: true, typing: true }), preset), null);
    assert.equal(commandForKey(press('Z', { ctrlKey: true, shiftKey: true }), preset), null);
    assert.equal(commandForKey(press('z'), preset), null);
  }
});

test('Settings → Keyboard lists each preset’s keys and commands in the window’s language', () => {
  const english = shortcutLines(createTranslator('en').t, 'outlook');
  assert.deepEqual(english[0], { keys: 'F9', command: 'Send/Receive' });
  assert.deepEqual(
    english.find((line) => line.keys.startsWith('Ctrl+E')),
    { keys: 'Ctrl+E or /', command: 'Search mail' },
  );
  const german = shortcutLines(createTranslator('de').t, 'thunderbird');
  assert.deepEqual(german[1], { keys: 'Ctrl+N oder Ctrl+M', command: 'Neue Nachricht' });
  assert.equal(german.length, english.length);
  assert.ok(german.every((line) => line.command !== '' && !line.command.startsWith('menu.')));
});
