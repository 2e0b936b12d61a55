/**
 * Parsers for the maildrop listings: STAT, LIST and UIDL (RFC 1939 §5, §7). Pure functions; a
 * malformed or inconsistent listing is reported, never guessed at.
 */
import { MAX_UNIQUE_ID_LENGTH } from '../constants';

/** STAT: number of messages and their total size in octets (RFC 1939 §5). */
export interface Pop3MaildropStatus {
  readonly count: number;
  readonly size: number;
}

/** One LIST entry: message number and size in octets (RFC 1939 §5). */
export interface Pop3ListEntry {
  readonly number: number;
  readonly size: number;
}

/** One UIDL entry: message number and unique-id (RFC 1939 §7). */
export interface Pop3UidlEntry {
  readonly number: number;
  readonly uid: string;
}

/**
 * A UIDL listing. `duplicates` holds unique-ids that the server gave to more than one message, which
 * RFC 1939 §7 forbids; such messages cannot be tracked safely and must neither be skipped as known
 * nor deleted by unique-id.
 */
export interface Pop3UidlListing {
  readonly entries: readonly Pop3UidlEntry[];
  readonly duplicates: ReadonlySet<string>;
  /** Lines that could not be understood; their messages are skipped, never guessed at. */
  readonly invalid: readonly Pop3InvalidLine[];
}

/** A LIST listing: sizes, and the lines that could not be understood. */
export interface Pop3SizeListing {
  readonly entries: readonly Pop3ListEntry[];
  readonly invalid: readonly Pop3InvalidLine[];
}

/**
 * A listing line that could not be understood (a unique-id with spaces or control characters, a size
 * of -1, 2^63 or NaN). One bad line costs only its own message: the caller skips that message number
 * (`number`, when the line starts with one) and goes on with the rest.
 */
export interface Pop3InvalidLine {
  readonly number: number | null;
  readonly line: string;
}

/** A status line (RFC 1939 §3) inside a listing: the server answered twice, not a bad entry. */
const STATUS_LINE = /^(?:\+OK|-ERR)(?:\s|$)/;

/**
 * Splits listing lines into parsed entries and lines that could not be understood. Returns the first
 * line that is a status line in `answeredTwice`: that is a desynchronised session, not one bad message.
 */
export function splitListing<T>(
  lines: readonly string[],
  parse: (line: string) => T | undefined,
): { entries: T[]; invalid: Pop3InvalidLine[]; answeredTwice?: string } {
  const entries: T[] = [];
  const invalid: Pop3InvalidLine[] = [];
  for (const line of lines) {
    const first = line.charCodeAt(0);
    if ((first === PLUS || first === MINUS) && STATUS_LINE.test(line)) return { entries, invalid, answeredTwice: line };
    const entry = parse(line);
    if (entry !== undefined) entries.push(entry);
    else {
      const number = toNumber(line.trim().split(/\s+/)[0]);
      invalid.push({ number: number === undefined || number === 0 ? null : number, line });
    }
  }
  return { entries, invalid };
}

const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
/** Most digits of a message number or size (below 2^53, so always a safe integer). */
const MAX_DIGITS = 10;

const NUMBER = /^\d{1,10}$/;
/** RFC 1939 §7: unique-id is 1 to 70 characters in the range 0x21 to 0x7E. */
const UNIQUE_ID = /^[\x21-\x7E]+$/;

function toNumber(word: string | undefined): number | undefined {
  if (word === undefined || !NUMBER.test(word)) return undefined;
  const value = Number(word);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses the text after `+OK` of STAT: `nn mm`, anything after ignored (RFC 1939 §5). */
export function parseStat(text: string): Pop3MaildropStatus | undefined {
  const words = text.trim().split(/\s+/);
  const count = toNumber(words[0]);
  const size = toNumber(words[1]);
  return count === undefined || size === undefined ? undefined : { count, size };
}

/** The value of `text[from, to)` when it is 1 to 10 ASCII digits; undefined otherwise. */
function digitsValue(text: string, from: number, to: number): number | undefined {
  if (to <= from || to - from > MAX_DIGITS) return undefined;
  let value = 0;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code < DIGIT_0 || code > DIGIT_9) return undefined;
    value = value * 10 + (code - DIGIT_0);
  }
  return value;
}

/**
 * A listing line in the form servers send, `NUMBER SP WORD`: one space, the word all printable ASCII
 * (0x21 to 0x7E), nothing before or after. Undefined for any other form, which the general parse below
 * then reads word by word; for lines of this form both read the same. A listing of thousands of
 * messages is read at every Send/Receive, so its common form is read without a regular expression.
 */
function plainPair(text: string): { readonly number: number; readonly wordStart: number } | undefined {
  const space = text.indexOf(' ');
  if (space === -1 || space + 1 >= text.length) return undefined;
  const number = digitsValue(text, 0, space);
  if (number === undefined) return undefined;
  for (let index = space + 1; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= SPACE || code > 0x7e) return undefined;
  }
  return { number, wordStart: space + 1 };
}

/** Parses one LIST line (or the text of a single `LIST n` answer). */
export function parseListLine(text: string): Pop3ListEntry | undefined {
  const plain = plainPair(text);
  if (plain !== undefined && plain.number !== 0) {
    const size = digitsValue(text, plain.wordStart, text.length);
    if (size !== undefined) return { number: plain.number, size };
  }
  const words = text.trim().split(/\s+/);
  const number = toNumber(words[0]);
  const size = toNumber(words[1]);
  return number === undefined || number === 0 || size === undefined ? undefined : { number, size };
}

/** Parses one UIDL line (or the text of a single `UIDL n` answer). */
export function parseUidlLine(text: string): Pop3UidlEntry | undefined {
  const plain = plainPair(text);
  if (plain !== undefined && plain.number !== 0 && text.length - plain.wordStart <= MAX_UNIQUE_ID_LENGTH) {
    return { number: plain.number, uid: text.slice(plain.wordStart) };
  }
  const words = text.trim().split(/\s+/);
  const number = toNumber(words[0]);
  const uid = words[1];
  if (number === undefined || number === 0 || uid === undefined || words.length !== 2) return undefined;
  if (uid.length > MAX_UNIQUE_ID_LENGTH || !UNIQUE_ID.test(uid)) return undefined;
  return { number, uid };
}

/** Message numbers in a listing must be distinct (RFC 1939 §5); returns the first repeated one. */
export function findRepeatedNumber(entries: ReadonlyArray<{ readonly number: number }>): number | undefined {
  // Servers list in ascending order, and numbers that only ever rise cannot repeat: checked without a set.
  let previous = 0;
  let ascending = true;
  for (const entry of entries) {
    if (entry.number <= previous) {
      ascending = false;
      break;
    }
    previous = entry.number;
  }
  if (ascending) return undefined;
  const seen = new Set<number>();
  for (const entry of entries) {
    if (seen.has(entry.number)) return entry.number;
    seen.add(entry.number);
  }
  return undefined;
}

/** The unique-ids that occur more than once. */
export function findDuplicateUids(entries: readonly Pop3UidlEntry[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.uid)) duplicates.add(entry.uid);
    seen.add(entry.uid);
  }
  return duplicates;
}
