/**
 * Parsing of single POP3 response lines: status indicators (RFC 1939 §3), extended response codes
 * (RFC 2449 §8), SASL continuations (RFC 5034 §4) and the greeting's APOP timestamp (RFC 1939 §7).
 * Pure functions over strings; the fuzz test drives them with arbitrary input.
 */

/** A `+OK` or `-ERR` line taken apart. */
export interface Pop3StatusLine {
  readonly ok: boolean;
  /** Everything after the status indicator and one space, response code included. */
  readonly text: string;
  /** The bracketed response code (RFC 2449 §8), upper-cased, such as `SYS/TEMP`; absent if none. */
  readonly responseCode: string | undefined;
}

/** The server greeting (RFC 1939 §4) taken apart. */
export interface Pop3Greeting extends Pop3StatusLine {
  /** The APOP timestamp including its angle brackets (RFC 1939 §7), if the server offers APOP. */
  readonly apopTimestamp: string | undefined;
}

const STATUS = /^(\+OK|-ERR)(?: (.*))?$/i;
/** RFC 2449 §8: resp-code = "[" resp-level *("/" resp-level) "]", resp-level = 1*RCHAR. */
const RESPONSE_CODE = /^\[([\x21-\x2E\x30-\x5C\x5E-\x7F]+(?:\/[\x21-\x2E\x30-\x5C\x5E-\x7F]+)*)\]/;
/** RFC 1939 §7: the timestamp is a msg-id, `<` … `@` … `>`, without spaces. */
const APOP_TIMESTAMP = /<[\x21-\x3B\x3D\x3F-\x7E]+@[\x21-\x3B\x3D\x3F-\x7E]+>/;
const CONTINUATION = /^\+(?: (.*))?$/;

/** Parses a status line; `undefined` if the line is neither `+OK` nor `-ERR` (a protocol error). */
export function parseStatusLine(line: string): Pop3StatusLine | undefined {
  const match = STATUS.exec(line);
  if (match === null) return undefined;
  const text = match[2] ?? '';
  const code = RESPONSE_CODE.exec(text);
  return {
    ok: match[1]?.toUpperCase() === '+OK',
    text,
    responseCode: code?.[1]?.toUpperCase(),
  };
}

/** Parses the greeting line, extracting the APOP timestamp when present. */
export function parseGreeting(line: string): Pop3Greeting | undefined {
  const status = parseStatusLine(line);
  if (status === undefined) return undefined;
  const timestamp = status.ok ? APOP_TIMESTAMP.exec(status.text)?.[0] : undefined;
  return { ...status, apopTimestamp: timestamp };
}

/**
 * Parses a SASL continuation `+ base64` (RFC 5034 §4); returns the base64 payload (possibly empty),
 * or `undefined` when the line is not a continuation. `+OK` is not a continuation.
 */
export function parseContinuation(line: string): string | undefined {
  if (/^\+OK(?: |$)/i.test(line)) return undefined;
  const match = CONTINUATION.exec(line);
  if (match === null) return undefined;
  return (match[1] ?? '').trim();
}
