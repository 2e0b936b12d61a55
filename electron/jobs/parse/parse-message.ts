/**
 * Turns one raw message into the store's index fields with mailparser, streaming: attachments are
 * counted, never held. Whatever happens, a ParsedMessage comes back: a message past the MIME limits
 * is indexed from its headers with a flag, and one the parser cannot read is flagged `unparseable`
 * (it stays listed and exportable as raw).
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type * as Mailparser from 'mailparser';
import type { AddressObject, AttachmentStream, MailParser, MessageText } from 'mailparser';
import { firstHeaderValue } from '../../../shared/mail/header-section';
import { UNPARSEABLE, type MailAddress, type ParsedMessage, type ParseProblem } from '../../storage/message-index';
import type { ListedColumns } from '../../storage/listed-columns';
import type { RawSource } from '../../storage/raw-layout';
import { openRawSource } from '../../storage/raw-read';
import { boundedMailParserOptions } from '../bounded-mail-parser';
import { DEFAULT_MIME_LIMITS, MimeShapeScanner, type MimeLimits } from '../mime-shape';
import { parsePlainMessage } from './parse-plain';
import { readStoredBytes, type ReadingBuffer } from './stored-bytes';
import { MAX_WALKED_MESSAGE_BYTES, walkTextParts } from './text-parts';

/** Most body text kept for the full-text index, in characters. */
export const MAX_INDEXED_TEXT_CHARS = 256 * 1024;
/** Length of the preview shown in lists. */
export const SNIPPET_CHARS = 200;
/** How much of the body text (in snippet lengths) is looked at to build the snippet. */
const SNIPPET_LOOKAHEAD = 8;
/** HTML longer than this is not converted to text (the converter is slow on huge documents). */
export const MAX_HTML_TO_TEXT_CHARS = 2 * 1024 * 1024;
/**
 * A message that is not multipart is read no further than this: its text is cut at
 * MAX_INDEXED_TEXT_CHARS anyway, and mailparser holds a text part whole, so a 100 MB text message
 * would otherwise cost its size in memory.
 */
export const MAX_SINGLE_PART_INPUT_BYTES = 4 * MAX_INDEXED_TEXT_CHARS;
/** Longest subject or header value kept in the index. */
export const MAX_HEADER_VALUE_CHARS = 2_000;

function flatten(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (value === undefined) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: MailAddress[] = [];
  const visit = (entries: ReadonlyArray<{ name: string; address?: string; group?: unknown }>): void => {
    for (const entry of entries) {
      if (Array.isArray(entry.group)) visit(entry.group as Array<{ name: string; address?: string }>);
      else if (entry.address !== undefined && entry.address.length > 0)
        out.push({ name: entry.name.slice(0, MAX_HEADER_VALUE_CHARS), address: entry.address.slice(0, MAX_HEADER_VALUE_CHARS) });
    }
  };
  for (const object of objects) visit(object.value);
  return out;
}

function references(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((entry) => entry.split(/\s+/)).filter((entry) => entry.length > 0);
}

function clip(value: string | undefined): string | null {
  return value === undefined ? null : value.slice(0, MAX_HEADER_VALUE_CHARS);
}

function problemOf(error: unknown): ParseProblem {
  const message = error instanceof Error ? error.message : '';
  if (/header size/i.test(message)) return 'header-too-large';
  if (/child nodes/i.test(message)) return 'too-many-parts';
  return 'unparseable';
}

/**
 * The Date header (RFC 5322 §3.3) in milliseconds, or null when it is missing or unreadable. Read from
 * the raw header line, because mailparser substitutes the current time for an invalid date.
 */
function dateOf(parser: MailParser): number | null {
  const line = parser.headerLines === false ? undefined : parser.headerLines.find((entry) => entry.key === 'date');
  if (line === undefined) return null;
  const value = firstHeaderValue(line.line, 'date', { obsoleteSpacing: true }) ?? '';
  const time = new Date(value.replace(/\s+/g, ' ')).getTime();
  return Number.isNaN(time) ? null : time;
}

