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

/**
 * A byte queue with line extraction. Received chunks are kept as they came: a message body is taken
 * chunk by chunk without copying, and chunks are joined only to find a line that spans them (status
 * and listing lines are short), never on arrival, where joining copied the whole backlog again for
 * every chunk while the disk was behind. Lines are taken from the oldest chunk by moving a start
 * offset, so a listing of thousands of lines in one chunk costs no new buffer per line.
 */
export class LineBuffer {
  private chunks: Buffer[] = [];
  /** Where the unread bytes of the oldest chunk start. */
  private head = 0;
  private total = 0;

  /** Bytes currently held. */
  get length(): number {
    return this.total;
  }

  /** Appends received bytes. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /**
   * Takes the next complete line without its line ending, or `undefined` when no complete line is
   * buffered yet. Throws `LineTooLongError` as soon as `maxBytes` (line ending included) is exceeded.
   */
  takeLine(maxBytes: number): Buffer | undefined {
    const first = this.chunks[0];
    if (first === undefined) return undefined;
    const start = this.head;
    const at = first.indexOf(LF, start);
    if (at === -1) return this.takeSpanningLine(maxBytes);
    return first.subarray(start, this.consumeWithin(first, at, maxBytes));
  }

  /**
   * The next complete line as text (UTF-8, without its line ending), or `undefined` like `takeLine`.
   * A line within the oldest chunk is decoded where it lies, without a buffer of its own.
   */
  takeText(maxBytes: number): string | undefined {
    const first = this.chunks[0];
    if (first === undefined) return undefined;
    const start = this.head;
    const at = first.indexOf(LF, start);
    if (at === -1) return this.takeSpanningLine(maxBytes)?.toString('utf8');
    return first.toString('utf8', start, this.consumeWithin(first, at, maxBytes));
  }

  /** Takes the oldest chunk held (used to stream a message body); empty when nothing is held. */
  takeChunk(): Buffer {
    const chunk = this.chunks.shift();
    if (chunk === undefined) return EMPTY;
    const taken = this.head === 0 ? chunk : chunk.subarray(this.head);
    this.head = 0;
    this.total -= taken.length;
    return taken;
  }

  /** Puts bytes back at the front (what followed the end of a message body). */
  unshift(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.settleHead();
    this.chunks.unshift(bytes);
    this.total += bytes.length;
  }

  /** Drops everything buffered (the bytes received before a TLS handshake, RFC 2595 §4). */
  clear(): number {
    const dropped = this.total;
    this.chunks = [];
    this.head = 0;
    this.total = 0;
    return dropped;
  }

  /**
   * Consumes the line of the oldest chunk that ends at `at` (its LF) and returns where its content
   * ends (before a CR). Checks the bound first: nothing is consumed for a line that is too long.
   */
  private consumeWithin(first: Buffer, at: number, maxBytes: number): number {
    const start = this.head;
    if (at + 1 - start > maxBytes) throw new LineTooLongError(maxBytes);
    const contentEnd = at > start && first[at - 1] === CR ? at - 1 : at;
    this.total -= at + 1 - start;
    if (at + 1 === first.length) {
      this.chunks.shift();
      this.head = 0;
    } else {
      this.head = at + 1;
    }
    return contentEnd;
  }

  /** A line that starts in the oldest chunk and ends in a later one (or has not ended yet). */
  private takeSpanningLine(maxBytes: number): Buffer | undefined {
    // Only the chunks the line spans are looked at and joined: a status line is read while a backlog of
    // pipelined answers is buffered, and joining all of it for every line copied it again per message.
    this.settleHead();
    let before = 0;
    let spanned = 0;
    let end = -1;
    for (const chunk of this.chunks) {
      spanned += 1;
      const at = chunk.indexOf(LF);
      if (at !== -1) {
        end = before + at;
        break;
      }
      before += chunk.length;
      if (before >= maxBytes) throw new LineTooLongError(maxBytes);
    }
    if (end === -1) return undefined;
    if (end + 1 > maxBytes) throw new LineTooLongError(maxBytes);
    const buffer = Buffer.concat(this.chunks.slice(0, spanned), end + 1);
    const contentEnd = end > 0 && buffer[end - 1] === CR ? end - 1 : end;
    const last = this.chunks[spanned - 1] as Buffer;
    const rest = last.subarray(end + 1 - before);
    this.chunks.splice(0, spanned, ...(rest.length === 0 ? [] : [rest]));
    this.total -= end + 1;
    return buffer.subarray(0, contentEnd);
  }

  /** Makes the oldest chunk start at its first unread byte (before the chunks are handled as a whole). */
  private settleHead(): void {
    const first = this.chunks[0];
    if (first !== undefined && this.head > 0) this.chunks[0] = first.subarray(this.head);
    this.head = 0;
  }
}
