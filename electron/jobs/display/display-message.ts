/**
 * Reads one stored message for the reader, in the display worker: the headers a reader shows (From
 * with the real address, Sender, Reply-To), the text and HTML bodies (bounded), the attachments'
 * metadata and the Content-IDs inline parts answer to. Attachments are counted, never held, except the
 * one `readAttachment` asks for. Nothing here interprets the HTML: it is returned as data for the
 * renderer to sanitize and show sandboxed (architecture invariant 4).
 */
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { MailParser, type AddressObject, type AttachmentStream, type MessageText } from 'mailparser';
import { wordedError } from '../../../shared/error-words';
import type { AddressView, AttachmentView, MessageView } from '../../../shared/mail';
import { displayBody, MAX_ALL_DISPLAY_PARTS, MAX_DISPLAY_PARTS } from './display-body';
import { boundedMailParserOptions } from '../bounded-mail-parser';
import { DEFAULT_MIME_LIMITS, MimeShapeScanner, type MimeLimits } from '../mime-shape';
import { rawHeaderValue, usableAddresses } from './raw-addresses';
import { InlineImageCollector } from './inline-images';
import { listPostAddress } from '../../../shared/mail/list-post';

/** Longest text body returned to the reader, in characters. */
export const MAX_DISPLAY_TEXT_CHARS = 4 * 1024 * 1024;
/** Most characters of all body parts together returned to the reader. */
export const MAX_DISPLAY_HTML_CHARS = 8 * 1024 * 1024;
/** Longest header value returned; a longer one is cut and ends in "…". */
const MAX_HEADER_CHARS = 2_000;
/** Most addresses returned per header (the rest are counted). */
const MAX_ADDRESSES = 1_000;
/**
 * The reader's MIME limits: the index's, with room for a header section of megabytes (20,000 Cc
 * addresses, a 1 MB Subject line), which the reader shows cut rather than not at all.
 */
const DISPLAY_MIME_LIMITS: MimeLimits = { ...DEFAULT_MIME_LIMITS, headerBytes: 8 * 1024 * 1024 };

/**
 * What the reader shows of a message, as the contract's MessageView has it, but with every From address
 * (`from`); main adds what the index knows.
 */
export type DisplayMessage = Pick<
  MessageView,
  | 'sender'
  | 'replyTo'
  | 'to'
  | 'cc'
  | 'toCount'
  | 'ccCount'
  | 'subject'
  | 'text'
  | 'html'
  | 'parts'
  | 'omittedParts'
  | 'truncated'
  | 'attachments'
  | 'inlineImages'
  | 'listPost'
> & {
  readonly from: readonly AddressView[];
  /** Where the sender asked a read receipt to go (Disposition-Notification-To); main adds whether it was answered. */
  readonly readReceiptTo: AddressView | null;
};

