/**
 * Streaming decoder of a multi-line response body (RFC 1939 §3): removes the byte-stuffed leading dot
 * of each line and recognises the terminating `.CRLF`, whatever the chunk boundaries. Output bytes are
 * exactly the message as stored on the server; line endings are passed through unchanged. Holds no
 * data between chunks apart from a state of at most two bytes.
 */

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const CR_BYTE = Buffer.from([CR]);

/**
 * Where the next line that starts with a dot begins, as the index of the LF before that dot (at or
 * after `from`), or -1: the only place where the body differs from what the server sent. The search
 * is for the dot, which most mail holds far fewer of than line ends (base64 none at all), each step
 * one native byte scan; searching for LF followed by a dot stopped at every line end.
 */
function dotLineAt(chunk: Buffer, from: number): number {
  let dot = chunk.indexOf(DOT, from + 1);
  while (dot !== -1 && chunk[dot - 1] !== LF) dot = chunk.indexOf(DOT, dot + 1);
  return dot === -1 ? -1 : dot - 1;
}

type DecoderState = 'line-start' | 'dot' | 'dot-cr' | 'in-line';

/** The result of decoding one chunk. */
export interface DecodedChunk {
  /** Unstuffed body bytes to write to the sink (may be empty). */
  readonly output: Buffer;
  /** How many input bytes belonged to the body; the rest follows the terminator. */
  readonly consumed: number;
  /** Whether the terminating line was seen. */
  readonly done: boolean;
}

/** One body's decoder; create a new one per response. */
export class BodyDecoder {
  private state: DecoderState = 'line-start';
  private finished = false;

  /** Whether the terminating line has been seen. */
  get done(): boolean {
    return this.finished;
  }

  /** Decodes the next chunk of the response. */
  decode(chunk: Buffer): DecodedChunk {
    if (this.finished) return { output: Buffer.alloc(0), consumed: 0, done: true };
    const parts: Buffer[] = [];
    let runStart = -1;
    let runEnd = -1;
    const emit = (start: number, end: number): void => {
      if (end <= start) return;
      if (runEnd === start) {
        runEnd = end;
        return;
      }
      if (runStart !== -1) parts.push(chunk.subarray(runStart, runEnd));
      runStart = start;
      runEnd = end;
    };
    const flush = (): void => {
      if (runStart !== -1) parts.push(chunk.subarray(runStart, runEnd));
      runStart = -1;
      runEnd = -1;
    };
    let pos = 0;
    while (pos < chunk.length && !this.finished) {
      switch (this.state) {
        case 'line-start':
          if (chunk[pos] === DOT) {
            pos += 1;
            this.state = 'dot';
          } else {
            this.state = 'in-line';
          }
          break;
        case 'dot': {
          const byte = chunk[pos];
          if (byte === CR) {
            pos += 1;
            this.state = 'dot-cr';
          } else if (byte === LF) {
            pos += 1;
            this.finished = true;
          } else {
            this.state = 'in-line';
          }
          break;
        }
        case 'dot-cr':
          if (chunk[pos] === LF) {
            pos += 1;
            this.finished = true;
          } else {
            // A line that is a dot, a CR and more: unstuffed it starts with that CR.
            flush();
            parts.push(CR_BYTE);
            this.state = 'in-line';
          }
          break;
        case 'in-line': {
          // Lines that do not start with a dot pass unchanged, so the search skips to the next line
          // that does (one native search per chunk for most mail, instead of a step per line).
          const end = dotLineAt(chunk, pos);
          if (end === -1) {
            emit(pos, chunk.length);
            pos = chunk.length;
            if (chunk[chunk.length - 1] === LF) this.state = 'line-start';
          } else {
            emit(pos, end + 1);
            pos = end + 1;
            this.state = 'line-start';
          }
          break;
        }
      }
    }
    flush();
    const output = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    return { output, consumed: pos, done: this.finished };
  }
}
