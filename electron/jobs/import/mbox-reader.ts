/**
 * Splits an mbox file into messages, streaming, in each of its four dialects (RFC 4155 and the
 * qmail/mutt descriptions of them):
 * - mboxo: a body line `From ` was written as `>From `; reading removes one `>` from `>From ` only.
 *   A body line that really started with `>From ` cannot be told apart (the dialect loses it).
 * - mboxrd: every `>*From ` line got one more `>`; reading removes one `>` from `>+From `.
 * - mboxcl: as mboxo, plus a Content-Length header giving the body's length.
 * - mboxcl2: Content-Length, and no quoting at all (body lines stay as they are).
 * Content-Length is honoured only where it points at the next From_ line (or the end of the file);
 * otherwise it is a lie and the message ends at the next From_ line, as in mboxo.
 * Every message is given back with CRLF line ends, the form Mailbag stores all mail in (what a POP3
 * server sends): mbox files keep the local LF convention, and `mailbag export` writes LF, so an
 * exported message imported again has exactly the bytes it had (and is recognised as a duplicate).
 */
import type { ImportProblemReason } from '../../../shared/import-problems';
import { LineReader, type Line } from './line-reader';

/** The mbox dialects. */
export const MBOX_DIALECTS = ['mboxo', 'mboxrd', 'mboxcl', 'mboxcl2'] as const;
/** One mbox dialect. */
export type MboxDialect = (typeof MBOX_DIALECTS)[number];
/** A message larger than this is listed as not imported rather than held in memory. */
export const MAX_IMPORT_MESSAGE_BYTES = 256 * 1024 * 1024;
/** Bytes of a mailbox read to guess its dialect when none is given. */
export const DIALECT_SNIFF_BYTES = 64 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const CRLF = Buffer.from('\r\n', 'latin1');
const FROM_SPACE = Buffer.from('From ', 'latin1');
/** `From sender Www Mmm dd hh:mm` (seconds, zone and year in their various places follow). */
const FROM_LINE = /^From \S*\s+(?:[A-Z][a-z]{2},? +)?[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}/;
const HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
const CONTENT_LENGTH = /^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n?$/i;

/** A message read from a mailbox, with CRLF line ends, and where it starts in the file. */
export interface MailboxMessage {
  readonly offset: number;
  /** The file it came from, when a source has many (maildir, .eml folders). */
  readonly file?: string;
  /** The sub-folder path, below the import's folder, it was filed in at the source (Outlook folders). */
  readonly folder?: readonly string[];
  readonly bytes: Buffer;
  /** Status flags the mailbox kept in Status / X-Status headers (mutt, Pine, Thunderbird's mbox). */
  readonly seen: boolean;
  readonly flagged: boolean;
  readonly answered: boolean;
  /** Forwarded (Thunderbird's status keeps it; the mbox fields do not). */
  readonly forwarded?: boolean;
}

/** Bytes of a mailbox that were not a message. */
export interface MailboxProblem {
  readonly file?: string;
  readonly offset: number;
  readonly length: number;
  readonly reason: ImportProblemReason;
}

/** What the reader yields: a message, or a part it could not read. */
export type MailboxItem =
  | { readonly kind: 'message'; readonly message: MailboxMessage }
  | { readonly kind: 'problem'; readonly problem: MailboxProblem }
  /** Left out on purpose (a maildir message marked deleted, a Thunderbird message expunged, an Outlook item that is not mail). */
  | { readonly kind: 'skipped'; readonly file: string; readonly reason: string };

/** Whether a line is an mbox separator (`From ` and a date). */
export function isFromLine(line: Buffer): boolean {
  if (line.length < FROM_SPACE.length || line.compare(FROM_SPACE, 0, FROM_SPACE.length, 0, FROM_SPACE.length) !== 0) return false;
  return FROM_LINE.test(line.subarray(0, 200).toString('latin1'));
}

/** How many `>` a dialect removes from a body line (0 or 1). */
export function unquoteLength(line: Buffer, dialect: MboxDialect): number {
  if (line[0] !== GT) return 0;
  let index = 0;
  while (index < line.length && line[index] === GT) index += 1;
  const from = line.length - index >= FROM_SPACE.length && line.compare(FROM_SPACE, 0, FROM_SPACE.length, index, index + FROM_SPACE.length) === 0;
  if (!from) return 0;
  switch (dialect) {
    case 'mboxrd':
      return 1;
    case 'mboxo':
    case 'mboxcl':
      return index === 1 ? 1 : 0;
    case 'mboxcl2':
      return 0;
  }
}

