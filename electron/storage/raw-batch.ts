/**
 * Writing raw messages for one batch, with no database involved (so it can run in any thread). Small
 * messages are collected in memory (at most LARGE_MESSAGE_BYTES each) and appended to the batch's pack
 * file when complete; a message that grows past that limit spills to its own file and streams from
 * then on, so a 100 MB message never sits in memory. Nothing written here counts until `sync()` has
 * made it durable and the store has committed its location: a crash before that leaves only
 * unreferenced files, which the store's garbage collection removes.
 */
import type { Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HeaderCollector } from '../../shared/mail/header-section';
import { syncDirectory } from './atomic-file';
import { nodeCrypto } from './node-crypto';
import {
  LARGE_EXTENSION,
  LARGE_FOLDER,
  LARGE_MESSAGE_BYTES,
  MAX_HEADER_SECTION_BYTES,
  PACK_EXTENSION,
  PACK_MAGIC,
  PACKS_FOLDER,
  encodeRecordHeader,
  newRawFileName,
  type RawLocation,
  type WrittenMessage,
} from './raw-layout';

/** Write buffer of a message sink: enough for few system calls, small enough to keep memory flat. */
export const MESSAGE_SINK_HIGH_WATER_BYTES = 256 * 1024;
/** A batch starts a new pack file once its current one is this large. */
export const PACK_ROTATE_BYTES = 64 * 1024 * 1024;

/**
 * Small records are gathered up to this many bytes before one write: a message's location is known
 * when it is appended, and nothing reads a pack before the batch's sync has written and fsynced it.
 */
export const PACK_WRITE_BUFFER_BYTES = 1024 * 1024;

interface OpenPack {
  readonly file: string;
  readonly handle: FileHandle;
  /** Bytes of the pack including those still gathered in `pending`. */
  size: number;
  /** Bytes already written to the file. */
  flushed: number;
  pending: Buffer[];
  pendingBytes: number;
  /** The write in progress, if any (one at a time, so appends go on while it runs). */
  writing: Promise<void>;
  /** The first failed write; reported by `sync`. */
  failure: unknown;
}

/** Where a batch is in its life. */
export type RawBatchState = 'open' | 'closed';

/** The raw side of one batch: pack files and large-message files, made durable together by `sync()`. */
export class RawBatchWriter {
  private readonly packs: OpenPack[] = [];
  private readonly largeHandles = new Set<FileHandle>();
  private readonly sinks = new Set<MessageSink>();
  private appendChain: Promise<unknown> = Promise.resolve();
  private largeWritten = false;
  private packCreated = false;
  private currentState: RawBatchState = 'open';
  /** Every file this batch created, relative to the raw root (`packs/…`, `large/…`). */
  readonly createdFiles = new Set<string>();

  constructor(readonly rawRoot: string) {}

  /** Whether the batch can still take messages. */
  get state(): RawBatchState {
    return this.currentState;
  }

  /** A stream for one message's raw bytes; its `written` promise settles once the bytes are written. */
  createMessageSink(): MessageSink {
    this.assertOpen();
    const sink = new MessageSink(this);
    this.sinks.add(sink);
    sink.once('close', () => this.sinks.delete(sink));
    return sink;
  }

  /** Writes a whole message from bytes or a stream. */
  async addMessage(source: Uint8Array | Readable): Promise<WrittenMessage> {
    const sink = this.createMessageSink();
    if (source instanceof Readable) {
      await pipeline(source, sink);
      return sink.written;
    }
    // `written` reports any failure; the listener only keeps it from being an unhandled 'error'.
    sink.on('error', () => undefined);
    // A small message's bytes wait in the pack's write buffer until the batch syncs: they are copied,
    // so a caller that reuses its buffer after this resolves cannot change what is stored.
    const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    sink.end(bytes.length <= LARGE_MESSAGE_BYTES ? Buffer.from(bytes) : bytes);
    return sink.written;
  }

  /**
   * Makes everything written so far durable: waits for pending appends, fsyncs the pack files (large
   * files are fsynced as each one ends), then fsyncs the folders that gained entries. Sinks still open
   * are not included; the store refuses to commit them. May be called again after more writes.
   */
  async sync(): Promise<void> {
    this.assertOpen();
    await this.appendChain;
    for (const pack of this.packs) {
      await pack.writing;
      if (pack.failure !== undefined) throw pack.failure;
      await flushPack(pack);
      await pack.handle.sync();
    }
    if (this.packCreated) await syncDirectory(path.join(this.rawRoot, PACKS_FOLDER));
    if (this.largeWritten) await syncDirectory(path.join(this.rawRoot, LARGE_FOLDER));
    this.packCreated = false;
    this.largeWritten = false;
  }

