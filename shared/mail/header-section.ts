/**
 * The one reader of a message's header section (RFC 5322 §2.2, §3.6): where it ends, its fields with
 * their folded lines, and their values unfolded (§2.2.3). Every part of Mailbag that looks at raw
 * header bytes itself — receiving, listing, parsing, sending, drafts, the doctor — reads them here, so
 * they agree on what a field is. It takes text (one character per byte for raw octets, decoded as
 * latin1, or already decoded) or bytes for finding the end, and never needs Node or a DOM, so every
 * layer may use it. Mail from the wild ends its lines in CRLF or a bare LF, may lack the empty line
 * after the header, and may carry 8-bit bytes; all of these are read, and the text looked at is bounded.
 */

/** Most characters of a header section read by default: far above real mail, a bound for hostile mail. */
export const MAX_HEADER_SECTION_CHARS = 1024 * 1024;

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** A field's first line: its name (printable ASCII but the colon, RFC 5322 §3.6.8), any blanks, the colon. */
const FIELD_START = /^([\x21-\x39\x3b-\x7e]+)([ \t]*):/;
/** A line that continues the field above it (folding white space, RFC 5322 §2.2.3). */
const CONTINUATION = /^[ \t]/;

/** Where a header section ends. */
export interface HeaderSectionEnd {
  /** Just past the line break of the last header line (the section without its empty line). */
  readonly headerEnd: number;
  /** Just past the empty line: where the body starts. */
  readonly bodyStart: number;
}

function findEnd(codeAt: (index: number) => number | undefined, nextLineFeed: (from: number) => number, from: number): HeaderSectionEnd | undefined {
  for (let lineFeed = nextLineFeed(from); lineFeed !== -1; lineFeed = nextLineFeed(lineFeed + 1)) {
    const next = codeAt(lineFeed + 1);
    if (next === LINE_FEED) return { headerEnd: lineFeed + 1, bodyStart: lineFeed + 2 };
    if (next === CARRIAGE_RETURN && codeAt(lineFeed + 2) === LINE_FEED) return { headerEnd: lineFeed + 1, bodyStart: lineFeed + 3 };
  }
  return undefined;
}

/**
 * The end of the header section in raw bytes: the first empty line, ended by CRLF or a bare LF (RFC
 * 5322 §2.1), searched from the line break at or after `from` (so a stream can search only what is
 * new). Undefined when there is no empty line (yet): then all of it is header.
 */
export function findHeaderEnd(bytes: Uint8Array, from = 0): HeaderSectionEnd | undefined {
  return findEnd(
    (index) => bytes[index],
    (start) => bytes.indexOf(LINE_FEED, start),
    from,
  );
}

/** {@link findHeaderEnd} for text (one character per byte, or decoded). */
export function findHeaderEndInText(text: string, from = 0): HeaderSectionEnd | undefined {
  return findEnd(
    (index) => (index < text.length ? text.charCodeAt(index) : undefined),
    (start) => text.indexOf('\n', start),
    from,
  );
}

/** One header field as written: its name and its physical lines. */
export interface HeaderField {
  /** The name as written, without the colon and any blanks before it; '' for a line that is not a field. */
  readonly name: string;
  /** Blanks stood between the name and the colon: obsolete syntax (RFC 5322 §4.5), read only on request. */
  readonly obsoleteSpacing: boolean;
  /** The physical lines without their line breaks, the first one holding the name; continuation lines follow. */
  readonly lines: readonly string[];
}

/** Options of {@link readHeaderFields}. */
export interface HeaderReadOptions {
  /** Most characters of the text looked at (default {@link MAX_HEADER_SECTION_CHARS}). */
  readonly maxChars?: number;
}

/**
 * The fields of a header section, in order, from text that starts with it: reading stops at the first
 * empty line (the body is never read as header) or after `maxChars`. A line that is neither a field
 * nor a continuation is kept as an entry named '' (with any continuation lines after it), so a strict
 * reader can refuse it and a lenient one skips it.
 */
export function readHeaderFields(text: string, options: HeaderReadOptions = {}): HeaderField[] {
  const maxChars = options.maxChars ?? MAX_HEADER_SECTION_CHARS;
  const bounded = text.length > maxChars ? text.slice(0, maxChars) : text;
  const section = bounded.slice(0, findHeaderEndInText(bounded)?.headerEnd ?? bounded.length);
  const fields: Array<{ name: string; obsoleteSpacing: boolean; lines: string[] }> = [];
  for (const line of section.split(/\r?\n/)) {
    if (line === '') break;
    const last = fields.at(-1);
    if (CONTINUATION.test(line) && last !== undefined) {
      last.lines.push(line);
      continue;
    }
    const start = CONTINUATION.test(line) ? null : FIELD_START.exec(line);
    fields.push({ name: start?.[1] ?? '', obsoleteSpacing: (start?.[2] ?? '') !== '', lines: [line] });
  }
  return fields;
}

