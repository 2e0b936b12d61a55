/**
 * A text-only MIME walker for the full-text index. It follows a message's multipart structure
 * (RFC 2046 §5.1) by searching for its delimiter lines, decodes only the text/plain parts the index
 * keeps, and records every attachment by name, type and size without decoding it — the work
 * mailparser spends on attachments (streaming every byte through a decoder) is most of the cost of
 * indexing mail with files attached. It gives exactly what mailparser gives, for the shapes it
 * handles: well-formed multiparts within half the MIME limits, the transfer encodings and charsets
 * of part-decoding.ts, the header forms of part-headers.ts. Anything else — a broken or unclosed
 * boundary, an attached message, format=flowed, HTML that the index would turn into text — answers
 * undefined and the message is left to mailparser.
 */
import type { ListedColumns } from '../../storage/listed-columns';
import type { AttachmentInfo, ParsedMessage } from '../../storage/message-index';
import { DEFAULT_MIME_LIMITS, type MimeLimits } from '../mime-shape';
import { indexedMessage, type FinishText } from './indexed-message';
import { base64DecodedSize, decodeBase64, decodeCharset, decodeQuotedPrintable } from './part-decoding';
import { readPartFields, type PartFields } from './part-headers';

/**
 * Messages up to this size are read whole and walked (larger ones stream through mailparser, whose
 * memory stays bounded whatever the size); two parse workers hold at most one such message each.
 */
export const MAX_WALKED_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Largest header section of a part (or of the message) the walker reads; larger ones go to mailparser. */
export const MAX_WALKED_HEADER_BYTES = 64 * 1024;
/** A single-part message larger than this goes to mailparser, which reads only as much of it as the index keeps. */
export const MAX_WALKED_SINGLE_PART_BYTES = 1024 * 1024;
/** Longest index value kept, as the mailparser path clips them. */
const MAX_VALUE_CHARS = 2_000;
/** How far from a delimiter's boundary its line may run (trailing whitespace), as mailparser's splitter allows. */
const MAX_DELIMITER_SUFFIX = 1_004;
/** File extensions that mailparser's type guess maps to application/octet-stream. */
const OCTET_STREAM_EXTENSIONS = new Set(['bin', 'dat', 'exe']);

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

/** Thrown inside the walk when the message is of a shape left to mailparser. */
class Unhandled extends Error {}

function unhandled(): never {
  throw new Unhandled();
}

interface Delimiter {
  /** Index of the boundary in the stack of open multiparts. */
  readonly level: number;
  readonly close: boolean;
  readonly lineStart: number;
  /** Offset after the delimiter line. */
  readonly lineEnd: number;
}

interface Context {
  readonly alternative: boolean;
  readonly related: boolean;
}

interface Walk {
  readonly bytes: Buffer;
  readonly limits: MimeLimits;
  parts: number;
  hasText: boolean;
  readonly texts: string[];
  readonly attachments: AttachmentInfo[];
  /** HTML parts with content: where they sit decides whether mailparser would turn them into text. */
  readonly html: Array<{ readonly alternative: boolean; readonly root: boolean }>;
}

/** Whether the line at `start` is a delimiter of `boundary`: 1 for a part, 2 for the close, as mailparser's splitter reads it. */
function delimiterAt(bytes: Buffer, start: number, boundary: Buffer): { close: boolean; lineEnd: number } | undefined {
  const after = start + 2 + boundary.length;
  if (after > bytes.length || bytes.compare(boundary, 0, boundary.length, start + 2, after) !== 0) return undefined;
  let index = after;
  let close = false;
  if (bytes[index] === DASH) {
    if (bytes[index + 1] !== DASH) return undefined;
    close = true;
    index += 2;
  }
  while (index < bytes.length && (bytes[index] === 0x20 || bytes[index] === 0x09)) index += 1;
  if (index >= bytes.length) return close ? { close, lineEnd: bytes.length } : undefined;
  while (index < bytes.length && bytes[index] === CR) index += 1;
  if (index < bytes.length) {
    if (bytes[index] !== LF) return undefined;
    index += 1;
  }
  return index - start > boundary.length + MAX_DELIMITER_SUFFIX ? undefined : { close, lineEnd: index };
}

