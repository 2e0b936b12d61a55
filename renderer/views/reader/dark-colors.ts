/**
 * Whether a message's HTML suits the dark reading transform, judged from its markup as text (nothing in
 * it is parsed as a page or run): messages that bring their own dark design, say they support dark mode,
 * or are mostly pictures look broken when inverted, so they keep their own colours.
 */

/** Relative luminance (0 black … 1 white) below which a background counts as dark. */
const DARK_LUMINANCE = 0.2;
/** From this many pictures on, a message is a designed newsletter whose images would clash with inverted colours. */
export const MANY_IMAGES = 6;

/** Why dark reading is off for a message, or null when it may apply. */
export type DarkReadingSkip = 'own-dark-design' | 'supports-dark-mode' | 'many-images';

/** A few dark colour names mail writers use (CSS named colours). */
const DARK_NAMES: Readonly<Record<string, readonly [number, number, number]>> = {
  black: [0, 0, 0],
  navy: [0, 0, 128],
  darkblue: [0, 0, 139],
  midnightblue: [25, 25, 112],
  darkslategray: [47, 79, 79],
  darkslategrey: [47, 79, 79],
  dimgray: [105, 105, 105],
  dimgrey: [105, 105, 105],
  darkgreen: [0, 100, 0],
  maroon: [128, 0, 0],
  indigo: [75, 0, 130],
  purple: [128, 0, 128],
};

/** A CSS or HTML colour as RGB, or null when it is not one this reads (then it is not counted). */
export function parseColor(text: string): readonly [number, number, number] | null {
  const value = text.trim().toLowerCase();
  const named = DARK_NAMES[value];
  if (named !== undefined) return named;
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
  if (hex !== undefined) {
    const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
    return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as unknown as readonly [number, number, number];
  }
  const rgb = /^rgba?\(\s*(\d{1,3})\s*[, ]\s*(\d{1,3})\s*[, ]\s*(\d{1,3})/.exec(value);
  if (rgb !== null) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return null;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([red, green, blue]: readonly [number, number, number]): number {
  const linear = (channel: number): number => {
    const value = Math.min(255, channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** Background colours named in the markup: bgcolor attributes and background(-color) declarations. */
function backgroundColors(html: string): string[] {
  const colors: string[] = [];
  for (const match of html.matchAll(/\bbgcolor\s*=\s*["']?\s*([#\w]+)/gi)) if (match[1] !== undefined) colors.push(match[1]);
  for (const match of html.matchAll(/background(?:-color)?\s*:\s*([^;"'}]+)/gi)) {
    const token = match[1]?.match(/#[0-9a-f]{3,6}\b|rgba?\([^)]*\)|\b[a-z]+\b/i)?.[0];
    if (token !== undefined) colors.push(token);
  }
  return colors;
}

/**
 * Whether dark reading should leave this HTML alone, and why: its own dark backgrounds, a declared
 * dark-mode design (`prefers-color-scheme: dark`, `color-scheme: dark`), or many pictures.
 */
export function darkReadingSkip(html: string): DarkReadingSkip | null {
  if (/prefers-color-scheme\s*:\s*dark|color-scheme\s*:\s*(?:light\s+)?dark|name\s*=\s*["']?(?:supported-)?color-scheme/i.test(html))
    return 'supports-dark-mode';
  if (
    backgroundColors(html).some((color) => {
      const rgb = parseColor(color);
      return rgb !== null && luminance(rgb) < DARK_LUMINANCE;
    })
  ) {
    return 'own-dark-design';
  }
  if ((html.match(/<img\b/gi) ?? []).length >= MANY_IMAGES) return 'many-images';
  return null;
}

/**
 * The styles added to a message's frame for dark reading: the page's colours inverted and turned back
 * to their hues (dark paper, light text, links still blue), with pictures and backgrounds images
 * inverted again so they look as sent.
 */
export const DARK_READING_STYLE = [
  'html{filter:invert(1) hue-rotate(180deg) !important;background:#fff !important}',
  'body{background-color:#ececec}',
  'img,picture,video,svg,[background],[style*="background-image"]{filter:invert(1) hue-rotate(180deg) !important}',
].join('');

/** The frame document with the dark reading styles last in its head, so they apply over the message's own. */
export function withDarkReading(frameDocument: string): string {
  const marker = '</head>';
  const at = frameDocument.indexOf(marker);
  const style = `<style data-dark-reading="">${DARK_READING_STYLE}</style>`;
  return at < 0 ? frameDocument : `${frameDocument.slice(0, at)}${style}${frameDocument.slice(at)}`;
}