/**
 * The field body after the colon, unfolded (RFC 5322 §2.2.3: the line breaks removed, the white space
 * after them kept) and not trimmed, so bytes can be decoded before blanks are taken off.
 */
export function unfoldedBody(field: HeaderField): string {
  const joined = field.lines.join('');
  return field.name === '' ? joined : joined.slice(joined.indexOf(':') + 1);
}

/** How fields are looked up by name. */
export interface HeaderLookup {
  /** Also match fields written with blanks before the colon (RFC 5322 §4.5), as mail parsers do. */
  readonly obsoleteSpacing?: boolean;
}

/** A header section as text, or its fields already read (to look up several names in one reading). */
export type HeaderSource = string | readonly HeaderField[];

function fieldsOf(source: HeaderSource): readonly HeaderField[] {
  return typeof source === 'string' ? readHeaderFields(source) : source;
}

function matches(field: HeaderField, lowerName: string, lookup: HeaderLookup): boolean {
  return field.name !== '' && field.name.toLowerCase() === lowerName && (!field.obsoleteSpacing || lookup.obsoleteSpacing === true);
}

/** Every field `name` (case-insensitive, RFC 5322 §1.2.2), in order. */
export function headerFieldsNamed(source: HeaderSource, name: string, lookup: HeaderLookup = {}): HeaderField[] {
  const lowerName = name.toLowerCase();
  return fieldsOf(source).filter((field) => matches(field, lowerName, lookup));
}

/** The unfolded, trimmed values of every field `name` (case-insensitive), in order. */
export function headerValues(source: HeaderSource, name: string, lookup: HeaderLookup = {}): string[] {
  return headerFieldsNamed(source, name, lookup).map((field) => unfoldedBody(field).trim());
}

/** The unfolded, trimmed value of the first field `name` (case-insensitive), or undefined when there is none. */
export function firstHeaderValue(source: HeaderSource, name: string, lookup: HeaderLookup = {}): string | undefined {
  const lowerName = name.toLowerCase();
  const field = fieldsOf(source).find((each) => matches(each, lowerName, lookup));
  return field === undefined ? undefined : unfoldedBody(field).trim();
}

/**
 * Keeps the header section of a message as its bytes go by — up to and with its empty line, at most
 * `maxBytes` — and nothing of the body, so a stream of any size costs at most `maxBytes` of memory.
 */
export class HeaderCollector {
  private readonly parts: Uint8Array[] = [];
  private length = 0;
  private done = false;

  constructor(private readonly maxBytes: number) {}

  /** Whether the empty line or the bound was reached (later bytes are ignored). */
  get complete(): boolean {
    return this.done;
  }

  /** Takes the next bytes of the message. */
  push(chunk: Uint8Array): void {
    if (this.done || chunk.byteLength === 0) return;
    const end = this.endAcross(chunk) ?? findHeaderEnd(chunk);
    const wanted = end === undefined ? chunk.byteLength : end.bodyStart;
    const taken = Math.min(wanted, this.maxBytes - this.length);
    // A copy: the caller's chunk may be large, and only its header bytes are kept.
    this.parts.push(new Uint8Array(chunk.subarray(0, taken)));
    this.length += taken;
    this.done = end !== undefined || this.length >= this.maxBytes;
  }

  /** The header section kept so far. */
  bytes(): Uint8Array {
    if (this.parts.length !== 1) {
      const joined = new Uint8Array(this.length);
      let offset = 0;
      for (const part of this.parts) {
        joined.set(part, offset);
        offset += part.byteLength;
      }
      this.parts.splice(0, this.parts.length, joined);
    }
    return this.parts[0] ?? new Uint8Array(0);
  }

  /**
   * The end of the header section when its empty line begins in the last two bytes kept ("\n" +
   * "\r\n", "\n\r" + "\n"), in `chunk`'s positions; only those bytes and the first two of the chunk are
   * looked at, so a large chunk is searched once, in place, and never copied to be searched.
   */
  private endAcross(chunk: Uint8Array): HeaderSectionEnd | undefined {
    const tail = this.tail();
    if (tail.byteLength === 0) return undefined;
    const head = chunk.subarray(0, 2);
    const window = new Uint8Array(tail.byteLength + head.byteLength);
    window.set(tail, 0);
    window.set(head, tail.byteLength);
    const end = findHeaderEnd(window);
    return end === undefined ? undefined : { headerEnd: end.headerEnd - tail.byteLength, bodyStart: end.bodyStart - tail.byteLength };
  }

  private tail(): Uint8Array {
    const last = this.parts.at(-1);
    if (last === undefined) return new Uint8Array(0);
    if (last.byteLength >= 2 || this.parts.length === 1) return last.subarray(Math.max(0, last.byteLength - 2));
    const before = this.parts.at(-2);
    return Uint8Array.of(...(before === undefined ? [] : [before[before.byteLength - 1] ?? 0]), ...last);
  }
}
