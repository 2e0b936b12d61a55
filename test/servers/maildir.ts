import { chown, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from '../support/seeded-random';

/** One band of a message-size distribution: `weight` parts in the total pick a size in [min, max]. */
export interface SizeBand {
  readonly weight: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

/** Sizes as found in a typical personal mailbox: mostly 2–20 KB, some 100 KB and more, a few MB. */
export const TYPICAL_MAIL_SIZES: readonly SizeBand[] = [
  { weight: 75, minBytes: 2_000, maxBytes: 20_000 },
  { weight: 15, minBytes: 20_000, maxBytes: 100_000 },
  { weight: 9, minBytes: 100_000, maxBytes: 500_000 },
  { weight: 1, minBytes: 1_000_000, maxBytes: 3_000_000 },
];

/** Smaller sizes for tests that retrieve a few hundred messages quickly, still with a few large ones. */
export const TEST_MAIL_SIZES: readonly SizeBand[] = [
  { weight: 85, minBytes: 600, maxBytes: 12_000 },
  { weight: 13, minBytes: 12_000, maxBytes: 80_000 },
  { weight: 2, minBytes: 200_000, maxBytes: 400_000 },
];

/** The shapes of generated message, chosen to exercise what a POP3 client can get wrong. */
export type MessageKind = 'plain' | 'dot-lines' | 'eight-bit' | 'crlf-file' | 'attachment' | 'alternative';
const KINDS: readonly MessageKind[] = ['plain', 'dot-lines', 'eight-bit', 'crlf-file', 'attachment', 'alternative'];

/** A message written into a maildir by {@link generateMessages}. */
export interface GeneratedMessage {
  /** Position in the generated batch, 1-based (the POP3 message number when the maildir held nothing else). */
  readonly index: number;
  /** The maildir base name (file name before `:2,`): the UIDL when Dovecot's pop3_uidl_format is `%f`. */
  readonly baseName: string;
  /** Full path of the file as written. */
  readonly path: string;
  readonly kind: MessageKind;
  /** Size of the file on disk (LF line endings, except for the `crlf-file` kind). */
  readonly fileSize: number;
  /** Octets a POP3 server sends for it, after dot-unstuffing: the RETR payload and the LIST size. */
  readonly pop3Size: number;
}

/** Options for {@link generateMessages}. */
export interface GenerateOptions {
  readonly count: number;
  /** Seed of the pseudo-random generator; the same seed gives the same bytes. */
  readonly seed?: number;
  readonly sizes?: readonly SizeBand[];
  /** Owner given to the written files and folders (Dovecot reads them as an unprivileged user). */
  readonly owner?: { readonly uid: number; readonly gid: number };
}

const LF = 0x0a;
const CR = 0x0d;
/** A timestamp in the past; file names count up from it so Dovecot assigns UIDs in generation order. */
const BASE_TIMESTAMP = 1_700_000_000;
const BASE64_LINE = 76;
const TEXT_LINE = 72;
const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an ' +
  'they you were her she there one all we their has been would when who will more no if out so said what up ' +
  'its about into than them can only other new some could time these two may then do first any my now such ' +
  'like our over man me even most made after also did many before must through back years where much your way ' +
  'invoice meeting schedule report quarterly attached please regards thanks tomorrow project budget review'
).split(' ');
const EIGHT_BIT_SAMPLES = ['Grüße aus Köln', 'naïve café', 'Ελληνικά', 'Русский текст', '日本語のテキスト', 'ßäöü€', 'ñandú'];

class MessageBuilder {
  private readonly parts: Buffer[] = [];
  private length = 0;
  constructor(
    private readonly random: () => number,
    private readonly newline: string,
  ) {}
  get size(): number {
    return this.length;
  }
  integer(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  raw(bytes: Buffer): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }
  line(text: string | Buffer = ''): void {
    this.raw(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    this.raw(Buffer.from(this.newline, 'latin1'));
  }
  sentence(maxLength = TEXT_LINE): string {
    const words: string[] = [];
    let length = 0;
    const target = this.integer(20, maxLength);
    while (length < target) {
      const word = this.pick(WORDS);
      words.push(word);
      length += word.length + 1;
    }
    return words.join(' ');
  }
  randomBytes(count: number): Buffer {
    const bytes = Buffer.alloc(count + 4);
    for (let offset = 0; offset < count; offset += 4) bytes.writeUInt32LE(Math.floor(this.random() * 4_294_967_296), offset);
    return bytes.subarray(0, count);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

function writeHeaders(builder: MessageBuilder, index: number, seed: number, extra: readonly string[]): void {
  const date = new Date((BASE_TIMESTAMP + index * 97) * 1000).toUTCString().replace('GMT', '+0000');
  builder.line(`Return-Path: <sender${index % 17}@example.org>`);
  builder.line(`Received: from mail.example.org (mail.example.org [192.0.2.${(index % 250) + 1}])`);
  builder.line(`\tby mx.example.net with ESMTPS id ${seed.toString(16)}x${index}; ${date}`);
  builder.line(`From: Sender ${index % 17} <sender${index % 17}@example.org>`);
  builder.line('To: Test User <test@example.net>');
  builder.line(`Subject: ${builder.sentence(50)} #${index}`);
  builder.line(`Date: ${date}`);
  builder.line(`Message-ID: <${seed}.${index}@example.org>`);
  builder.line('MIME-Version: 1.0');
  for (const header of extra) builder.line(header);
  builder.line();
}

function fillText(builder: MessageBuilder, target: number, decorate?: (line: string) => string | Buffer): void {
  while (builder.size < target) {
    const text = builder.integer(0, 9) === 0 ? '' : builder.sentence();
    builder.line(decorate === undefined ? text : decorate(text));
  }
}

function dotLine(builder: MessageBuilder, text: string): string {
  switch (builder.integer(0, 11)) {
    case 0:
      return '.';
    case 1:
      return '..';
    case 2:
      return `.${text}`;
    case 3:
      return `..${text}`;
    case 4:
      return `. ${text}`;
    default:
      return text;
  }
}

function eightBitLine(builder: MessageBuilder, text: string): string | Buffer {
  switch (builder.integer(0, 5)) {
    case 0:
      return `${builder.pick(EIGHT_BIT_SAMPLES)} ${text}`;
    case 1: {
      // Raw 8-bit bytes and control characters other than NUL, CR and LF (a bare CR is added separately).
      const noise = builder.randomBytes(builder.integer(8, 40)).map((byte) => (byte === 0 || byte === LF || byte === CR ? 0x80 : byte));
      return Buffer.concat([Buffer.from(`${text.slice(0, 20)} `), noise]);
    }
    case 2:
      return Buffer.from(`latin-1 bytes: caf\xe9 na\xefve \xa9 ${text}`, 'latin1');
    default:
      return text;
  }
}

function writeAttachment(builder: MessageBuilder, boundary: string, target: number): void {
  builder.line(`--${boundary}`);
  builder.line('Content-Type: application/octet-stream; name="data.bin"');
  builder.line('Content-Disposition: attachment; filename="data.bin"');
  builder.line('Content-Transfer-Encoding: base64');
  builder.line();
  const remaining = Math.max(0, target - builder.size - boundary.length - 8);
  const encoded = builder.randomBytes(Math.floor(((remaining * 3) / 4 / 78) * 76)).toString('base64');
  for (let offset = 0; offset < encoded.length; offset += BASE64_LINE) builder.line(encoded.slice(offset, offset + BASE64_LINE));
}

function buildMessage(kind: MessageKind, index: number, seed: number, target: number, random: () => number): Buffer {
  const builder = new MessageBuilder(random, kind === 'crlf-file' ? '\r\n' : '\n');
  switch (kind) {
    case 'plain':
    case 'crlf-file':
      writeHeaders(builder, index, seed, ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit']);
      fillText(builder, target);
      break;
    case 'dot-lines':
      writeHeaders(builder, index, seed, ['Content-Type: text/plain; charset=us-ascii']);
      builder.line('.first body line starts with a dot');
      fillText(builder, target, (text) => dotLine(builder, text));
      builder.line('.');
      break;
    case 'eight-bit':
      writeHeaders(builder, index, seed, ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit']);
      builder.line(Buffer.from('a bare CR here:\rand the line goes on', 'latin1'));
      fillText(builder, target, (text) => eightBitLine(builder, text));
      break;
    case 'attachment': {
      const boundary = `=_mixed_${seed}_${index}`;
      writeHeaders(builder, index, seed, [`Content-Type: multipart/mixed; boundary="${boundary}"`]);
      builder.line('This is a multi-part message in MIME format.');
      builder.line(`--${boundary}`);
      builder.line('Content-Type: text/plain; charset=us-ascii');
      builder.line();
      for (let count = builder.integer(2, 12); count > 0; count -= 1) builder.line(builder.sentence());
      writeAttachment(builder, boundary, target);
      builder.line(`--${boundary}--`);
      break;
    }
    case 'alternative': {
      const boundary = `=_alt_${seed}_${index}`;
      writeHeaders(builder, index, seed, [`Content-Type: multipart/alternative; boundary="${boundary}"`]);
      builder.line(`--${boundary}`);
      builder.line('Content-Type: text/plain; charset=utf-8');
      builder.line('Content-Transfer-Encoding: quoted-printable');
      builder.line();
      const half = builder.size + (target - builder.size) / 2;
      fillText(builder, half, (text) => `${text.slice(0, 60)}=\n${dotLine(builder, text.slice(60))}=3D`);
      builder.line(`--${boundary}`);
      builder.line('Content-Type: text/html; charset=utf-8');
      builder.line();
      builder.line('<html><body>');
      fillText(builder, target, (text) => `<p>${text}</p>`);
      builder.line('</body></html>');
      builder.line(`--${boundary}--`);
      break;
    }
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown message kind ${String(unknown)}`);
    }
  }
  return builder.toBuffer();
}

function pickSize(random: () => number, sizes: readonly SizeBand[]): number {
  const total = sizes.reduce((sum, band) => sum + band.weight, 0);
  let point = random() * total;
  for (const band of sizes) {
    point -= band.weight;
    if (point < 0) return band.minBytes + Math.floor(random() * (band.maxBytes - band.minBytes + 1));
  }
  const last = sizes[sizes.length - 1];
  if (last === undefined) throw new Error('An empty size distribution');
  return last.maxBytes;
}

/**
 * The bytes a POP3 server sends (after dot-unstuffing) for a message file stored with LF line endings,
 * as Dovecot does it: every LF not already preceded by CR becomes CRLF, a bare CR stays as it is, and a
 * last line without a line ending gets CRLF. (For that last case Dovecot's LIST size is 2 octets short;
 * generated messages always end with a line ending.)
 */
export function expectedPop3Bytes(fileBytes: Buffer): Buffer {
  const pieces: Buffer[] = [];
  let start = 0;
  for (let position = fileBytes.indexOf(LF); position !== -1; position = fileBytes.indexOf(LF, position + 1)) {
    if (position > 0 && fileBytes[position - 1] === CR) continue;
    pieces.push(fileBytes.subarray(start, position), Buffer.from('\r\n'));
    start = position + 1;
  }
  pieces.push(fileBytes.subarray(start));
  if (fileBytes.length > 0 && fileBytes[fileBytes.length - 1] !== LF) pieces.push(Buffer.from('\r\n'));
  return Buffer.concat(pieces);
}

/** Reads a generated (or any maildir) message file and returns what POP3 RETR must deliver for it. */
export async function readExpectedMessage(filePath: string): Promise<Buffer> {
  return expectedPop3Bytes(await readFile(filePath));
}

/** A message file currently in a maildir's `cur/` or `new/`. */
export interface MaildirEntry {
  readonly baseName: string;
  readonly path: string;
}

/** Lists the messages in a maildir (`cur/` and `new/`), sorted by base name. */
export async function listMaildir(maildir: string): Promise<MaildirEntry[]> {
  const entries: MaildirEntry[] = [];
  for (const folder of ['cur', 'new']) {
    let names: string[];
    try {
      names = await readdir(path.join(maildir, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      entries.push({ baseName: name.split(':')[0] ?? name, path: path.join(maildir, folder, name) });
    }
  }
  return entries.sort((left, right) => (left.baseName < right.baseName ? -1 : left.baseName > right.baseName ? 1 : 0));
}

/** Creates `cur/`, `new/` and `tmp/` of a maildir. */
export async function createMaildir(maildir: string, owner?: { readonly uid: number; readonly gid: number }): Promise<void> {
  for (const folder of ['', 'cur', 'new', 'tmp']) {
    const directory = path.join(maildir, folder);
    await mkdir(directory, { recursive: true });
    if (owner !== undefined) await chown(directory, owner.uid, owner.gid);
  }
}

/**
 * Writes `count` realistic RFC 5322 messages into the maildir's `cur/` (already "seen" by a mail
 * reader, so Dovecot never renames them): plain text, text with lines starting with "." (including a
 * lone "." line), 8-bit text with raw bytes and a bare CR, a CRLF-terminated file, multipart with base64
 * attachments, quoted-printable alternatives. File names count up in time, so Dovecot gives them UIDs,
 * and POP3 message numbers, in generation order after whatever the maildir already holds.
 */
export async function generateMessages(maildir: string, options: GenerateOptions): Promise<GeneratedMessage[]> {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const sizes = options.sizes ?? TYPICAL_MAIL_SIZES;
  await createMaildir(maildir, options.owner);
  const existing = (await listMaildir(maildir)).length;
  const messages: GeneratedMessage[] = [];
  for (let index = 1; index <= options.count; index += 1) {
    const number = existing + index;
    // The first messages cover every kind; after that kinds follow the sizes (large ones carry attachments).
    const target = pickSize(random, sizes);
    const kind: MessageKind =
      index <= KINDS.length ? (KINDS[index - 1] ?? 'plain') : target > 60_000 ? 'attachment' : (KINDS[Math.floor(random() * KINDS.length)] ?? 'plain');
    const bytes = buildMessage(kind, number, seed, target, random);
    const baseName = `${BASE_TIMESTAMP + number}.M${number}P${seed}.mailbag-test`;
    const filePath = path.join(maildir, 'cur', `${baseName}:2,`);
    await writeFile(filePath, bytes);
    if (options.owner !== undefined) await chown(filePath, options.owner.uid, options.owner.gid);
    messages.push({ index, baseName, path: filePath, kind, fileSize: bytes.length, pop3Size: expectedPop3Bytes(bytes).length });
  }
  return messages;
}
