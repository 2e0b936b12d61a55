/**
 * Where the answer to `TOP n 0` goes (RFC 1939 §7: the header, the empty line, no body lines): a
 * stream that keeps the message's header section in memory, never on disk, at most a given number of
 * bytes, and nothing after its empty line. Receiving (header identities), the Server mailbox (its
 * summaries) and the account doctor (its round trip) read headers this way.
 */
import { Writable } from 'node:stream';
import { HeaderCollector } from '../../../shared/mail/header-section';

/** Keeps the first `maxBytes` of a message's header section. */
export class HeaderSink extends Writable {
  private readonly collector: HeaderCollector;

  constructor(maxBytes: number) {
    super();
    this.collector = new HeaderCollector(maxBytes);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.collector.push(chunk);
    callback();
  }

  /** The header section kept, as raw bytes. */
  bytes(): Buffer {
    const bytes = this.collector.bytes();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The header section kept, one character per byte (latin1). */
  text(): string {
    return this.bytes().toString('latin1');
  }
}
