/**
 * The list columns of a message (sender, recipients, subject, date, threading, attachment flag) read
 * from its header section alone, so a batch commit can write them in the same transaction that makes
 * the message durable: a message is never listed without them, and the full-text indexer, which reads
 * the whole message later, only refines them. postal-mime reads a header section several times faster
 * than mailparser (measured on generated mailboxes), which matters because this runs for every
 * message while the receive worker is downloading.
 */
import PostalMime from 'postal-mime';
import type { MailAddress, ParsedMessage } from './message-index';

/** Longest subject or header value kept (the same bound the parse worker applies). */
export const MAX_HEADER_COLUMN_CHARS = 2_000;
/** Largest header section postal-mime is asked to read (the sink keeps no more than this). */
const MAX_PARSED_HEADER_BYTES = 512 * 1024;

/**
 * Top-level types that carry files: multipart/mixed is how mail clients attach files (RFC 2046
 * §5.1.3), multipart/related carries inline images, which the index counts as attachments too.
 */
const ATTACHMENT_TYPES = /^\s*multipart\/(mixed|related)\b/i;

/** What the list shows of a message, from its headers: the parser's header fields, and a first guess at attachments. */
export type HeaderColumns = Pick<ParsedMessage, 'subject' | 'from' | 'to' | 'cc' | 'date' | 'messageId' | 'inReplyTo' | 'references'> & {
  readonly hasAttachments: boolean;
};

type PostalAddress = {
  readonly name: string;
  readonly address?: string | undefined;
  readonly group?: ReadonlyArray<{ readonly name: string; readonly address: string }> | undefined;
};

function clip(value: string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed.slice(0, MAX_HEADER_COLUMN_CHARS);
}

function flatten(list: ReadonlyArray<PostalAddress> | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const entry of list ?? []) {
    if (entry.group !== undefined) out.push(...flatten(entry.group));
    else if (entry.address !== undefined && entry.address.length > 0)
      out.push({ name: entry.name.slice(0, MAX_HEADER_COLUMN_CHARS), address: entry.address.slice(0, MAX_HEADER_COLUMN_CHARS) });
  }
  return out;
}

/** The unfolded value of the first header `key` (lower case), as written. */
function rawHeader(headers: ReadonlyArray<{ key: string; value: string }>, key: string): string | undefined {
  return headers.find((header) => header.key === key)?.value;
}

/** The Date header (RFC 5322 §3.3) in milliseconds, or null when missing or unreadable. */
function dateOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const time = new Date(value.replace(/\s+/g, ' ').trim()).getTime();
  return Number.isNaN(time) ? null : time;
}

function idList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\s+/)
    .filter((entry) => entry.length > 0)
    .map((entry) => entry.slice(0, MAX_HEADER_COLUMN_CHARS));
}

/**
 * Reads the list columns from a header section. Never rejects: a header section postal-mime cannot
 * read gives undefined, and the message waits for the full parser like before.
 */
export async function headerColumns(header: Uint8Array): Promise<HeaderColumns | undefined> {
  if (header.byteLength === 0 || header.byteLength > MAX_PARSED_HEADER_BYTES) return undefined;
  try {
    // The header section alone, ended by an empty line, is a message without a body.
    const email = await PostalMime.parse(Buffer.concat([header, Buffer.from('\r\n\r\n')]), {
      maxHeadersSize: MAX_PARSED_HEADER_BYTES * 2,
      maxNestingDepth: 1,
      maxRfc822NestingDepth: 0,
    });
    const from = email.from === undefined ? [] : flatten([email.from]);
    return {
      subject: clip(email.subject),
      from: from[0] ?? null,
      to: flatten(email.to),
      cc: flatten(email.cc),
      date: dateOf(rawHeader(email.headers, 'date')),
      messageId: clip(email.messageId),
      inReplyTo: clip(idList(email.inReplyTo)[0]),
      references: idList(email.references),
      hasAttachments: ATTACHMENT_TYPES.test(rawHeader(email.headers, 'content-type') ?? ''),
    };
  } catch {
    return undefined;
  }
}
