/**
 * Downgrading a ready 8-bit message to 7 bits for a server without 8BITMIME, as RFC 6152 §3 (and
 * RFC 1652 before it) asks of a client that cannot send 8-bit data: every MIME part whose body has
 * bytes above 127 is re-encoded — text as quoted-printable, anything else as base64 (RFC 2045 §6) —
 * and its Content-Transfer-Encoding says so. Multipart bodies are walked part by part and embedded
 * messages recursively. Header fields cannot be converted this way (RFC 2047 would change what the
 * sender wrote), so a message with 8-bit header bytes is left to SMTPUTF8 (RFC 6531) or refused.
 */
import { encode as encodeBase64, wrap as wrapBase64 } from 'nodemailer/lib/base64';
import { encode as encodeQuotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp';
import { findHeaderEndInText, firstHeaderValue } from '../../../shared/mail/header-section';

/** Longest encoded line, in characters (RFC 2045 §6.7 rule 5, §6.8). */
export const ENCODED_LINE_LENGTH = 76;
/** Deepest nesting of multiparts and embedded messages followed; deeper ones are refused, not guessed. */
export const MAX_MIME_DEPTH = 32;

/** Why a message could not be made 7-bit. */
export type SevenBitRefusal = 'eight-bit-header' | 'too-deep' | 'malformed';

/** The converted message, or why it cannot be converted. */
export type SevenBitResult = { readonly ok: true; readonly raw: Buffer } | { readonly ok: false; readonly reason: SevenBitRefusal };

class Refusal extends Error {
  constructor(readonly reason: SevenBitRefusal) {
    super(reason);
  }
}

const CRLF = '\r\n';

function hasEightBit(text: string): boolean {
  // The text is latin1: one character per byte.
  return /[\u0080-\u00ff]/.test(text);
}

/** Splits an entity (latin1 text) into its header block (with the line break ending it) and its body. */
function splitEntity(entity: string): { header: string; body: string } {
  const end = findHeaderEndInText(entity);
  if (end === undefined) return { header: entity.endsWith('\n') ? entity : `${entity}${CRLF}`, body: '' };
  // The header keeps its own last line break; the blank line is added back when joining.
  return { header: entity.slice(0, end.headerEnd), body: entity.slice(end.bodyStart) };
}

/** The unfolded value of the first header field `name`, or undefined. */
function fieldValue(header: string, name: string): string | undefined {
  return firstHeaderValue(header, name);
}

/** The header without the field `name` (and its continuation lines). */
function withoutField(header: string, name: string): string {
  return header.replace(new RegExp(`^${name}:.*(?:\\r?\\n[ \\t].*)*\\r?\\n`, 'gim'), '');
}

/** A parameter of a structured field such as Content-Type (RFC 2045 §5.1), quoted or not. */
function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(value);
  if (match === null) return undefined;
  return match[1] === undefined ? match[2] : match[1].replace(/\\(.)/g, '$1');
}

function mediaType(header: string): { type: string; value: string } {
  const value = fieldValue(header, 'Content-Type') ?? 'text/plain';
  return { type: (value.split(';')[0] ?? '').trim().toLowerCase(), value };
}

/** Replaces the bytes above 127 of text no reader shows (a multipart's preamble and epilogue). */
function asciiOnly(text: string): string {
  return text.replace(/[\u0080-\u00ff]/g, '?');
}

function encodeLeaf(header: string, body: string, type: string): string {
  const bytes = Buffer.from(body, 'latin1');
  const textual = type.startsWith('text/') || type === '';
  const encoded = textual ? wrapQuotedPrintable(encodeQuotedPrintable(bytes), ENCODED_LINE_LENGTH) : wrapBase64(encodeBase64(bytes), ENCODED_LINE_LENGTH);
  const lineBreak = header.endsWith('\r\n') ? CRLF : '\n';
  const field = `Content-Transfer-Encoding: ${textual ? 'quoted-printable' : 'base64'}${lineBreak}`;
  const ending = encoded.endsWith('\n') || encoded === '' ? '' : lineBreak;
  return `${withoutField(header, 'Content-Transfer-Encoding')}${field}${lineBreak}${encoded}${ending}`;
}

