/**
 * Where the answer to `TOP n 0` goes (RFC 1939 §7: the header, the empty line, no body lines): a
 * stream that keeps the message's header section in memory, never on disk, at most a given number of
 * bytes, and nothing after its empty line. Receiving (header identities), the Server mailbox (its
 * summaries) and the account doctor (its round trip) read headers this way.
 */
import { Writable } from 'node:stream';
import { HeaderCollector } from '../../../shared/mail/header-section';
import type { Pop3BatchOutcome, Pop3RetrieveItem } from './batches';
import type { Pop3Session } from './session';

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

/** The header sections of several messages, and how each `TOP n 0` went. */
export interface HeaderSections {
  readonly outcomes: Array<Pop3BatchOutcome<Pop3RetrieveItem, number>>;
  /** The header bytes kept, by message number. */
  readonly headers: ReadonlyMap<number, Buffer>;
}

/**
 * Reads the header section of each message with `TOP n 0` (RFC 1939 §7), pipelined where the server
 * allows (RFC 2449 §6.6), keeping at most `maxBytes` of each. Rejects only when the session fails.
 */
export async function readHeaderSections(session: Pop3Session, messageNumbers: readonly number[], maxBytes: number): Promise<HeaderSections> {
  const sinks = new Map<number, HeaderSink>();
  const outcomes = await session.retrieveMany(
    messageNumbers.map((number) => ({ number, topLines: 0 })),
    (item) => {
      const sink = new HeaderSink(maxBytes);
      sinks.set(item.number, sink);
      return sink;
    },
  );
  return { outcomes, headers: new Map([...sinks].map(([number, sink]) => [number, sink.bytes()])) };
}