  /** Closes the pack files; what was committed stays, anything else is left for garbage collection. */
  async close(): Promise<void> {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    // Without an error: nobody may be listening for one; `written` still rejects.
    for (const sink of this.sinks) sink.destroy();
    await this.appendChain.catch(() => undefined);
    for (const pack of this.packs.splice(0)) {
      await pack.writing;
      await pack.handle.close().catch(() => undefined);
    }
  }

  /**
   * Records that the batch's files are now referenced by committed rows: from here on `abort` (for
   * instance from a caller's clean-up after a failure elsewhere) must never remove them.
   */
  markCommitted(): void {
    this.createdFiles.clear();
  }

  /** Gives up the batch: closes everything and removes the files it created (unless committed). */
  async abort(): Promise<void> {
    await this.close();
    for (const handle of this.largeHandles) await handle.close().catch(() => undefined);
    for (const file of this.createdFiles) await fs.rm(path.join(this.rawRoot, file), { force: true });
  }

  /**
   * @internal Appends one complete small message, `size` bytes in `parts` (as they were received, so
   * they are written as they are instead of being copied into one buffer first), to the current pack.
   */
  appendRecord(parts: readonly Buffer[], size: number, sha256: string): Promise<RawLocation> {
    const next = this.appendChain.then(async () => {
      this.assertOpen();
      const pack = await this.currentPack();
      const header = encodeRecordHeader(size, sha256);
      const offset = pack.size + header.length;
      pack.pending.push(header, ...parts);
      pack.pendingBytes += header.length + size;
      pack.size = offset + size;
      if (pack.pendingBytes >= PACK_WRITE_BUFFER_BYTES) {
        await pack.writing;
        pack.writing = flushPack(pack).catch((error: unknown) => {
          pack.failure ??= error;
        });
      }
      return { kind: 'pack', packFile: pack.file, offset } satisfies RawLocation;
    });
    this.appendChain = next.catch(() => undefined);
    return next;
  }

  /** @internal Creates the file of a large message. */
  async openLargeFile(): Promise<{ file: string; handle: FileHandle }> {
    this.assertOpen();
    const file = `${LARGE_FOLDER}/${newRawFileName(LARGE_EXTENSION)}`;
    const handle = await fs.open(path.join(this.rawRoot, file), 'wx', 0o600);
    this.createdFiles.add(file);
    this.largeHandles.add(handle);
    this.largeWritten = true;
    return { file, handle };
  }

  /** @internal Forgets a large file's handle once it is closed. */
  releaseLargeHandle(handle: FileHandle): void {
    this.largeHandles.delete(handle);
  }

  private async currentPack(): Promise<OpenPack> {
    const current = this.packs.at(-1);
    if (current !== undefined && current.size < PACK_ROTATE_BYTES) return current;
    if (current !== undefined) {
      await current.writing;
      current.writing = flushPack(current).catch((error: unknown) => {
        current.failure ??= error;
      });
    }
    const name = newRawFileName(PACK_EXTENSION);
    const handle = await fs.open(path.join(this.rawRoot, PACKS_FOLDER, name), 'wx', 0o600);
    this.createdFiles.add(`${PACKS_FOLDER}/${name}`);
    this.packCreated = true;
    const pack: OpenPack = {
      file: name,
      handle,
      size: PACK_MAGIC.length,
      flushed: 0,
      pending: [PACK_MAGIC],
      pendingBytes: PACK_MAGIC.length,
      writing: Promise.resolve(),
      failure: undefined,
    };
    this.packs.push(pack);
    return pack;
  }

  private assertOpen(): void {
    if (this.currentState !== 'open') throw new Error(`The batch is ${this.currentState}.`);
  }
}

/**
 * One message's raw bytes on their way to disk. Write the bytes exactly as received (after POP3
 * dot-unstuffing) and end the stream; `written` then gives the location, size and hash. Destroying the
 * stream (a dropped connection) discards the message.
 */
