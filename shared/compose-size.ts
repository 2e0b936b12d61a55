/**
 * An estimate of the size a message will have once composed as MIME, from what compose holds: the text
 * and HTML bodies and the byte sizes of the attachments. Compose compares it with the outgoing
 * server's SIZE limit (RFC 1870) to warn before Send, without composing the message. The estimate
 * follows how the composer encodes: attachments in base64 (RFC 2045 §6.8: 4 characters per 3 bytes,
 * lines of at most 76 characters ending in CRLF), text in 7bit when it is plain ASCII, else in
 * quoted-printable or base64, whichever is shorter, plus the headers and boundaries of each part.
 */

/** Characters of one base64 line (RFC 2045 §6.8). */
export const BASE64_LINE_CHARACTERS = 76;
/** Characters of one quoted-printable line before a soft break (RFC 2045 §6.7 rule 5). */
export const QUOTED_PRINTABLE_LINE_CHARACTERS = 76;
/** The message's own header block (Date, Message-ID, MIME-Version, Content-Type, …) without addresses and subject. */
export const MESSAGE_HEADER_OVERHEAD_BYTES = 600;
/** One MIME part's headers (Content-Type, Content-Transfer-Encoding, Content-Disposition) and its boundary line. */
export const PART_OVERHEAD_BYTES = 300;
/** CRLF, the line end of every composed line. */
const CRLF_BYTES = 2;

/** What the size of a message is estimated from. */
export interface MessageSizeInput {
  readonly text?: string;
  readonly html?: string;
  /** Decoded sizes in bytes of every attachment (chosen files and forwarded ones). */
  readonly attachmentBytes?: readonly number[];
  /** Subject, names and addresses as typed, so long recipient lists count too. */
  readonly headerText?: string;
}

/** Bytes of `text` in UTF-8. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Size of `bytes` bytes once base64-encoded in lines of 76 characters with CRLF. */
export function base64EncodedBytes(bytes: number): number {
  if (bytes <= 0) return 0;
  const characters = Math.ceil(bytes / 3) * 4;
  return characters + Math.ceil(characters / BASE64_LINE_CHARACTERS) * CRLF_BYTES;
}

/** Bytes of one line (without its line end) in quoted-printable, soft line breaks included (RFC 2045 §6.7). */
function quotedPrintableLineBytes(line: string): number {
  let length = 0;
  for (const character of line) {
    const code = character.codePointAt(0) ?? 0;
    length += code >= 0x20 && code < 0x7f && code !== 0x3d ? 1 : (code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4) * 3;
  }
  const softBreaks = length > QUOTED_PRINTABLE_LINE_CHARACTERS ? Math.floor((length - 1) / (QUOTED_PRINTABLE_LINE_CHARACTERS - 1)) : 0;
  return length + softBreaks * (CRLF_BYTES + 1);
}

/**
 * Size of a body once encoded, choosing as the composer does: 7bit for plain ASCII; quoted-printable
 * when letters outnumber the other characters (mostly Latin text), else base64.
 */
export function textEncodedBytes(text: string): number {
  const lines = text.split(/\r?\n/);
  const lineEnds = (lines.length - 1) * CRLF_BYTES;
  let nonLatin = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code >= 0x80) nonLatin += 1;
  }
  if (nonLatin === 0) return lines.reduce((sum, line) => sum + line.length, 0) + lineEnds;
  const letters = (text.match(/[a-z]/giu) ?? []).length;
  if (nonLatin < letters) return lines.reduce((sum, line) => sum + quotedPrintableLineBytes(line), 0) + lineEnds;
  return base64EncodedBytes(utf8Bytes(text.replace(/\r?\n/g, '\r\n')));
}

/** Estimated size in bytes of the composed message (what the server's SIZE limit is compared with). */
export function estimateMessageSize(input: MessageSizeInput): number {
  let size = MESSAGE_HEADER_OVERHEAD_BYTES + utf8Bytes(input.headerText ?? '') * 2;
  const bodies = [input.text, input.html].filter((body): body is string => body !== undefined);
  for (const body of bodies) size += PART_OVERHEAD_BYTES + textEncodedBytes(body);
  for (const bytes of input.attachmentBytes ?? []) size += PART_OVERHEAD_BYTES + base64EncodedBytes(bytes);
  return size;
}

/** A size for people: "850 KB", "12.4 MB" (decimal units, as mail servers announce them). */
export function formatSize(bytes: number): string {
  if (bytes < 1_000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
