/**
 * Reading one stored message whole into a buffer of its size. The parse worker reads messages up to
 * a few megabytes this way, with plain blocking calls: it is a worker thread with nothing else to do
 * meanwhile, and a promise-based open, read and close per message cost more than the read itself
 * (collecting a stream's chunks and joining them would also copy every byte twice).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { RawSource } from '../../storage/raw-layout';

/** The bytes of a message at a raw source (a pack record, or a file of its own read whole). */
export function readStoredBytes(source: RawSource): Buffer {
  if (source.size === 0) return Buffer.alloc(0);
  const descriptor = openSync(source.path, 'r');
  try {
    const size = source.kind === 'file' ? fstatSync(descriptor).size : source.size;
    const position = source.kind === 'pack' ? source.offset : 0;
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(descriptor, bytes, filled, size - filled, position + filled);
      if (read === 0) break;
      filled += read;
    }
    return bytes.subarray(0, filled);
  } finally {
    closeSync(descriptor);
  }
}
