/**
 * Decoding the body of one MIME part for the full-text index: transfer encodings (RFC 2045 §6) and
 * character sets, each giving byte for byte what mailparser gives (its quoted-printable and base64
 * decoders, its charset handling), for the cases handled here; a case not handled answers undefined
 * and the message is left to mailparser. Attachments are never decoded: their decoded size is worked
 * out from the encoded bytes.
 */

/** Base64 line breaks: a CR LF pair or a lone LF, the only characters outside the alphabet well-formed base64 bodies carry. */
const LF = 0x0a;
const CR = 0x0d;
const EQUALS = 0x3d;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Quoted-printable (RFC 2045 §6.7) to bytes, as mailparser's decoder does it: whitespace before a
 * line end or the end is dropped, soft line breaks are removed, `=XX` with two hex digits becomes
 * the byte and anything else stays as written.
 */
export function decodeQuotedPrintable(body: Buffer): Buffer {
  const input = body
    .toString('latin1')
    .replace(/(^|[^ \t])[ \t]+(?=[\n\r]|$)/g, '$1')
    .replace(/=(?:\r?\n|$)/g, '');
  const out = Buffer.allocUnsafe(input.length);
  let length = 0;
  for (let index = 0; index < input.length; index += 1) {
    const code = input.charCodeAt(index);
    if (code === EQUALS && index < input.length - 2) {
      const high = hexValue(input.charCodeAt(index + 1));
      const low = hexValue(input.charCodeAt(index + 2));
      if (high >= 0 && low >= 0) {
        out[length] = high * 16 + low;
        length += 1;
        index += 2;
        continue;
      }
    }
    out[length] = code;
    length += 1;
  }
  return out.subarray(0, length);
}

const NOT_BASE64 = /[^A-Za-z0-9+/=]/g;

/**
 * Base64 (RFC 2045 §6.8) to bytes, or undefined for a body mailparser's chunked decoder could read
 * differently: padding anywhere but at the very end, or a last group cut short. Characters outside
 * the alphabet are skipped, as mailparser skips them.
 */
export function decodeBase64(body: Buffer): Buffer | undefined {
  const clean = body.toString('latin1').replace(NOT_BASE64, '');
  const padding = clean.indexOf('=');
  if (padding >= 0 && (padding < clean.length - 2 || !/^={1,2}$/.test(clean.slice(padding)))) return undefined;
  if (clean.length % 4 !== 0) return undefined;
  return Buffer.from(clean, 'base64');
}

/**
 * The decoded size of a base64 attachment without decoding it: the encoded length less its line
 * breaks (CR LF or LF) and padding, times 3/4. Exact for base64 written as lines of its alphabet,
 * which is what mail programs write; characters outside the alphabet other than line breaks (which
 * a decoder skips) would make it a slight overestimate.
 */
export function base64DecodedSize(body: Buffer): number {
  let breaks = 0;
  for (let index = body.indexOf(LF); index >= 0; index = body.indexOf(LF, index + 1)) {
    breaks += index > 0 && body[index - 1] === CR ? 2 : 1;
  }
  let end = body.length;
  while (end > 0 && (body[end - 1] === LF || body[end - 1] === CR || body[end - 1] === 0x20 || body[end - 1] === 0x09)) end -= 1;
  let padding = 0;
  while (padding < 2 && end - padding > 0 && body[end - padding - 1] === EQUALS) padding += 1;
  const characters = body.length - breaks - padding;
  return Math.max(0, Math.floor((characters * 3) / 4));
}

/** Names mailparser decodes as UTF-8 itself (compared with case and punctuation ignored). */
const UTF8_NAMES = new Set(['ascii', 'usascii', 'utf8']);
/**
 * Names its charset library resolves to Windows-1252: that code page's own, and ISO-8859-1's, which
 * it reads as Windows-1252 the way browsers do (WHATWG Encoding, "latin1" is a label of windows-1252).
 */
const WINDOWS_1252_NAMES = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1']);
/**
 * Windows-1252 bytes 0x80–0x9F (the rest is Latin-1), unassigned ones as U+FFFD, as mailparser's
 * charset library decodes them (Node's TextDecoder drops some of them instead).
 */
const WINDOWS_1252_HIGH = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  return /[\x80-\x9f]/.test(latin1) ? latin1.replace(/[\x80-\x9f]/g, (character) => WINDOWS_1252_HIGH.charAt(character.charCodeAt(0) - 0x80)) : latin1;
}

/**
 * The text of a decoded text part in its charset (RFC 2046 §4.1.2) with line ends as LF, as
 * mailparser gives it; undefined for a charset not handled here. A part without a charset is UTF-8,
 * as mailparser reads it.
 */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string | undefined {
  const name = (charset ?? '').length === 0 ? 'utf-8' : (charset ?? '');
  let text: string;
  if (UTF8_NAMES.has(name.toLowerCase().replace(/[^a-z0-9]+/g, ''))) text = bytes.toString('utf8');
  else if (WINDOWS_1252_NAMES.has(name.toLowerCase().trim())) text = decodeWindows1252(bytes);
  else return undefined;
  // CR LF to LF, as /\r?\n/g → '\n' does, by a plain string search: a worker runs this on every text
  // part it indexes, most of them before its regular expressions have warmed up.
  return text.includes('\r') ? text.replaceAll('\r\n', '\n') : text;
}
