/**
 * The list columns of a message (sender, recipients, subject, date, threading, attachment flag) read
 * from its header section alone, so a batch commit can write them in the same transaction that makes
 * the message durable: a message is never listed without them, and the full-text indexer, which reads
 * the whole message later, only refines them. It runs for every message while the receive worker is
 * downloading, so it reads the fields itself and hands postal-mime (several times faster than
 * mailparser, measured on generated mailboxes) only the values that need decoding.
 */
import type * as PostalMime from 'postal-mime';
import { readHeaderFields, unfoldedBody, type HeaderField } from '../../shared/mail/header-section';
import type { MailAddress, ParsedMessage } from './message-index';

let postalMime: typeof PostalMime | undefined;

/**
 * postal-mime, loaded when the first header section is read: its HTML entity table costs every command
 * milliseconds at start, and a command that only reads the store (`mailbag list`) never reads a header
 * section. Once loaded, a header section is read without waiting, as with a static import.
 */
async function loadPostalMime(): Promise<typeof PostalMime> {
  postalMime ??= await import('postal-mime');
  return postalMime;
}

/** Longest subject or header value kept (the same bound the parse worker applies). */
export const MAX_HEADER_COLUMN_CHARS = 2_000;
/** Largest header section read for the columns (the sink keeps no more than this). */
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

/** Reads a header section's bytes as postal-mime does: UTF-8, a byte order mark kept, bad bytes replaced. */
const HEADER_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Folding blanks (RFC 5322 §2.2.3): only space and tab are taken off a value's ends. An index scan, as
 * a trailing-blanks pattern retries at every blank of a long run inside a hostile value.
 */
function trimBlanks(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isBlank(value.charCodeAt(start))) start += 1;
  while (end > start && isBlank(value.charCodeAt(end - 1))) end -= 1;
  return value.slice(start, end);
}

/** The fields the columns are read from, by lower-case name. */
const COLUMN_FIELDS = new Set(['from', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'content-type']);

/**
 * The column fields of a header section by lower-case name, in order, blanks before the colon allowed
 * (RFC 5322 §4.5, as postal-mime reads them): one pass over the fields, not one per column.
 */
function columnFields(fields: readonly HeaderField[]): Map<string, HeaderField[]> {
  const named = new Map<string, HeaderField[]>();
  for (const field of fields) {
    if (field.name === '') continue;
    const name = field.name.toLowerCase();
    if (!COLUMN_FIELDS.has(name)) continue;
    const list = named.get(name);
    if (list === undefined) named.set(name, [field]);
    else list.push(field);
  }
  return named;
}

/** A field's unfolded value as postal-mime gives it: a bare CR or LF made a blank, blanks trimmed. */
function valueOf(field: HeaderField): string {
  return trimBlanks(unfoldedBody(field).replace(/[\r\n]+/g, ' '));
}

/** The values of every field `name` (lower case). */
function valuesOf(fields: ReadonlyMap<string, readonly HeaderField[]>, name: string): string[] {
  return (fields.get(name) ?? []).map(valueOf);
}

/** The value of the first field `name`, or undefined when there is none or it is empty (a later one is not looked at). */
function firstValue(fields: ReadonlyMap<string, readonly HeaderField[]>, name: string): string | undefined {
  const first = fields.get(name)?.[0];
  const value = first === undefined ? undefined : valueOf(first);
  return value === undefined || value.length === 0 ? undefined : value;
}

/**
 * Reads the list columns from a header section: its fields are read here (shared/mail/header-section)
 * and only their values go through postal-mime's address parser and RFC 2047 decoder, in the order and
 * with the rules of postal-mime's own message reading (first From, Subject and ids; every To and Cc),
 * so the columns are what a whole postal-mime parse of the header gives, without its streaming and
 * copying. Never rejects: a header section that cannot be read gives undefined, and the message waits
 * for the full parser like before.
 */
export async function headerColumns(header: Uint8Array): Promise<HeaderColumns | undefined> {
  if (header.byteLength === 0 || header.byteLength > MAX_PARSED_HEADER_BYTES) return undefined;
  try {
    const { addressParser, decodeWords } = postalMime ?? (await loadPostalMime());
    const fields = columnFields(readHeaderFields(HEADER_DECODER.decode(header), { maxChars: MAX_PARSED_HEADER_BYTES }));
    const decoded = (name: string): string | undefined => {
      const value = firstValue(fields, name);
      return value === undefined ? undefined : decodeWords(value);
    };
    const every = (name: string): PostalAddress[] =>
      valuesOf(fields, name)
        .filter((value) => value.length > 0)
        .flatMap((value) => addressParser(value));
    const fromHeader = firstValue(fields, 'from');
    const from = fromHeader === undefined ? [] : flatten(addressParser(fromHeader).slice(0, 1));
    return {
      subject: clip(decoded('subject')),
      from: from[0] ?? null,
      to: flatten(every('to')),
      cc: flatten(every('cc')),
      date: dateOf(valuesOf(fields, 'date')[0]),
      messageId: clip(decoded('message-id')),
      inReplyTo: clip(idList(decoded('in-reply-to'))[0]),
      references: idList(decoded('references')),
      hasAttachments: ATTACHMENT_TYPES.test(valuesOf(fields, 'content-type')[0] ?? ''),
    };
  } catch {
    return undefined;
  }
}