/** A line with its line end turned into CRLF (a bare LF gains its CR; CRLF stays). */
function withCrlf(line: Buffer, afterCr = false): Buffer[] {
  const length = line.length;
  if (length === 0 || line[length - 1] !== LF) return [line];
  if (length >= 2 ? line[length - 2] === CR : afterCr) return [line];
  return [line.subarray(0, length - 1), CRLF];
}

/**
 * Guesses the dialect. Only an mboxrd writer produces `>>From ` lines (an mboxo writer quotes `From `
 * alone), so a mailbox with one is mboxrd. A mailbox with Content-Length fields is taken as mboxcl2,
 * as mutt writes it (lengths, no quoting): each length is honoured only where it is right, and a
 * `>From ` line is kept as written. Otherwise mboxo and mboxrd read the same except for a `>From `
 * line a person typed, which mboxo loses and mboxrd keeps, so mboxrd's reading is chosen. A mailbox
 * written as mboxcl (lengths and quoting) must be named with `--dialect mboxcl`.
 */
export async function sniffDialect(file: string): Promise<MboxDialect> {
  const reader = await LineReader.open(file);
  try {
    let read = 0;
    let lengths = false;
    for (let line = await reader.next(); line !== undefined && read < DIALECT_SNIFF_BYTES; line = await reader.next()) {
      read += line.bytes.length;
      if (!line.start) continue;
      if (line.bytes[0] === GT && line.bytes[1] === GT && unquoteLength(line.bytes, 'mboxrd') === 1) return 'mboxrd';
      if (!lengths && (line.bytes[0] === 0x43 || line.bytes[0] === 0x63) && CONTENT_LENGTH.test(line.bytes.subarray(0, 100).toString('latin1'))) lengths = true;
    }
    return lengths ? 'mboxcl2' : 'mboxrd';
  } finally {
    await reader.close();
  }
}

interface Draft {
  offset: number;
  parts: Buffer[];
  size: number;
  inHeader: boolean;
  headerLines: number;
  contentLength: number | undefined;
  status: string;
  bad: ImportProblemReason | undefined;
  /** Length of `parts` before the last line, when that line was empty (the separator, if a From_ line follows). */
  blankAt: number | undefined;
}

function newDraft(offset: number): Draft {
  return { offset, parts: [], size: 0, inHeader: true, headerLines: 0, contentLength: undefined, status: '', bad: undefined, blankAt: undefined };
}

function push(draft: Draft, bytes: Buffer[]): void {
  for (const part of bytes) {
    draft.size += part.length;
    if (draft.size > MAX_IMPORT_MESSAGE_BYTES) draft.bad = { code: 'too-large', limit: MAX_IMPORT_MESSAGE_BYTES };
    else draft.parts.push(part);
  }
}

function finish(draft: Draft, end: number, separated: boolean): MailboxItem {
  // The empty line before a From_ line belongs to the mbox, not to the message.
  if (separated && draft.blankAt !== undefined) draft.parts.length = draft.blankAt;
  if (draft.bad !== undefined) return { kind: 'problem', problem: { offset: draft.offset, length: end - draft.offset, reason: draft.bad } };
  if (draft.headerLines === 0) return { kind: 'problem', problem: { offset: draft.offset, length: end - draft.offset, reason: { code: 'no-header' } } };
  const status = draft.status.toUpperCase();
  return {
    kind: 'message',
    message: {
      offset: draft.offset,
      bytes: Buffer.concat(draft.parts),
      seen: /^STATUS:.*R/m.test(status),
      flagged: /^X-STATUS:.*F/m.test(status),
      answered: /^X-STATUS:.*A/m.test(status),
    },
  };
}

/** Whether bytes at `at` show a valid next message (or the end of the file). */
async function validEnd(reader: LineReader, at: number): Promise<number | undefined> {
  if (at > reader.size) return undefined;
  if (at === reader.size) return at;
  const ahead = await reader.peek(at, 2 + 200);
  let skip = 0;
  if (ahead[0] === LF) skip = 1;
  else if (ahead[0] === CR && ahead[1] === LF) skip = 2;
  if (at + skip === reader.size) return at + skip;
  const newline = ahead.indexOf(LF, skip);
  const line = ahead.subarray(skip, newline === -1 ? ahead.length : newline + 1);
  return isFromLine(line) ? at + skip : undefined;
}

/** How a mailbox's writer separated its messages. */
export interface MailboxReadOptions {
  /**
   * A From_ line starts a message even without an empty line before it. Thunderbird writes its own
   * mailboxes so (a message without a final empty line is followed by the next `From - …` line at
   * once) and quotes every body line that starts with `From `, so no message text is cut there.
   */
  readonly separatorAfterAnyLine?: boolean;
  /** Which lines separate messages; default {@link isFromLine} (Eudora's are `From ???@??? date` only). */
  readonly isSeparator?: (line: Buffer) => boolean;
}

