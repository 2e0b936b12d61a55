/**
 * Reading one stored message whole into a buffer of its size, in one read where the system allows:
 * the parse worker reads messages up to a few megabytes this way (collecting a stream's chunks and
 * joining them would copy every byte twice).
 */
import { open } from 'node:fs/promises';
import type { RawSource } from '../../storage/raw-layout';

/** The bytes of a message at a raw source (a pack record, or a file of its own read whole). */
export async function readStoredBytes(source: RawSource): Promise<Buffer> {
  if (source.size === 0) return Buffer.alloc(0);
  const handle = await open(source.path, 'r');
  try {
    const size = source.kind === 'file' ? (await handle.stat()).size : source.size;
    const position = source.kind === 'pack' ? source.offset : 0;
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
