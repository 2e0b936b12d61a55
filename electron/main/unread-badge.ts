/**
 * The unread count on the desktop: macOS's dock and Linux launchers that support it (Unity's launcher
 * API: KDE, Ubuntu's dock) take a number through app.setBadgeCount; Windows' taskbar has no number
 * badge, so the count is drawn into a small overlay icon for BrowserWindow.setOverlayIcon. The drawing
 * is a plain bitmap (BGRA, as nativeImage.createFromBitmap takes it), so it runs and is tested in Node.
 */
import type { Translate } from '../../shared/i18n/catalogs';

/** Side of the overlay icon in pixels (Windows shows overlays at 16×16 and scales larger ones down). */
export const BADGE_SIZE = 16;
/** Counts above this show as "9+": two digits do not fit a 16-pixel circle legibly. */
export const MAX_BADGE_DIGITS_COUNT = 9;

/** Digits 0–9 and "+" in a 3×5 pixel font, one string of five rows per character. */
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};
const GLYPH_WIDTH = 3;
const GLYPH_HEIGHT = 5;
/** Each font pixel is drawn as a square of this many pixels. */
const GLYPH_SCALE = 2;
/** The badge's colours as BGRA bytes: a red disc with white digits. */
const DISC = [0x2b, 0x2b, 0xd9, 0xff] as const;
const INK = [0xff, 0xff, 0xff, 0xff] as const;

/** A drawn overlay icon: raw BGRA pixels, row by row. */
export interface BadgeBitmap {
  readonly width: number;
  readonly height: number;
  readonly bgra: Buffer;
}

/** What the badge text says: the count, "9+" above nine. */
export function badgeText(count: number): string {
  return count > MAX_BADGE_DIGITS_COUNT ? `${MAX_BADGE_DIGITS_COUNT}+` : String(count);
}

/** Draws the overlay icon for a count above zero: a red disc with the count in white. */
export function drawBadge(count: number): BadgeBitmap {
  const size = BADGE_SIZE;
  const bgra = Buffer.alloc(size * size * 4);
  const paint = (x: number, y: number, colour: readonly number[]): void => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    bgra.set(colour, (y * size + x) * 4);
  };
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) if ((x - centre) ** 2 + (y - centre) ** 2 <= (size / 2) ** 2) paint(x, y, DISC);
  const text = badgeText(count);
  // Two characters are drawn at single scale so they fit; one is drawn twice as large.
  const scale = text.length === 1 ? GLYPH_SCALE : 1;
  const gap = 1;
  const textWidth = text.length * GLYPH_WIDTH * scale + (text.length - 1) * gap;
  const left = Math.floor((size - textWidth) / 2);
  const top = Math.floor((size - GLYPH_HEIGHT * scale) / 2);
  [...text].forEach((character, index) => {
    const rows = GLYPHS[character] ?? [];
    const x0 = left + index * (GLYPH_WIDTH * scale + gap);
    rows.forEach((row, y) => {
      for (let x = 0; x < GLYPH_WIDTH; x += 1) {
        if (row[x] !== '1') continue;
        for (let dy = 0; dy < scale; dy += 1) for (let dx = 0; dx < scale; dx += 1) paint(x0 + x * scale + dx, top + y * scale + dy, INK);
      }
    });
  });
  return { width: size, height: size, bgra };
}

/** The Electron calls the badge needs, passed in so this runs without Electron. */
export interface BadgeTarget {
  readonly platform: NodeJS.Platform;
  /** app.setBadgeCount: false where the desktop has no badge. */
  readonly setBadgeCount: (count: number) => boolean;
  /** The main window's setOverlayIcon (with the bitmap turned into a nativeImage), when a window is open. */
  readonly setOverlayIcon: (bitmap: BadgeBitmap | null, description: string) => void;
}

/**
 * Shows the unread count the platform's way: the taskbar overlay on Windows (described in words of
 * the chosen language for screen readers), the badge elsewhere.
 */
export function showUnreadBadge(count: number, target: BadgeTarget, t: Translate): void {
  if (target.platform === 'win32') {
    target.setOverlayIcon(count > 0 ? drawBadge(count) : null, count > 0 ? t('notice.unread', { count }) : '');
    return;
  }
  target.setBadgeCount(count);
}