function convertMultipart(header: string, body: string, boundary: string, depth: number): string {
  const lineBreak = header.endsWith('\r\n') ? CRLF : '\n';
  const delimiter = `--${boundary}`;
  const lines = body.split(/(?<=\n)/);
  const chunks: Array<{ kind: 'text' | 'part'; text: string }> = [{ kind: 'text', text: '' }];
  let closed = false;
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '').replace(/[ \t]+$/, '');
    if (!closed && bare === delimiter) {
      chunks.push({ kind: 'text', text: line }, { kind: 'part', text: '' });
      continue;
    }
    if (!closed && bare === `${delimiter}--`) {
      closed = true;
      chunks.push({ kind: 'text', text: line });
      continue;
    }
    const last = chunks[chunks.length - 1];
    if (last !== undefined) last.text += line;
  }
  if (!chunks.some((chunk) => chunk.kind === 'part')) throw new Refusal('malformed');
  const converted = chunks.map((chunk) => {
    if (chunk.kind === 'text') return asciiOnly(chunk.text);
    // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    const match = /\r?\n$/.exec(chunk.text);
    const content = match === null ? chunk.text : chunk.text.slice(0, match.index);
    const trailing = match === null ? '' : match[0];
    return `${convertEntity(content, depth + 1)}${trailing}`;
  });
  return `${header}${lineBreak}${converted.join('')}`;
}

function convertEntity(entity: string, depth: number): string {
  if (depth > MAX_MIME_DEPTH) throw new Refusal('too-deep');
  const { header, body } = splitEntity(entity);
  if (hasEightBit(header)) throw new Refusal('eight-bit-header');
  if (!hasEightBit(body)) return entity;
  const lineBreak = header.endsWith('\r\n') ? CRLF : '\n';
  const { type, value } = mediaType(header);
  if (type.startsWith('multipart/')) {
    const boundary = parameter(value, 'boundary');
    if (boundary === undefined || boundary === '') throw new Refusal('malformed');
    return convertMultipart(header, body, boundary, depth);
  }
  if (type === 'message/rfc822' || type === 'message/global') {
    // RFC 2046 §5.2.1: an embedded message may not be encoded itself; its own parts are.
    return `${header}${lineBreak}${convertEntity(body, depth + 1)}`;
  }
  return encodeLeaf(header, body, type);
}

/**
 * The message with every 8-bit body re-encoded in 7 bits, or why that is impossible. A message
 * without MIME headers gains `MIME-Version` and a text/plain Content-Type (UTF-8 when the body is
 * valid UTF-8, else `unknown-8bit`, RFC 1428) so its new encoding can be read.
 */
export function toSevenBit(raw: Uint8Array): SevenBitResult {
  let text = Buffer.from(raw).toString('latin1');
  try {
    const { header, body } = splitEntity(text);
    if (hasEightBit(header)) throw new Refusal('eight-bit-header');
    if (hasEightBit(body) && fieldValue(header, 'Content-Type') === undefined) {
      const lineBreak = header.endsWith('\r\n') ? CRLF : '\n';
      const bytes = Buffer.from(body, 'latin1');
      const charset = Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes) ? 'utf-8' : 'unknown-8bit';
      const mimeVersion = fieldValue(header, 'MIME-Version') === undefined ? `MIME-Version: 1.0${lineBreak}` : '';
      text = `${header}${mimeVersion}Content-Type: text/plain; charset=${charset}${lineBreak}${lineBreak}${body}`;
    }
    return { ok: true, raw: Buffer.from(convertEntity(text, 0), 'latin1') };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason };
    throw error;
  }
}
