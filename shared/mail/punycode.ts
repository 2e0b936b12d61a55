/**
 * Punycode (RFC 3492) for internationalized domain labels, both ways: encoding, so an IDN domain can
 * travel in the SMTP envelope as `xn--` A-labels (RFC 5890 §2.3.2.1) when the server does not speak
 * SMTPUTF8; decoding, so the reader can show a domain the way it looks on screen and judge whether it
 * imitates another one. Written here because shared/ runs without Node (no `url.domainToASCII`).
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
/** Longest label decoded (RFC 1035 §2.3.4 allows 63 octets). */
const MAX_LABEL_LENGTH = 63;
/** The ACE prefix of an encoded label (RFC 5890 §2.3.2.5). */
export const ACE_PREFIX = 'xn--';

function adapt(delta: number, points: number, first: boolean): number {
  let value = first ? Math.floor(delta / DAMP) : delta >> 1;
  value += Math.floor(value / points);
  let k = 0;
  while (value > ((BASE - T_MIN) * T_MAX) >> 1) {
    value = Math.floor(value / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * value) / (value + SKEW));
}

function digit(value: number): string {
  return String.fromCharCode(value + 22 + 75 * (value < 26 ? 1 : 0));
}

/** Encodes one label's code points to Punycode (RFC 3492 §6.3), without the ACE prefix. */
export function encodePunycode(label: string): string {
  const input = Array.from(label, (character) => character.codePointAt(0) ?? 0);
  let output = input
    .filter((point) => point < 0x80)
    .map((point) => String.fromCharCode(point))
    .join('');
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < input.length) {
    const next = Math.min(...input.filter((point) => point >= n));
    delta += (next - n) * (handled + 1);
    n = next;
    for (const point of input) {
      if (point < n) delta += 1;
      if (point !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled += 1;
    }
    delta += 1;
    n += 1;
  }
  return output;
}

/**
 * A domain in ASCII form: each label NFC-normalized and lower-cased (a simplified UTS #46 mapping), then
 * `xn--`-encoded when it is not ASCII. The caller validates the result's syntax.
 */
export function domainToAscii(domain: string): string {
  return (
    domain
      .normalize('NFC')
      .toLowerCase()
      .split('.')
      // eslint-disable-next-line no-control-regex -- the whole ASCII range
      .map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : `${ACE_PREFIX}${encodePunycode(label)}`))
      .join('.')
  );
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** Decodes one label's Punycode (without the xn-- prefix); null when it is not valid Punycode. */
export function decodePunycode(input: string): string | null {
  if (input.length > MAX_LABEL_LENGTH) return null;
  const output: number[] = [];
  const delimiter = input.lastIndexOf('-');
  for (let index = 0; index < Math.max(delimiter, 0); index++) {
    const code = input.charCodeAt(index);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let position = delimiter > 0 ? delimiter + 1 : 0; position < input.length;) {
    const oldI = i;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      if (position >= input.length) return null;
      const digit = digitOf(input.charCodeAt(position++));
      if (digit >= BASE) return null;
      i += digit * weight;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      weight *= BASE - t;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(weight)) return null;
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/** A domain with every xn-- label decoded; null when a label is not valid Punycode. */
export function decodeDomainToUnicode(domain: string): string | null {
  const labels: string[] = [];
  for (const label of domain.split('.')) {
    if (!label.toLowerCase().startsWith(ACE_PREFIX)) {
      labels.push(label);
      continue;
    }
    const decoded = decodePunycode(label.slice(ACE_PREFIX.length).toLowerCase());
    if (decoded === null) return null;
    labels.push(decoded);
  }
  return labels.join('.');
}