export class MessageSink extends Writable {
  /** Settles when the message is written (not yet durable: that is the batch's sync and commit). */
  readonly written: Promise<WrittenMessage>;
  private resolveWritten: (message: WrittenMessage) => void = () => undefined;
  private rejectWritten: (error: Error) => void = () => undefined;
  private readonly hash: Hash = nodeCrypto().createHash('sha256');
  private readonly memory: Buffer[] = [];
  private size = 0;
  private large: { file: string; handle: FileHandle; position: number } | undefined;
  private readonly header = new HeaderCollector(MAX_HEADER_SECTION_BYTES);

  constructor(private readonly batch: RawBatchWriter) {
    super({ highWaterMark: MESSAGE_SINK_HIGH_WATER_BYTES });
    this.written = new Promise<WrittenMessage>((resolve, reject) => {
      this.resolveWritten = resolve;
      this.rejectWritten = reject;
    });
    this.written.catch(() => undefined);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.take(chunk);
    if (this.large !== undefined) {
      this.writeLarge([chunk]).then(() => callback(), callback);
      return;
    }
    this.memory.push(chunk);
    this.spillIfLarge(callback);
  }

  /** Counts, hashes and looks for the header section in the next bytes of the message. */
  private take(chunk: Buffer): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    this.header.push(chunk);
  }

  /** Keeps the message in memory while it is small; past LARGE_MESSAGE_BYTES moves it to its own file. */
  private spillIfLarge(callback: (error?: Error | null) => void): void {
    if (this.size <= LARGE_MESSAGE_BYTES) {
      callback();
      return;
    }
    this.batch
      .openLargeFile()
      .then(({ file, handle }) => {
        this.large = { file, handle, position: 0 };
        return this.writeLarge(this.memory.splice(0));
      })
      .then(() => callback(), callback);
  }

  /**
   * Several chunks the stream buffered while an earlier write was in progress (a large message while
   * its file is written): taken in one go, so a large file gets one write for all of them.
   */
  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    if (this.large === undefined) {
      for (const { chunk } of chunks) {
        this.take(chunk);
        this.memory.push(chunk);
      }
      this.spillIfLarge(callback);
      return;
    }
    const buffers = chunks.map(({ chunk }) => chunk);
    for (const chunk of buffers) this.take(chunk);
    this.writeLarge(buffers).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const sha256 = this.hash.digest('hex');
    const size = this.size;
    const large = this.large;
    const done = (location: RawLocation): void => {
      this.resolveWritten({ location, size, sha256, header: this.header.bytes() });
      callback();
    };
    if (large === undefined) {
      this.batch.appendRecord(this.memory.splice(0), size, sha256).then(done, callback);
      return;
    }
    this.large = undefined;
    large.handle
      .sync()
      .then(() => large.handle.close())
      .then(() => {
        this.batch.releaseLargeHandle(large.handle);
        done({ kind: 'file', file: large.file });
      }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.memory.length = 0;
    if (!this.writableFinished) this.rejectWritten(error ?? new Error('The message was not completed.'));
    const large = this.large;
    this.large = undefined;
    if (large === undefined) {
      callback(error);
      return;
    }
    this.batch.releaseLargeHandle(large.handle);
    large.handle
      .close()
      .catch(() => undefined)
      .then(() => fs.rm(path.join(this.batch.rawRoot, large.file), { force: true }))
      .then(
        () => callback(error),
        () => callback(error),
      );
  }

  private async writeLarge(chunks: Buffer[]): Promise<void> {
    const large = this.large;
    if (large === undefined) throw new Error('The message file is not open.');
    const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    await writeFully(large.handle, chunks, large.position);
    large.position += length;
  }
}

/** Writes a pack's gathered records to its file. */
async function flushPack(pack: OpenPack): Promise<void> {
  if (pack.pendingBytes === 0) return;
  const pending = pack.pending;
  const position = pack.flushed;
  pack.flushed += pack.pendingBytes;
  pack.pending = [];
  pack.pendingBytes = 0;
  await writeFully(pack.handle, pending, position);
}

/** Writes every byte of `buffers` at `position`, continuing after short writes. */
async function writeFully(handle: FileHandle, buffers: readonly Buffer[], position: number): Promise<void> {
  let pending = buffers.filter((buffer) => buffer.length > 0);
  let at = position;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending, at);
    at += bytesWritten;
    let remaining = bytesWritten;
    const rest: Buffer[] = [];
    for (const buffer of pending) {
      if (remaining >= buffer.length) remaining -= buffer.length;
      else {
        rest.push(buffer.subarray(remaining));
        remaining = 0;
      }
    }
    pending = rest;
  }
}
