/**
 * Attachment file names written in UTF-8 the two usual ways — encoded words (RFC 2047, what Outlook
 * writes) and extended parameters (RFC 2231 §4, what Thunderbird and Apple Mail write) — decoded as
 * mailparser's header library decodes them. Other charsets, continued parameters (RFC 2231 §3),
 * words mixed with plain text and anything malformed answer undefined: left to mailparser.
 */

const UTF8 = /^utf-?8$/i;
const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
const BASE64_WORD = /^[A-Za-z0-9+/]*={0,2}$/;
const PRINTABLE = /^[!-~]*$/;
/** An `=` or `%` that does not start two hex digits: the two readers could disagree on it. */
const LONE_ESCAPE = (escape: '=' | '%'): RegExp => new RegExp(`\\${escape}(?![0-9A-Fa-f]{2})`);

/** Bytes of text where `escape` followed by two hex digits stands for a byte. */
function unescape(text: string, escape: '=' | '%'): Buffer {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === escape) {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index));
    }
  }
  return Buffer.from(bytes);
}

/** A name made of UTF-8 encoded words only (RFC 2047 §2), decoded; the name itself when it has none. */
export function decodeWordsName(name: string): string | undefined {
  if (!name.includes('=?')) return name;
  if (name.replace(ENCODED_WORD, '').trim() !== '' || name.trim() !== name) return undefined;
  const parts: Buffer[] = [];
  let encoding: string | undefined;
  for (const [, charset = '', letter = '', payload = ''] of name.matchAll(ENCODED_WORD)) {
    const upper = letter.toUpperCase();
    // Adjacent words of one charset are joined before decoding; words of one kind join the same way either side.
    if (!UTF8.test(charset) || (encoding !== undefined && encoding !== upper)) return undefined;
    encoding = upper;
    if (upper === 'B') {
      if (!BASE64_WORD.test(payload) || payload.length % 4 !== 0) return undefined;
      parts.push(Buffer.from(payload, 'base64'));
    } else {
      if (!PRINTABLE.test(payload) || LONE_ESCAPE('=').test(payload)) return undefined;
      parts.push(unescape(payload.replace(/_/g, ' '), '='));
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The value of an extended parameter (`charset'language'percent-encoded`, RFC 2231 §4) in UTF-8, decoded. */
export function decodeExtendedValue(value: string): string | undefined {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (match === null) return undefined;
  const [, charset = '', encoded = ''] = match;
  if ((charset !== '' && !UTF8.test(charset)) || !PRINTABLE.test(encoded) || LONE_ESCAPE('%').test(encoded)) return undefined;
  return unescape(encoded, '%').toString('utf8');
}