/** One attachment's bytes. */
export interface AttachmentBytes {
  readonly fileName: string | null;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** A header's addresses; with `keepNameOnly`, entries that have a name but no address too. */
function addresses(value: AddressObject | AddressObject[] | undefined, keepNameOnly = false): AddressView[] {
  if (value === undefined) return [];
  const out: AddressView[] = [];
  const visit = (entries: ReadonlyArray<{ name: string; address?: string; group?: unknown }>): void => {
    for (const entry of entries) {
      if (out.length >= MAX_ADDRESSES) return;
      if (Array.isArray(entry.group)) visit(entry.group as Array<{ name: string; address?: string }>);
      else if ((entry.address !== undefined && entry.address.length > 0) || (keepNameOnly && entry.name !== ''))
        out.push({ name: headerText(entry.name), address: headerText(entry.address ?? '') });
    }
  };
  for (const object of Array.isArray(value) ? value : [value]) visit(object.value);
  return out;
}

/** How many addresses a header holds in all (the reader shows the first MAX_ADDRESSES). */
function addressCount(value: AddressObject | AddressObject[] | undefined): number {
  if (value === undefined) return 0;
  const count = (entries: ReadonlyArray<{ address?: string; group?: unknown }>): number =>
    entries.reduce((sum, entry) => sum + (Array.isArray(entry.group) ? count(entry.group as Array<{ address?: string }>) : entry.address ? 1 : 0), 0);
  return (Array.isArray(value) ? value : [value]).reduce((sum, object) => sum + count(object.value), 0);
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && Array.isArray((value as { value?: unknown }).value);
}

function newParser(): MailParser {
  return new MailParser(boundedMailParserOptions(DISPLAY_MIME_LIMITS));
}

/** Bytes scanned and parsed at a time. */
const FEED_SLICE_BYTES = 16 * 1024;

/** What an attachment handler does with an attachment's stream; it must consume or release it. */
type AttachmentHandler = (attachment: AttachmentStream, index: number) => void;

/**
 * Feeds a message through a parser, with the MIME shape limits applied. Resolves with the parser
 * (headers read) and whether the input stopped at a limit; never holds more than the parser does.
 */
async function run(input: Readable, onText: (text: MessageText) => void, onAttachment: AttachmentHandler): Promise<{ parser: MailParser; stopped: boolean }> {
  const scanner = new MimeShapeScanner(DISPLAY_MIME_LIMITS);
  const parser = newParser();
  let index = 0;
  let failure: unknown;
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') onText(data);
    else onAttachment(data, index++);
  });
  const ended = new Promise<void>((resolve) => {
    parser.once('end', () => resolve());
    parser.once('error', (error: unknown) => {
      failure = error;
      resolve();
    });
  });
  let stopped = false;
  let headerWritten = false;
  try {
    reading: for await (const chunk of input) {
      // In slices, so a limit met inside a large chunk stops the parser near it, after what came before.
      for (let start = 0; start < (chunk as Buffer).length; start += FEED_SLICE_BYTES) {
        const buffer = (chunk as Buffer).subarray(start, start + FEED_SLICE_BYTES);
        if (!scanner.push(buffer) || failure !== undefined) {
          stopped = true;
          break reading;
        }
        headerWritten = scanner.headerEnded;
        if (!parser.write(buffer)) await Promise.race([once(parser, 'drain'), ended]);
      }
    }
  } finally {
    input.destroy();
  }
  if (stopped && failure === undefined && scanner.problem !== 'header-too-large' && headerWritten) {
    // Too many parts or too deep: what was read so far is shown (the first parts), marked cut.
    parser.end();
    await ended;
    return { parser, stopped: true };
  }
  if (stopped) {
    parser.destroy();
    // Headers still come from the part that fits (or none, for a header past the limit).
    const headerParser = newParser();
    headerParser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type !== 'text') data.release?.();
    });
    const headerEnded = new Promise<void>((resolve) => {
      headerParser.once('end', () => resolve());
      headerParser.once('error', () => resolve());
    });
    headerParser.end(scanner.headerPrefix());
    await headerEnded;
    return { parser: headerParser, stopped: true };
  }
  parser.end();
  await ended;
  return { parser, stopped: failure !== undefined };
}

function clip(text: string, max: number): { text: string; cut: boolean } {
  return text.length > max ? { text: text.slice(0, max), cut: true } : { text, cut: false };
}

/** A header value cut to MAX_HEADER_CHARS, ending in "…" when it was longer. */
function headerText(text: string): string {
  return text.length > MAX_HEADER_CHARS ? `${text.slice(0, MAX_HEADER_CHARS - 1)}…` : text;
}