/** Whether a UTF-16 code unit is white space as a regular expression's `\s` and `String.trim` take it. */
function isWhiteSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * The list preview: the start of the body text on one line — of its first SNIPPET_CHARS ×
 * SNIPPET_LOOKAHEAD characters, each run of white space as one space, none at either end, cut at
 * SNIPPET_CHARS (what `.replace(/\s+/g, ' ').trim().slice(…)` gives). Written out as one pass that stops
 * once the preview is full: a parse worker makes one for every message it indexes, mostly before a
 * regular expression would have warmed up, and the expression took several times as long.
 */
export function snippetOf(text: string): string {
  // Only the start can matter: normalizing a long body whole would cost more than parsing it.
  const end = Math.min(text.length, SNIPPET_CHARS * SNIPPET_LOOKAHEAD);
  let snippet = '';
  let index = 0;
  while (index < end && isWhiteSpace(text.charCodeAt(index))) index += 1;
  // Where the run of words being read started (-1 inside white space), and whether a space is due before the next word.
  let wordsFrom = index;
  let spaceDue = false;
  for (; index < end && snippet.length < SNIPPET_CHARS; index += 1) {
    if (isWhiteSpace(text.charCodeAt(index))) {
      if (wordsFrom >= 0) snippet += text.slice(wordsFrom, index);
      wordsFrom = -1;
      spaceDue = true;
    } else if (wordsFrom < 0) {
      if (spaceDue) snippet += ' ';
      spaceDue = false;
      wordsFrom = index;
    }
  }
  if (wordsFrom >= 0) snippet += text.slice(wordsFrom, index);
  return snippet.slice(0, SNIPPET_CHARS);
}

interface Collected {
  headersSeen: boolean;
  text: string;
  attachments: ParsedMessage['attachments'][number][];
  error: unknown;
}

let mailparser: Promise<typeof Mailparser> | undefined;

/**
 * mailparser, loaded on first use: most mail is indexed without it (parse-plain.ts, text-parts.ts),
 * and loading it is a good part of a parse worker's start, which indexing waits for.
 */
function loadMailparser(): Promise<typeof Mailparser> {
  mailparser ??= import('mailparser');
  return mailparser;
}

async function newParser(limits: MimeLimits): Promise<MailParser> {
  const { MailParser } = await loadMailparser();
  return new MailParser(boundedMailParserOptions(limits, { maxHtmlLengthToParse: MAX_HTML_TO_TEXT_CHARS }));
}

function collect(parser: MailParser): { collected: Collected; ended: Promise<void> } {
  const collected: Collected = { headersSeen: false, text: '', attachments: [], error: undefined };
  parser.on('headers', () => {
    collected.headersSeen = true;
  });
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') {
      collected.text = data.text ?? '';
      return;
    }
    let size = 0;
    data.content.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    data.content.on('end', () => {
      collected.attachments.push({
        fileName: clip(data.filename),
        contentType: data.contentType,
        size,
        contentId: clip(data.cid),
        inline: data.contentDisposition === 'inline' || data.related === true,
      });
      data.release?.();
    });
  });
  const ended = new Promise<void>((resolve) => {
    parser.once('end', () => resolve());
    parser.once('error', (error: unknown) => {
      collected.error = error;
      resolve();
    });
  });
  return { collected, ended };
}

async function write(parser: MailParser, chunk: Buffer, ended: Promise<void>): Promise<void> {
  if (parser.write(chunk)) return;
  await Promise.race([once(parser, 'drain'), ended]);
}

