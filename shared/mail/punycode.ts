/**
 * Punycode (RFC 3492) encoding of internationalized domain labels, so an IDN domain can travel in the
 * SMTP envelope as `xn--` A-labels (RFC 5890 §2.3.2.1) when the server does not speak SMTPUTF8. Written
 * here because shared/ runs without Node (no `url.domainToASCII`).
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
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
  let output = input.filter((point) => point < 0x80).map((point) => String.fromCharCode(point)).join('');
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
  return domain
    .normalize('NFC')
    .toLowerCase()
    .split('.')
    // eslint-disable-next-line no-control-regex -- the whole ASCII range
    .map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : `${ACE_PREFIX}${encodePunycode(label)}`))
    .join('.');
}
