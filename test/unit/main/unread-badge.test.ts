import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';

const english = createTranslator('en').t;
import { BADGE_SIZE, badgeText, drawBadge, showUnreadBadge, type BadgeBitmap } from '../../../electron/main/unread-badge';

function pixel(bitmap: BadgeBitmap, x: number, y: number): string {
  const at = (y * bitmap.width + x) * 4;
  return [...bitmap.bgra.subarray(at, at + 4)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const RED = '2b2bd9ff';
const WHITE = 'ffffffff';
const CLEAR = '00000000';

/** The white pixels of the drawing as rows of "#" and ".", to compare digits. */
function ink(bitmap: BadgeBitmap): string[] {
  const rows: string[] = [];
  for (let y = 0; y < bitmap.height; y += 1) {
    let row = '';
    for (let x = 0; x < bitmap.width; x += 1) row += pixel(bitmap, x, y) === WHITE ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

test('the overlay is a red disc with the count in white, transparent in the corners', () => {
  const one = drawBadge(1);
  assert.equal(one.width, BADGE_SIZE);
  assert.equal(one.bgra.length, BADGE_SIZE * BADGE_SIZE * 4);
  assert.equal(pixel(one, 0, 0), CLEAR);
  assert.equal(pixel(one, BADGE_SIZE - 1, BADGE_SIZE - 1), CLEAR);
  assert.equal(pixel(one, 1, BADGE_SIZE / 2), RED);
  const white = ink(one).join('').split('#').length - 1;
  // "1" has 8 pixels in the 3×5 font, each drawn 2×2.
  assert.equal(white, 8 * 4);
  assert.notDeepEqual(ink(drawBadge(7)), ink(drawBadge(1)), 'each count looks different');
  assert.notDeepEqual(ink(drawBadge(8)), ink(drawBadge(0)));
});

test('counts above nine show as 9+, drawn small enough to fit', () => {
  assert.equal(badgeText(9), '9');
  assert.equal(badgeText(10), '9+');
  assert.equal(badgeText(12_345), '9+');
  assert.deepEqual(ink(drawBadge(10)), ink(drawBadge(500)));
  const rows = ink(drawBadge(10));
  const columns = rows.map((row) => [...row].map((cell, index) => (cell === '#' ? index : -1)).filter((index) => index >= 0)).flat();
  assert.ok(Math.min(...columns) >= 2 && Math.max(...columns) <= BADGE_SIZE - 3, 'the text stays inside the disc');
});

test('Windows gets the drawn overlay (cleared at zero); macOS and Linux the badge count', () => {
  const overlays: Array<{ bitmap: BadgeBitmap | null; description: string }> = [];
  const counts: Array<[string, number]> = [];
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    const target = {
      platform,
      setBadgeCount: (count: number) => (counts.push([platform, count]), true),
      setOverlayIcon: (bitmap: BadgeBitmap | null, description: string) => overlays.push({ bitmap, description }),
    };
    showUnreadBadge(3, target, english);
    showUnreadBadge(0, target, english);
    showUnreadBadge(2, target, createTranslator('fr').t);
  }
  assert.deepEqual(counts, [
    ['linux', 3],
    ['linux', 0],
    ['linux', 2],
    ['darwin', 3],
    ['darwin', 0],
    ['darwin', 2],
  ]);
  assert.equal(overlays.length, 3);
  assert.equal(overlays[2]?.description, '2 messages non lus', 'described in the chosen language');
  assert.deepEqual(overlays[0]?.bitmap, drawBadge(3));
  assert.equal(overlays[0]?.description, '3 unread messages');
  assert.deepEqual(overlays[1], { bitmap: null, description: '' });
});
