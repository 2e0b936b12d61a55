/**
 * Reading raw message bytes from where the index says they are. Free of SQLite, so worker threads
 * (the parser) can read messages themselves.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { RawSource } from './raw-layout';

/** A stream of exactly the message's bytes at a raw source. */
export function openRawSource(source: RawSource): Readable {
  if (source.size === 0) return Readable.from([]);
  switch (source.kind) {
    case 'pack':
      return createReadStream(source.path, { start: source.offset, end: source.offset + source.size - 1 });
    case 'file':
      return createReadStream(source.path);
  }
}