/** The next delimiter line of any open multipart at or after the line start `from`, innermost boundary first. */
function nextDelimiter(bytes: Buffer, from: number, stack: readonly Buffer[]): Delimiter | undefined {
  let lineStart = from;
  for (;;) {
    if (bytes[lineStart] === DASH && bytes[lineStart + 1] === DASH) {
      for (let level = stack.length - 1; level >= 0; level -= 1) {
        const found = delimiterAt(bytes, lineStart, stack[level] ?? unhandled());
        if (found !== undefined) return { level, close: found.close, lineStart, lineEnd: found.lineEnd };
      }
    }
    const next = bytes.indexOf('\n--', lineStart);
    if (next < 0) return undefined;
    lineStart = next + 1;
  }
}

/**
 * The offset after the blank line that ends the header section starting at `start`. Only the first
 * MAX_WALKED_HEADER_BYTES can hold it, so only they are searched, and a bare-LF blank line only before
 * the first CRLF one: searching the rest of the message for a blank line that CRLF mail never has went
 * through every attachment after the part again, once for each part.
 */
function headerEnd(bytes: Buffer, start: number): number {
  if (bytes[start] === LF) return start + 1;
  if (bytes[start] === CR && bytes[start + 1] === LF) return start + 2;
  const window = bytes.subarray(start, start + MAX_WALKED_HEADER_BYTES + 3);
  const crlf = window.indexOf('\n\r\n');
  const lf = (crlf < 0 ? window : window.subarray(0, crlf + 2)).indexOf('\n\n');
  const end = lf >= 0 ? lf + 2 : crlf >= 0 ? crlf + 3 : -1;
  if (end < 0 || end > MAX_WALKED_HEADER_BYTES) unhandled();
  return start + end;
}

/** The fields of the header section [start, end); a delimiter-like line inside it is left to mailparser. */
function fieldsOf(bytes: Buffer, start: number, end: number): PartFields {
  const section = bytes.toString('latin1', start, end);
  if (section.startsWith('--') || section.includes('\n--')) unhandled();
  return readPartFields(section) ?? unhandled();
}

function clip(value: string | undefined): string | null {
  return value === undefined ? null : value.slice(0, MAX_VALUE_CHARS);
}

/** The decoded size of an attachment's body, worked out without decoding base64. */
function attachmentSize(body: Buffer, encoding: string): number {
  if (encoding === 'base64') return base64DecodedSize(body);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body).length;
  return body.length;
}