function result(parser: MailParser, collected: Collected, problems: ParseProblem[], withBody: boolean): ParsedMessage {
  const fullText = withBody ? collected.text : '';
  const text = fullText.slice(0, MAX_INDEXED_TEXT_CHARS);
  if (fullText.length > text.length) problems.push('text-truncated');
  const date = dateOf(parser);
  return {
    subject: clip(parser.subject),
    from: flatten(parser.from)[0] ?? null,
    to: flatten(parser.to),
    cc: flatten(parser.cc),
    date,
    messageId: clip(parser.messageId),
    inReplyTo: clip(parser.inReplyTo?.split(/\s+/)[0]),
    references: references(parser.references).map((entry) => entry.slice(0, MAX_HEADER_VALUE_CHARS)),
    text,
    snippet: snippetOf(text),
    attachments: withBody ? collected.attachments : [],
    problems: [...new Set(problems)],
  };
}

/** Parses the header section alone (used when the whole message is past a limit). */
async function parseHeaderOnly(header: Buffer, limits: MimeLimits, problem: ParseProblem): Promise<ParsedMessage> {
  const parser = await newParser(limits);
  const { collected, ended } = collect(parser);
  parser.end(header);
  await ended;
  if (collected.error !== undefined) return { ...UNPARSEABLE, problems: [problem, 'unparseable'] };
  return result(parser, collected, [problem], false);
}

/** Parses one raw message from a stream of its bytes. Never rejects for a bad message (only for I/O errors). */
export async function parseRawMessage(input: Readable, limits: MimeLimits = DEFAULT_MIME_LIMITS): Promise<ParsedMessage> {
  const scanner = new MimeShapeScanner(limits);
  const parser = await newParser(limits);
  const { collected, ended } = collect(parser);
  let stopped = false;
  let cut = false;
  let read = 0;
  try {
    for await (const chunk of input) {
      const buffer = chunk as Buffer;
      if (!scanner.push(buffer)) {
        stopped = true;
        break;
      }
      if (collected.error !== undefined) break;
      await write(parser, buffer, ended);
      read += buffer.length;
      if (read > MAX_SINGLE_PART_INPUT_BYTES && scanner.depth === 0 && !scanner.readingHeader) {
        cut = true;
        break;
      }
    }
  } finally {
    input.destroy();
  }
  if (stopped) {
    parser.destroy();
    return parseHeaderOnly(scanner.headerPrefix(), limits, scanner.problem ?? 'unparseable');
  }
  if (collected.error === undefined) parser.end();
  await ended;
  if (collected.error !== undefined) {
    const problem = problemOf(collected.error);
    return collected.headersSeen ? result(parser, collected, [problem], false) : parseHeaderOnly(scanner.headerPrefix(), limits, problem);
  }
  return result(parser, collected, cut ? ['text-truncated'] : [], true);
}

/** The stored text, snippet and problems of a decoded body text (the same for every parser). */
export function indexedText(fullText: string): Pick<ParsedMessage, 'text' | 'snippet' | 'problems'> {
  const text = fullText.slice(0, MAX_INDEXED_TEXT_CHARS);
  return { text, snippet: snippetOf(text), problems: fullText.length > text.length ? ['text-truncated'] : [] };
}

/**
 * Parses a stored message: a small single-part text/plain message the quick way (parse-plain.ts),
 * a message of another shape up to a few megabytes by walking its text parts (text-parts.ts), and
 * whatever those leave, or a larger message, streamed through mailparser. The quick ways take
 * `listed`, the header columns the message's batch commit wrote, instead of reading the header again.
 * Never rejects for a bad message (only for I/O errors). With `reading`, the message is read into that
 * buffer (nothing of it is kept in the result, so the buffer may take the next message once this
 * one is parsed).
 */
export async function parseStoredMessage(source: RawSource, listed?: ListedColumns, reading?: ReadingBuffer): Promise<ParsedMessage> {
  if (source.size > MAX_WALKED_MESSAGE_BYTES) return parseRawMessage(openRawSource(source));
  const bytes = readStoredBytes(source, reading);
  return (
    (await parsePlainMessage(bytes, indexedText, listed)) ??
    (await walkTextParts(bytes, indexedText, undefined, listed)) ??
    parseRawMessage(Readable.from([bytes]))
  );
}