/**
 * The messages of a mailbox, one at a time, and the parts that were not a message (with offsets):
 * bytes before the first From_ line, a message with no header fields, one too large to hold.
 */
export async function* readMailbox(file: string, dialect: MboxDialect, options: MailboxReadOptions = {}): AsyncGenerator<MailboxItem> {
  const reader = await LineReader.open(file);
  try {
    let draft: Draft | undefined;
    let garbageStart: number | undefined;
    let previousBlank = true;
    for (let line = await reader.next(); line !== undefined; line = await reader.next()) {
      if (line.start && (draft === undefined || previousBlank || options.separatorAfterAnyLine === true) && (options.isSeparator ?? isFromLine)(line.bytes)) {
        if (garbageStart !== undefined) {
          yield {
            kind: 'problem',
            problem: { offset: garbageStart, length: line.offset - garbageStart, reason: { code: 'outside-message' } },
          };
          garbageStart = undefined;
        }
        if (draft !== undefined) yield finish(draft, line.offset, true);
        draft = newDraft(line.offset + line.bytes.length);
        previousBlank = false;
        continue;
      }
      if (draft === undefined) {
        garbageStart ??= line.offset;
        continue;
      }
      previousBlank = line.start && line.complete && (line.bytes.length === 1 || (line.bytes.length === 2 && line.bytes[0] === CR));
      if (draft.inHeader) {
        if (previousBlank) {
          draft.inHeader = false;
          draft.blankAt = draft.parts.length;
          push(draft, [CRLF]);
          const honoured = await contentLengthEnd(reader, draft, dialect);
          if (honoured !== undefined) {
            yield finish(draft, honoured, false);
            draft = undefined;
            await reader.seek(honoured);
            previousBlank = true;
          }
          continue;
        }
        noteHeader(draft, line);
        push(draft, withCrlf(line.bytes, !line.start && draft.parts.at(-1)?.at(-1) === CR));
        continue;
      }
      draft.blankAt = previousBlank ? draft.parts.length : undefined;
      const quoted = line.start ? unquoteLength(line.bytes, dialect) : 0;
      // A piece of a very long line may end in the CR whose LF starts the next piece.
      push(draft, withCrlf(quoted === 0 ? line.bytes : line.bytes.subarray(quoted), !line.start && draft.parts.at(-1)?.at(-1) === CR));
    }
    if (garbageStart !== undefined)
      yield { kind: 'problem', problem: { offset: garbageStart, length: reader.size - garbageStart, reason: { code: 'outside-message' } } };
    // Writers end the last message with the same empty line as every other one.
    if (draft !== undefined) yield finish(draft, reader.size, true);
  } finally {
    await reader.close();
  }
}

function noteHeader(draft: Draft, line: Line): void {
  if (!line.start) return;
  const text = line.bytes.subarray(0, 200).toString('latin1');
  if (HEADER_FIELD.test(text)) {
    draft.headerLines += 1;
    const length = CONTENT_LENGTH.exec(text);
    if (length?.[1] !== undefined) draft.contentLength = Number(length[1]);
    if (/^(x-)?status[ \t]*:/i.test(text)) draft.status += `${text.trim()}\n`;
  } else if (line.bytes[0] !== 0x20 && line.bytes[0] !== 0x09 && draft.headerLines === 0) {
    draft.bad = { code: 'not-header' };
  }
}

/**
 * For the Content-Length dialects: reads the body by its length when that length ends where a From_
 * line (or the end of the file) begins, and returns that offset; otherwise undefined (scan instead).
 */
async function contentLengthEnd(reader: LineReader, draft: Draft, dialect: MboxDialect): Promise<number | undefined> {
  if ((dialect !== 'mboxcl' && dialect !== 'mboxcl2') || draft.contentLength === undefined) return undefined;
  const start = reader.offset;
  const end = await validEnd(reader, start + draft.contentLength);
  if (end === undefined || draft.contentLength > MAX_IMPORT_MESSAGE_BYTES) return undefined;
  const body = await reader.peek(start, draft.contentLength);
  let from = 0;
  while (from < body.length) {
    const newline = body.indexOf(LF, from);
    const stop = newline === -1 ? body.length : newline + 1;
    const line = body.subarray(from, stop);
    const quoted = dialect === 'mboxcl' ? unquoteLength(line, dialect) : 0;
    push(draft, withCrlf(quoted === 0 ? line : line.subarray(quoted)));
    from = stop;
  }
  return end;
}
