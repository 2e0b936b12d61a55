/**
 * A quick look at a message's MIME structure before (and while) it is parsed: how deep multiparts
 * nest, how many parts there are, and how large the top-level header section is. Hostile or broken
 * mail can nest thousands of levels or carry megabytes of headers; past the limits the parser stops and
 * the message is indexed from its headers only, with a flag saying why (RFC 2046 §5.1 boundaries).
 */
import type { ParseProblem } from '../storage/message-index';

/** Deepest multipart nesting parsed. */
export const MAX_MIME_DEPTH = 32;
/** Most MIME parts parsed. */
export const MAX_MIME_PARTS = 1_000;
/** Largest top-level header section parsed, in bytes. */
export const MAX_HEADER_BYTES = 512 * 1024;
/** Longest line examined (longer lines are counted, but only their start is looked at). */
const MAX_EXAMINED_LINE = 4_096;

/** The limits the scanner applies. */
export interface MimeLimits {
  readonly depth: number;
  readonly parts: number;
  readonly headerBytes: number;
}

/** The default limits. */
export const DEFAULT_MIME_LIMITS: MimeLimits = { depth: MAX_MIME_DEPTH, parts: MAX_MIME_PARTS, headerBytes: MAX_HEADER_BYTES };

const CONTENT_TYPE = /^content-type\s*:/i;
const BOUNDARY = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i;

/** Scans raw bytes chunk by chunk; reports the first limit exceeded. */
export class MimeShapeScanner {
  /** The first limit exceeded, if any; scanning stops there. */
  problem: Extract<ParseProblem, 'too-deep' | 'too-many-parts' | 'header-too-large'> | null = null;
  depth = 0;
  parts = 1;
  private readonly boundaries: string[] = [];
  private carry = '';
  private inHeader = true;
  private topLevel = true;
  private topHeaderBytes = 0;
  /** Top-level header lines that fit within the limit, and the start of the one that did not. */
  private readonly topHeader: string[] = [];
  private contentType = '';
  private collectingContentType = false;

  constructor(private readonly limits: MimeLimits = DEFAULT_MIME_LIMITS) {}

  /** Examines the next chunk; returns false once a limit is exceeded. */
  push(chunk: Buffer): boolean {
    if (this.problem !== null) return false;
    const text = this.carry + chunk.toString('latin1');
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      this.line(text.slice(start, end).replace(/\r$/, ''), end + 1 - start);
      start = end + 1;
      if (this.problem !== null) return false;
    }
    this.carry = text.slice(start);
    if (this.carry.length > MAX_EXAMINED_LINE) {
      // The bytes cut off now are counted now; the kept start is counted when its line ends.
      const inTopHeader = this.inHeader && this.topLevel;
      if (inTopHeader) this.topHeaderBytes += this.carry.length - MAX_EXAMINED_LINE;
      this.carry = this.carry.slice(0, MAX_EXAMINED_LINE);
      if (inTopHeader && !this.checkHeaderSize()) this.keepCutLine(this.carry);
    }
    return this.problem === null;
  }

  /** Whether the top-level header section has ended (its blank line was scanned). */
  get headerEnded(): boolean {
    return !this.topLevel;
  }

  /** Whether the top-level header section is still being read. */
  get readingHeader(): boolean {
    return this.topLevel;
  }

  /** The top-level header lines that fit within the header limit, as raw text ending in a blank line. */
  headerPrefix(): Buffer {
    return Buffer.from(`${this.topHeader.join('\r\n')}\r\n\r\n`, 'latin1');
  }

  private line(line: string, bytes: number): void {
    if (this.inHeader) {
      this.headerLine(line, bytes);
      return;
    }
    if (!line.startsWith('--')) return;
    const trimmed = line.trimEnd();
    for (let index = this.boundaries.length - 1; index >= 0; index -= 1) {
      const boundary = this.boundaries[index];
      if (trimmed === `--${boundary}--`) {
        this.boundaries.length = index;
        return;
      }
      if (trimmed === `--${boundary}`) {
        this.boundaries.length = index + 1;
        this.parts += 1;
        if (this.parts > this.limits.parts) this.problem = 'too-many-parts';
        this.startHeader();
        return;
      }
    }
  }

  private headerLine(line: string, bytes: number): void {
    if (this.topLevel) {
      this.topHeaderBytes += bytes;
      if (!this.checkHeaderSize()) {
        this.keepCutLine(line);
        return;
      }
      if (line.length > 0) this.topHeader.push(line);
    }
    if (line.length === 0) {
      this.endHeader();
      return;
    }
    if (/^[ \t]/.test(line)) {
      if (this.collectingContentType) this.contentType += line;
      return;
    }
    this.collectingContentType = CONTENT_TYPE.test(line);
    if (this.collectingContentType) this.contentType = line.slice(0, MAX_EXAMINED_LINE);
  }

  /** The start of the line that passed the header limit, kept cut (a 1 MB Subject still has a subject). */
  private keepCutLine(line: string): void {
    if (line.length > 0) this.topHeader.push(line.slice(0, MAX_EXAMINED_LINE));
  }

  private checkHeaderSize(): boolean {
    if (this.topHeaderBytes <= this.limits.headerBytes) return true;
    this.problem = 'header-too-large';
    return false;
  }

  private endHeader(): void {
    this.topLevel = false;
    const type = this.contentType
      .replace(/^content-type\s*:\s*/i, '')
      .trim()
      .toLowerCase();
    const boundary = BOUNDARY.exec(this.contentType);
    if (type.startsWith('multipart/') && boundary !== null) {
      this.boundaries.push(boundary[1] ?? boundary[2] ?? '');
      this.depth = Math.max(this.depth, this.boundaries.length);
      if (this.depth > this.limits.depth) this.problem = 'too-deep';
      this.inHeader = false;
    } else if (type.startsWith('message/rfc822')) {
      this.startHeader();
      return;
    } else {
      this.inHeader = false;
    }
    this.contentType = '';
    this.collectingContentType = false;
  }

  private startHeader(): void {
    this.inHeader = true;
    this.contentType = '';
    this.collectingContentType = false;
  }
}
