/**
 * The pseudo-locale is generated from English, never written by hand: every letter of the literal
 * text is swapped for an accented look-alike, the message grows by about 40 % and is put in brackets.
 * A string without brackets in the pseudo-locale window was never translated (hard-coded); a bracket
 * cut off by the layout shows where text is clipped.
 */

/** How much longer than English a pseudo-message is: German and French often run 30–40 % longer. */
const EXPANSION = 0.4;

const ACCENTED: Readonly<Record<string, string>> = {
  a: 'à',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** The pseudo-locale's opening and closing marks. */
export const PSEUDO_OPEN = '[';
/** See {@link PSEUDO_OPEN}. */
export const PSEUDO_CLOSE = ']';

/**
 * One ICU message in the pseudo-locale. Only literal text changes: argument names, plural and select
 * keywords and `#` stay as they are, so the message takes the same arguments as the English one.
 * Literal text is what lies at an even brace depth (the message itself, or the body of a plural or
 * select option); odd depths hold argument syntax. Tag names of rich text stay too.
 */
export function pseudoLocalize(message: string): string {
  let depth = 0;
  let letters = 0;
  let inTag = false;
  let out = '';
  for (const character of message) {
    // Rich-text tags (<strong>…</strong>) keep their names.
    if (character === '<' && depth % 2 === 0) inTag = true;
    if (inTag) {
      out += character;
      if (character === '>') inTag = false;
      continue;
    }
    if (character === '{') depth += 1;
    else if (character === '}') depth -= 1;
    else if (depth % 2 === 0) {
      const accented = ACCENTED[character];
      if (accented !== undefined) {
        letters += 1;
        out += accented;
        continue;
      }
    }
    out += character;
  }
  const padding = '~'.repeat(Math.max(1, Math.ceil(letters * EXPANSION)));
  return `${PSEUDO_OPEN}${out} ${padding}${PSEUDO_CLOSE}`;
}

/** A whole catalog in the pseudo-locale. */
export function pseudoCatalog<Id extends string>(source: Readonly<Record<Id, string>>): Readonly<Record<Id, string>> {
  return Object.fromEntries(Object.entries<string>(source).map(([id, message]) => [id, pseudoLocalize(message)])) as Record<Id, string>;
}
