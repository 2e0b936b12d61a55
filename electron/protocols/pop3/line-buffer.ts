/**
 * Received bytes waiting to be consumed, split into lines on demand. Lines end in LF (RFC 1939 §3 says
 * CRLF; a bare LF is tolerated and a CR before it is dropped). Never grows a line past its bound.
 */

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);

/** Thrown when a line exceeds its bound; the session treats it as a protocol error. */
export class LineTooLongError extends Error {
  constructor(readonly limit: number) {
    super(`A line from the server exceeded ${limit} bytes.`);
    this.name = 'LineTooLongError';
  }
}

/** A byte queue with line extraction. */
export class LineBuffer {
  private buffer: Buffer = EMPTY;

  /** Bytes currently held. */
  get length(): number {
    return this.buffer.length;
  }

  /** Appends received bytes. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /**
   * Takes the next complete line without its line ending, or `undefined` when no complete line is
   * buffered yet. Throws `LineTooLongError` as soon as `maxBytes` (line ending included) is exceeded.
   */
  takeLine(maxBytes: number): Buffer | undefined {
    const end = this.buffer.indexOf(LF);
    if (end === -1) {
      if (this.buffer.length >= maxBytes) throw new LineTooLongError(maxBytes);
      return undefined;
    }
    if (end + 1 > maxBytes) throw new LineTooLongError(maxBytes);
    const contentEnd = end > 0 && this.buffer[end - 1] === CR ? end - 1 : end;
    const line = this.buffer.subarray(0, contentEnd);
    this.buffer = end + 1 === this.buffer.length ? EMPTY : this.buffer.subarray(end + 1);
    return line;
  }

  /** Takes everything buffered (used to stream a message body). */
  takeAll(): Buffer {
    const all = this.buffer;
    this.buffer = EMPTY;
    return all;
  }

  /** Puts bytes back at the front (what followed the end of a message body). */
  unshift(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.buffer = this.buffer.length === 0 ? bytes : Buffer.concat([bytes, this.buffer]);
  }

  /** Drops everything buffered (the bytes received before a TLS handshake, RFC 2595 §4). */
  clear(): number {
    const dropped = this.buffer.length;
    this.buffer = EMPTY;
    return dropped;
  }
}