/** Reads a message for the reader. Never rejects for a bad message, only for I/O errors. */
export async function readMessageForDisplay(input: Readable, maxParts: number = MAX_DISPLAY_PARTS): Promise<DisplayMessage> {
  let text = '';
  const attachments: AttachmentView[] = [];
  const images = new InlineImageCollector();
  const { parser, stopped } = await run(
    input,
    (body) => {
      text = body.text ?? '';
    },
    (attachment, index) => {
      let size = 0;
      const keep = images.sink(attachment.contentType, attachment.cid);
      attachment.content.on('data', (chunk: Buffer) => {
        size += chunk.length;
        keep?.(chunk);
      });
      attachment.content.on('end', () => {
        attachments.push({
          index,
          fileName: attachment.filename?.slice(0, MAX_HEADER_CHARS) ?? null,
          contentType: attachment.contentType,
          size,
          contentId: attachment.cid?.slice(0, MAX_HEADER_CHARS) ?? null,
          inline: attachment.contentDisposition === 'inline' || attachment.related === true,
        });
        attachment.release?.();
      });
    },
  );
  const clippedText = clip(text, MAX_DISPLAY_TEXT_CHARS);
  const body = displayBody((parser as unknown as { tree?: unknown }).tree, Math.max(1, Math.min(maxParts, MAX_ALL_DISPLAY_PARTS)), MAX_DISPLAY_HTML_CHARS);
  const [only] = body.parts;
  const sender = parser.headers === false ? undefined : parser.headers.get('sender');
  const receiptTo = parser.headers === false ? undefined : parser.headers.get('disposition-notification-to');
  const rawLine = (key: string): string | null => {
    const found = parser.headerLines === false ? undefined : parser.headerLines.find((entry) => entry.key === key);
    return found === undefined ? null : rawHeaderValue(found.line);
  };
  return {
    from: usableAddresses(addresses(parser.from, true), rawLine('from'), rawLine('return-path')),
    sender: isAddressObject(sender) ? (addresses(sender)[0] ?? null) : null,
    replyTo: addresses(parser.replyTo),
    to: addresses(parser.to),
    cc: addresses(parser.cc),
    toCount: addressCount(parser.to),
    ccCount: addressCount(parser.cc),
    subject: parser.subject === undefined ? null : headerText(parser.subject),
    text: clippedText.text,
    html: body.parts.length === 1 && only?.kind === 'html' ? only.html : null,
    parts: body.parts,
    omittedParts: body.omittedParts,
    truncated: stopped || clippedText.cut || body.cut,
    attachments: attachments.sort((left, right) => left.index - right.index),
    inlineImages: images.referenced(body.parts.flatMap((part) => (part.kind === 'html' ? [part.html] : []))),
    listPost: listPostAddress(rawLine('list-post')),
    readReceiptTo: isAddressObject(receiptTo) ? (addresses(receiptTo)[0] ?? null) : null,
  };
}

/**
 * The bytes of attachment `index` (as numbered by readMessageForDisplay), at most `maxBytes`:
 * NOT_FOUND when there is no such attachment, VALIDATION when it is larger.
 */
export async function readAttachment(input: Readable, wanted: number, maxBytes: number): Promise<AttachmentBytes> {
  let found: { fileName: string | null; contentType: string; chunks: Buffer[]; size: number; tooLarge: boolean } | undefined;
  let done: Promise<void> = Promise.resolve();
  await run(
    input,
    () => {},
    (attachment, index) => {
      if (index !== wanted) {
        attachment.content.on('data', () => {});
        attachment.content.on('end', () => attachment.release?.());
        return;
      }
      const entry = { fileName: attachment.filename ?? null, contentType: attachment.contentType, chunks: [] as Buffer[], size: 0, tooLarge: false };
      found = entry;
      attachment.content.on('data', (chunk: Buffer) => {
        entry.size += chunk.length;
        if (entry.size > maxBytes) entry.tooLarge = true;
        else entry.chunks.push(chunk);
      });
      done = new Promise<void>((resolve) =>
        attachment.content.on('end', () => {
          attachment.release?.();
          resolve();
        }),
      );
    },
  );
  await done;
  if (found === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noSuchAttachment' });
  const entry: { fileName: string | null; contentType: string; chunks: Buffer[]; size: number; tooLarge: boolean } = found;
  if (entry.tooLarge) {
    throw wordedError('VALIDATION', { id: 'storageError.attachmentTooLarge', values: { megabytes: String(Math.round(maxBytes / (1024 * 1024))) } });
  }
  const bytes = Buffer.concat(entry.chunks);
  return { fileName: entry.fileName, contentType: entry.contentType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}
