/**
 * A quick way to index the simplest and most common message shape: one text/plain part, no
 * attachments. Its headers are read with the same reader as the list columns and its body decoded
 * directly (RFC 2045 §6 transfer encodings, the charsets of part-decoding.ts), which is several times
 * faster than mailparser's general stream of MIME nodes. Anything else — multipart, HTML, format=flowed, a
 * file name, an encoding or charset it does not know — is left to mailparser (undefined).
 */
import { findHeaderEnd, headerValues, readHeaderFields, type HeaderField } from '../../../shared/mail/header-section';
import type { ListedColumns } from '../../storage/listed-columns';
import type { ParsedMessage } from '../../storage/message-index';
import { MAX_HEADER_BYTES } from '../mime-shape';
import { indexedMessage, type FinishText } from './indexed-message';
import { decodeCharset } from './part-decoding';

/** Messages up to this size may take the quick way (larger ones stream through mailparser). */
export const MAX_PLAIN_FAST_BYTES = 256 * 1024;

/** Unfolded values of the top-level header fields `name`, read as leniently as mailparser reads them. */
function fields(header: readonly HeaderField[], name: string): string[] {
  return headerValues(header, name, { obsoleteSpacing: true });
}

/** A parameter of a structured header value (RFC 2045 §5.1), lower-cased name. */
function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^\\s;]+))`, 'i').exec(value);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** Quoted-printable (RFC 2045 §6.7) to bytes. */
function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body
    .toString('latin1')
    .replace(/[ \t]+(?=\r?\n)/g, '')
    .replace(/=\r?\n/g, '');
  const out = Buffer.alloc(text.length);
  let length = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(index + 1, index + 3))) {
      out[length] = Number.parseInt(text.slice(index + 1, index + 3), 16);
      index += 2;
    } else {
      out[length] = code;
    }
    length += 1;
  }
  return out.subarray(0, length);
}

function decodeBody(body: Buffer, encoding: string): Buffer | undefined {
  switch (encoding) {
    case '':
    case '7bit':
    case '8bit':
    case 'binary':
      return body;
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    default:
      return undefined;
  }
}

/**
 * Indexes a whole single-part text/plain message given as bytes, or returns undefined when the
 * message is of another shape (then mailparser reads it). `finish` turns the decoded text into the
 * stored text, snippet and problems exactly as for mailparser's results; `listed` are the header
 * columns its batch commit wrote, if any (indexed-message.ts).
 */
export async function parsePlainMessage(bytes: Buffer, finish: FinishText, listed?: ListedColumns): Promise<ParsedMessage | undefined> {
  if (bytes.length > MAX_PLAIN_FAST_BYTES) return undefined;
  const start = findHeaderEnd(bytes)?.bodyStart ?? -1;
  if (start < 0 || start > MAX_HEADER_BYTES) return undefined;
  const header = readHeaderFields(bytes.subarray(0, start).toString('latin1'));
  const types = fields(header, 'content-type');
  const type = types[0] ?? 'text/plain';
  if (types.length > 1 || !/^text\/plain\s*(;|$)/i.test(type)) return undefined;
  if (parameter(type, 'format')?.toLowerCase() === 'flowed' || parameter(type, 'name') !== undefined) return undefined;
  const disposition = fields(header, 'content-disposition');
  if (disposition.length > 0 && (!/^inline\s*(;|$)/i.test(disposition[0] ?? '') || parameter(disposition[0] ?? '', 'filename') !== undefined)) return undefined;
  const encodings = fields(header, 'content-transfer-encoding');
  if (encodings.length > 1) return undefined;
  const decoded = decodeBody(bytes.subarray(start), (encodings[0] ?? '').toLowerCase());
  const text = decoded === undefined ? undefined : decodeCharset(decoded, parameter(type, 'charset'));
  if (text === undefined) return undefined;
  return indexedMessage(bytes.subarray(0, start), [], text, finish, listed);
}
