/**
 * The header section a message keeps in `message_headers` for `header:` conditions and the server's
 * junk verdict: its text up to the first empty line, from its first MAX_STORED_HEADER_BYTES. It is
 * taken either from the raw bytes read back from the store, or, for new mail, from the header bytes
 * the receive sink collected as the message went by, so filtering new mail need not read it again.
 * Both give the very same text: the sink's bytes are used only when they settle it.
 */

/** Largest header section kept for `header:` conditions (the rest of a hostile header block is ignored). */
export const MAX_STORED_HEADER_BYTES = 64 * 1024;

const CRLF_END = Buffer.from('\r\n\r\n');
const LF_END = Buffer.from('\n\n');

/** Where the first empty line begins in `bytes` (CRLF or bare LF lines), or -1. */
function emptyLineAt(bytes: Buffer): number {
  const crlf = bytes.indexOf(CRLF_END);
  const lf = bytes.indexOf(LF_END);
  if (crlf < 0) return lf;
  return lf < 0 ? crlf : Math.min(crlf, lf);
}

/** Whether a chunk read from the start of a message holds an empty line (reading may stop there). */
export function holdsEmptyLine(chunk: Buffer): boolean {
  return chunk.includes(CRLF_END) || chunk.includes(LF_END);
}

/**
 * The stored header section of a message whose first bytes are `beginning` (at least the first
 * MAX_STORED_HEADER_BYTES, or up to its first empty line, or all of it): the text before that empty
 * line, or all of the bounded beginning when it has none.
 */
export function storedHeaderSection(beginning: Buffer): string {
  const bounded = beginning.subarray(0, MAX_STORED_HEADER_BYTES);
  const end = emptyLineAt(bounded);
  return bounded.subarray(0, end < 0 ? bounded.length : end).toString('utf8');
}

/**
 * The stored header section from the header bytes a receive sink collected (a prefix of the message
 * of `messageSize` bytes), or undefined when they do not settle it (an empty line the two readers tell
 * apart, such as a bare LF followed by CRLF): such a message is read from the store when needed.
 */
export function collectedHeaderSection(collected: Uint8Array, messageSize: number): string | undefined {
  const prefix = Buffer.from(collected.buffer, collected.byteOffset, collected.byteLength).subarray(0, MAX_STORED_HEADER_BYTES);
  if (emptyLineAt(prefix) >= 0 || prefix.length >= Math.min(MAX_STORED_HEADER_BYTES, messageSize)) return storedHeaderSection(prefix);
  return undefined;
}
