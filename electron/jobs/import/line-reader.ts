/**
 * Reads a file a line at a time without holding more than one chunk in memory, reporting the byte
 * offset of every line, so an importer can stream a 1 GB mailbox and name where a damaged part is.
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Bytes read from disk at a time. */
export const LINE_READER_CHUNK_BYTES = 1024 * 1024;
/** A line longer than this is handed out in pieces (a message without line ends stays bounded). */
export const MAX_LINE_PIECE_BYTES = 1024 * 1024;

const LF = 0x0a;

/** One line (or piece of a very long line), with its line end if it has one. */
export interface Line {
  readonly bytes: Buffer;
  /** Offset of the first byte in the file. */
  readonly offset: number;
  /** False for a piece of a longer line that continues in the next one. */
  readonly complete: boolean;
  /** Whether this piece starts a line (the first piece of a line). */
  readonly start: boolean;
}

/** Streaming line reader over an open file; `seek` moves on to a later offset. */
export class LineReader {
  private buffer: Buffer = Buffer.alloc(0);
  private bufferOffset = 0;
  private position = 0;
  private filePosition = 0;
  private atLineStart = true;
  private ended = false;

  private constructor(
    private readonly handle: FileHandle,
    /** The file's size when opened. */
    readonly size: number,
  ) {}

  /** Opens a file to read its lines. */
  static async open(file: string): Promise<LineReader> {
    const handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    return new LineReader(handle, size);
  }

  /** Offset of the next byte `next` returns. */
  get offset(): number {
    return this.bufferOffset + this.position;
  }

  /** The next line, or undefined at the end of the file. */
  async next(): Promise<Line | undefined> {
    for (;;) {
      const newline = this.buffer.indexOf(LF, this.position);
      const available = this.buffer.length - this.position;
      if (newline !== -1 && newline - this.position < MAX_LINE_PIECE_BYTES) return this.take(newline + 1 - this.position, true);
      if (available >= MAX_LINE_PIECE_BYTES) return this.take(MAX_LINE_PIECE_BYTES, false);
      if (this.ended) return available > 0 ? this.take(available, true) : undefined;
      await this.fill();
    }
  }

  /** Reads up to `length` bytes at `offset` without moving (to check where a Content-Length points). */
  async peek(offset: number, length: number): Promise<Buffer> {
    const out = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(out, 0, length, offset);
    return out.subarray(0, bytesRead);
  }

  /** Skips ahead to `offset` (at or after the current one). */
  async seek(offset: number): Promise<void> {
    if (offset <= this.bufferOffset + this.buffer.length) {
      this.position = Math.max(this.position, offset - this.bufferOffset);
    } else {
      this.buffer = Buffer.alloc(0);
      this.bufferOffset = offset;
      this.position = 0;
      this.filePosition = offset;
      this.ended = false;
    }
    this.atLineStart = offset === 0 || (await this.peek(offset - 1, 1))[0] === LF;
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.handle.close();
  }

  private take(length: number, complete: boolean): Line {
    const bytes = this.buffer.subarray(this.position, this.position + length);
    const line: Line = { bytes, offset: this.offset, complete, start: this.atLineStart };
    this.position += length;
    this.atLineStart = complete;
    return line;
  }

  private async fill(): Promise<void> {
    const rest = this.buffer.subarray(this.position);
    const chunk = Buffer.allocUnsafe(LINE_READER_CHUNK_BYTES);
    const { bytesRead } = await this.handle.read(chunk, 0, LINE_READER_CHUNK_BYTES, this.filePosition);
    this.filePosition += bytesRead;
    if (bytesRead === 0) this.ended = true;
    this.bufferOffset += this.position;
    this.buffer = rest.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
    this.position = 0;
  }
}