function transferDecoded(body: Buffer, encoding: string): Buffer {
  if (encoding === 'base64') return decodeBase64(body) ?? unhandled();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Records one leaf part, by mailparser's rules for what is text and what is an attachment. */
function leaf(walk: Walk, fields: PartFields, body: Buffer, context: Context, root: boolean): void {
  const type = fields.contentType;
  if (type.startsWith('message/') || type.startsWith('multipart/')) unhandled();
  const textType = type === 'text/plain' || type === 'text/html';
  const given = fields.disposition === undefined || fields.disposition === 'inline' || fields.disposition === 'attachment' ? fields.disposition : 'attachment';
  const disposition = given ?? (textType ? 'inline' : 'attachment');
  if (!textType || disposition !== 'inline') {
    if (type === 'application/octet-stream' && fields.fileName !== undefined) {
      const extension = fields.fileName.toLowerCase().replace(/\s/g, '').replace(/^\./, '').split('.').pop() ?? '';
      if (!OCTET_STREAM_EXTENSIONS.has(extension)) unhandled();
    }
    const related = fields.contentId !== undefined && context.related;
    walk.attachments.push({
      fileName: clip(fields.fileName),
      contentType: type,
      size: attachmentSize(body, fields.encoding),
      contentId: clip(fields.contentId?.trim().replace(/^<|>$/g, '').trim()),
      inline: fields.disposition === 'inline' || related,
    });
    return;
  }
  if (type === 'text/html') {
    if (body.length > 0) walk.html.push({ alternative: context.alternative, root });
    return;
  }
  walk.hasText = true;
  if (fields.flowed) unhandled();
  const text = decodeCharset(transferDecoded(body, fields.encoding), fields.charset) ?? unhandled();
  if (text.length > 0) walk.texts.push(text);
}

/** Walks a multipart's parts from its body at `start`; returns the offset after its closing delimiter line. */
function multipart(walk: Walk, fields: PartFields, start: number, outer: readonly Buffer[], context: Context): number {
  const boundary = fields.boundary ?? unhandled();
  const stack = [...outer, Buffer.from(boundary, 'latin1')];
  const level = stack.length - 1;
  if (stack.length > walk.limits.depth / 2) unhandled();
  const inner: Context = {
    alternative: context.alternative || fields.contentType === 'multipart/alternative',
    related: context.related || fields.contentType === 'multipart/related',
  };
  let delimiter = nextDelimiter(walk.bytes, start, stack);
  if (delimiter === undefined || delimiter.level !== level || delimiter.close) unhandled();
  for (;;) {
    walk.parts += 1;
    if (walk.parts > walk.limits.parts / 2) unhandled();
    const partStart: number = delimiter.lineEnd;
    if (partStart >= walk.bytes.length) unhandled();
    const bodyStart = headerEnd(walk.bytes, partStart);
    const part = fieldsOf(walk.bytes, partStart, bodyStart);
    if (part.contentType.startsWith('multipart/')) {
      delimiter = nextDelimiter(walk.bytes, multipart(walk, part, bodyStart, stack, inner), stack);
    } else {
      delimiter = nextDelimiter(walk.bytes, bodyStart, stack);
      if (delimiter !== undefined) {
        // The line end before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
        let end = delimiter.lineStart;
        if (end > bodyStart && walk.bytes[end - 1] === LF) end -= 1;
        if (end > bodyStart && walk.bytes[end - 1] === CR) end -= 1;
        leaf(walk, part, walk.bytes.subarray(bodyStart, end), inner, false);
      }
    }
    if (delimiter === undefined || delimiter.level !== level) unhandled();
    if (delimiter.close) return delimiter.lineEnd;
  }
}

/**
 * Indexes a whole message given as bytes by walking its text parts, or returns undefined when the
 * message is of a shape left to mailparser. `finish` turns the decoded text into the stored text,
 * snippet and problems exactly as for mailparser's results; `listed` are the header columns its batch
 * commit wrote, if any (indexed-message.ts).
 */
export async function walkTextParts(
  bytes: Buffer,
  finish: FinishText,
  limits: MimeLimits = DEFAULT_MIME_LIMITS,
  listed?: ListedColumns,
): Promise<ParsedMessage | undefined> {
  const walk: Walk = { bytes, limits, parts: 1, hasText: false, texts: [], attachments: [], html: [] };
  let bodyStart: number;
  try {
    bodyStart = headerEnd(bytes, 0);
    const fields = fieldsOf(bytes, 0, bodyStart);
    if (fields.contentType.startsWith('multipart/')) {
      // A delimiter line that starts with a lone CR is one to mailparser's splitter only.
      if (bytes.includes('\n\r--')) return undefined;
      multipart(walk, fields, bodyStart, [], { alternative: false, related: false });
    } else {
      if (bytes.length > MAX_WALKED_SINGLE_PART_BYTES) return undefined;
      leaf(walk, fields, bytes.subarray(bodyStart), { alternative: false, related: false }, true);
    }
    if (walk.html.some((html) => (!html.alternative && walk.hasText) || (html.root && !walk.hasText))) return undefined;
  } catch (error) {
    // A shape left to mailparser; and should the walker ever trip over a message, mailparser reads it
    // instead (the error would otherwise look like a storage failure and stop indexing).
    if (error instanceof Error) return undefined;
    throw error;
  }
  return indexedMessage(bytes.subarray(0, bodyStart), walk.attachments, walk.texts.join('\n'), finish, listed);
}
