/**
 * Where raw messages live on disk. Chosen by measurement (test/bench/store-layout.bench.ts): a create
 * and an fsync per message holds a maildir-like layout to a few hundred messages a second on ext4,
 * while append-only pack files with one fsync per batch reach tens of thousands. So:
 *
 *   <raw>/packs/<name>.pack   small messages of one batch, appended, fsynced once, then never changed
 *   <raw>/large/<name>.eml    a message over LARGE_MESSAGE_BYTES, streamed into its own file
 *
 * A pack starts with PACK_MAGIC; each record is a RECORD_HEADER_BYTES header (RECORD_MAGIC, the byte
 * length, the SHA-256) followed by the message's bytes exactly as received. The header makes a pack
 * readable without the database (for recovery tools); the database stores the offset of the bytes.
 */
import path from 'node:path';
import { nodeCrypto } from './node-crypto';

/** Messages larger than this stream into their own file instead of a pack (never held in memory). */
export const LARGE_MESSAGE_BYTES = 1024 * 1024;
/** The first bytes of every pack file. */
export const PACK_MAGIC = Buffer.from('MAILBAG PACK 1\r\n', 'ascii');
/** The first bytes of every record header in a pack. */
export const RECORD_MAGIC = Buffer.from('MBR1', 'ascii');
/** Record header: magic (4), reserved (4), byte length (8, big-endian), SHA-256 (32). */
export const RECORD_HEADER_BYTES = 48;
/** Sub-folder of pack files. */
export const PACKS_FOLDER = 'packs';
/** Sub-folder of large-message files. */
export const LARGE_FOLDER = 'large';
/** File extension of a pack. */
export const PACK_EXTENSION = '.pack';
/** File extension of a large message. */
export const LARGE_EXTENSION = '.eml';

/** Where one message's bytes are: in a pack at an offset, or in its own file (relative to the raw root). */
export type RawLocation = { readonly kind: 'pack'; readonly packFile: string; readonly offset: number } | { readonly kind: 'file'; readonly file: string };

/**
 * A message whose bytes have been written (not yet necessarily durable: that is the batch's sync).
 * Plain data, safe to pass between threads.
 */
export interface WrittenMessage {
  readonly location: RawLocation;
  readonly size: number;
  /** Hex SHA-256 of the raw bytes: the duplicate safety net and the integrity check. */
  readonly sha256: string;
  /**
   * The message's header section (at most MAX_HEADER_SECTION_BYTES), kept as the bytes went by so the
   * commit can write the list columns in the same transaction without reading the message again.
   */
  readonly header?: Uint8Array;
}

/** Most bytes of a header section a sink keeps for the list columns (longer ones are cut). */
export const MAX_HEADER_SECTION_BYTES = 256 * 1024;

/** A new unique file name (time-ordered, so directory listings read in order of writing). */
export function newRawFileName(extension: string): string {
  return `${Date.now().toString(36).padStart(9, '0')}-${nodeCrypto().randomBytes(8).toString('hex')}${extension}`;
}

/** The absolute path of a pack file. */
export function packPath(rawRoot: string, packFile: string): string {
  return path.join(rawRoot, PACKS_FOLDER, packFile);
}

/** 2^32: a record's 64-bit byte length is written as two 32-bit halves. */
const UINT32_RANGE = 0x1_0000_0000;

/** The header written before a record's bytes. */
export function encodeRecordHeader(size: number, sha256Hex: string): Buffer {
  // Written once per stored message: from the pool, without a BigInt or an intermediate buffer.
  const header = Buffer.allocUnsafe(RECORD_HEADER_BYTES).fill(0);
  RECORD_MAGIC.copy(header, 0);
  header.writeUInt32BE(Math.floor(size / UINT32_RANGE), 8);
  header.writeUInt32BE(size % UINT32_RANGE, 12);
  header.write(sha256Hex, 16, 32, 'hex');
  return header;
}

/** Reads a record header; null when the bytes are not one. */
export function decodeRecordHeader(header: Buffer): { size: number; sha256: string } | null {
  if (header.length < RECORD_HEADER_BYTES || !header.subarray(0, 4).equals(RECORD_MAGIC)) return null;
  return { size: Number(header.readBigUInt64BE(8)), sha256: header.subarray(16, 48).toString('hex') };
}

/** Hex SHA-256 of some bytes. */
export function sha256Hex(data: Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}

/** Where to read one message's bytes: plain data, so a worker can read them itself. */
export type RawSource =
  | { readonly kind: 'pack'; readonly path: string; readonly offset: number; readonly size: number }
  | { readonly kind: 'file'; readonly path: string; readonly size: number };
