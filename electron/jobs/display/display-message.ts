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
import { MailbagError } from '../../../shared/errors';
import { DEFAULT_MIME_LIMITS, MimeShapeScanner } from '../mime-shape';

/** Longest text body returned to the reader, in characters. */
export const MAX_DISPLAY_TEXT_CHARS = 4 * 1024 * 1024;
/** Longest HTML body returned to the reader, in characters. */
export const MAX_DISPLAY_HTML_CHARS = 8 * 1024 * 1024;
/** Longest header value returned. */
const MAX_HEADER_CHARS = 2_000;
/** Most addresses returned per header. */
const MAX_ADDRESSES = 1_000;

/** A name and address. */
export interface DisplayAddress {
  readonly name: string;
  readonly address: string;
}

/** One attachment's metadata; `index` counts attachments in the order the parser meets them. */
export interface DisplayAttachment {
  readonly index: number;
  readonly fileName: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly contentId: string | null;
  readonly inline: boolean;
}

/** What the reader shows of a message. */
export interface DisplayMessage {
  readonly from: readonly DisplayAddress[];
  readonly sender: DisplayAddress | null;
  readonly replyTo: readonly DisplayAddress[];
  readonly to: readonly DisplayAddress[];
  readonly cc: readonly DisplayAddress[];
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  /** Text or HTML was cut at its limit, or the message's structure passed a MIME limit. */
  readonly truncated: boolean;
  readonly attachments: readonly DisplayAttachment[];
}

/** One attachment's bytes. */
export interface AttachmentBytes {
  readonly fileName: string | null;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

function addresses(value: AddressObject | AddressObject[] | undefined): DisplayAddress[] {
  if (value === undefined) return [];
  const out: DisplayAddress[] = [];
  const visit = (entries: ReadonlyArray<{ name: string; address?: string; group?: unknown }>): void => {
    for (const entry of entries) {
      if (out.length >= MAX_ADDRESSES) return;
      if (Array.isArray(entry.group)) visit(entry.group as Array<{ name: string; address?: string }>);
      else if (entry.address !== undefined && entry.address.length > 0) out.push({ name: entry.name.slice(0, MAX_HEADER_CHARS), address: entry.address.slice(0, MAX_HEADER_CHARS) });
    }
  };
  for (const object of Array.isArray(value) ? value : [value]) visit(object.value);
  return out;
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && Array.isArray((value as { value?: unknown }).value);
}

function newParser(): MailParser {
  return new MailParser({
    maxHeadSize: DEFAULT_MIME_LIMITS.headerBytes * 2,
    maxChildNodes: DEFAULT_MIME_LIMITS.parts * 2,
    checksumAlgo: false,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
}

/** What an attachment handler does with an attachment's stream; it must consume or release it. */
type AttachmentHandler = (attachment: AttachmentStream, index: number) => void;

/**
 * Feeds a message through a parser, with the MIME shape limits applied. Resolves with the parser
 * (headers read) and whether the input stopped at a limit; never holds more than the parser does.
 */
async function run(input: Readable, onText: (text: MessageText) => void, onAttachment: AttachmentHandler): Promise<{ parser: MailParser; stopped: boolean }> {
  const scanner = new MimeShapeScanner();
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
  try {
    for await (const chunk of input) {
      const buffer = chunk as Buffer;
      if (!scanner.push(buffer) || failure !== undefined) {
        stopped = true;
        break;
      }
      if (!parser.write(buffer)) await Promise.race([once(parser, 'drain'), ended]);
    }
  } finally {
    input.destroy();
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

/** Reads a message for the reader. Never rejects for a bad message, only for I/O errors. */
export async function readMessageForDisplay(input: Readable): Promise<DisplayMessage> {
  let text = '';
  let html: string | null = null;
  const attachments: DisplayAttachment[] = [];
  const { parser, stopped } = await run(
    input,
    (body) => {
      text = body.text ?? '';
      html = typeof body.html === 'string' ? body.html : null;
    },
    (attachment, index) => {
      let size = 0;
      attachment.content.on('data', (chunk: Buffer) => {
        size += chunk.length;
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
  const clippedHtml = html === null ? null : clip(html, MAX_DISPLAY_HTML_CHARS);
  const sender = parser.headers === false ? undefined : parser.headers.get('sender');
  return {
    from: addresses(parser.from),
    sender: isAddressObject(sender) ? (addresses(sender)[0] ?? null) : null,
    replyTo: addresses(parser.replyTo),
    to: addresses(parser.to),
    cc: addresses(parser.cc),
    subject: parser.subject?.slice(0, MAX_HEADER_CHARS) ?? null,
    text: clippedText.text,
    html: clippedHtml === null ? null : clippedHtml.text,
    truncated: stopped || clippedText.cut || clippedHtml?.cut === true,
    attachments: attachments.sort((left, right) => left.index - right.index),
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
  if (found === undefined) throw new MailbagError('NOT_FOUND', 'This message has no such attachment.');
  const entry: { fileName: string | null; contentType: string; chunks: Buffer[]; size: number; tooLarge: boolean } = found;
  if (entry.tooLarge) {
    throw new MailbagError('VALIDATION', `This attachment is larger than ${Math.round(maxBytes / (1024 * 1024))} MB; export the whole message to keep it.`);
  }
  const bytes = Buffer.concat(entry.chunks);
  return { fileName: entry.fileName, contentType: entry.contentType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}
