import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MENU_ACCELERATORS, type KeyboardPresetName, type MailCommand } from '../../../shared/window-commands';
import { commandForKey, type KeyPress } from '../../../renderer/state/shortcuts';

/** The key press an Electron accelerator stands for ("CmdOrCtrl+Shift+R" → Ctrl, Shift and r). */
function pressOf(accelerator: string, mac: boolean): KeyPress {
  const parts = accelerator.split('+');
  const key = parts.at(-1) ?? '';
  const modifiers = new Set(parts.slice(0, -1));
  return {
    key: key.length === 1 ? key.toLowerCase() : key,
    ctrlKey: modifiers.has('CmdOrCtrl') && !mac,
    metaKey: modifiers.has('CmdOrCtrl') && mac,
    shiftKey: modifiers.has('Shift'),
    altKey: false,
    typing: false,
  };
}

for (const preset of ['outlook', 'thunderbird'] as const satisfies readonly KeyboardPresetName[]) {
  test(`every key the menu shows for the ${preset} preset runs that very command in the window`, () => {
    const entries = Object.entries(MENU_ACCELERATORS[preset]) as Array<[MailCommand, string]>;
    assert.ok(entries.length >= 10, 'the mail commands have keys');
    for (const [command, accelerator] of entries) {
      assert.equal(commandForKey(pressOf(accelerator, false), preset), command, `${accelerator} on Windows and Linux`);
      assert.equal(commandForKey(pressOf(accelerator, true), preset), command, `${accelerator} on macOS`);
    }
  });
}

test('commands a preset has no key for show none (Outlook has no junk key, Thunderbird no separate read and unread)', () => {
  assert.equal(MENU_ACCELERATORS.outlook.junk, undefined);
  assert.equal(commandForKey(pressOf('J', false), 'outlook'), null);
  assert.equal(MENU_ACCELERATORS.thunderbird['mark-read'], undefined);
  assert.equal(MENU_ACCELERATORS.thunderbird['toggle-read'], 'M');
});
