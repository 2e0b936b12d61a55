import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMenuMoveKey, nextMenuEntry } from '../../../../renderer/components/menu-navigation';

test('arrow keys wrap around the enabled entries; Home and End go to the ends; disabled ones are skipped', () => {
  const enabled = [0, 2, 3]; // entry 1 is disabled
  assert.equal(nextMenuEntry('ArrowDown', enabled, 0), 2);
  assert.equal(nextMenuEntry('ArrowDown', enabled, 3), 0, 'Down from the last wraps to the first');
  assert.equal(nextMenuEntry('ArrowUp', enabled, 0), 3, 'Up from the first wraps to the last');
  assert.equal(nextMenuEntry('Home', enabled, 3), 0);
  assert.equal(nextMenuEntry('End', enabled, 0), 3);
  assert.equal(nextMenuEntry('ArrowDown', enabled, 1), 0, 'from an entry that is not enabled, Down starts at the first');
  assert.equal(nextMenuEntry('ArrowDown', [], 0), undefined);
  assert.equal(isMenuMoveKey('Escape'), false);
  assert.equal(isMenuMoveKey('End'), true);
});
