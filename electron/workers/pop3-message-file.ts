import { createHash } from 'node:crypto';
import { close, fsync, open, rename, unlink, writev } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { syncDirectory } from '../storage/atomic-file';

/** Write buffer of a message file; small enough to keep memory flat, large enough for few syscalls. */
export const MESSAGE_FILE_HIGH_WATER_BYTES = 256 * 1024;

/**
 * The file name of a message: a SHA-256 of its unique-id, because unique-ids may contain characters
 * that no file system accepts (RFC 1939 §7 allows any printable ASCII).
 */
export function messageFileName(uid: string): string {
  return `${createHash('sha256').update(uid, 'utf8').digest('hex')}.eml`;
}

/**
 * A message being written durably: bytes go to a `.part` file; ending the stream fsyncs it, renames
 * it to its final name and fsyncs the folder, so `finish` means the raw message survives a crash.
 * Destroying the stream removes the partial file, so nothing incomplete ever looks like a message.
 */
export class DurableMessageFile extends Writable {
  readonly temporaryPath: string;
  bytesWritten = 0;
  private fd: number | undefined;

  constructor(readonly filePath: string) {
    super({ highWaterMark: MESSAGE_FILE_HIGH_WATER_BYTES });
    this.temporaryPath = `${filePath}.part`;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.temporaryPath, 'w', 0o600, (error, fd) => {
      if (error === null) this.fd = fd;
      callback(error);
    });
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    const fd = this.fd;
    if (fd === undefined) {
      callback(new Error('The message file is not open.'));
      return;
    }
    const buffers = chunks.map((entry) => entry.chunk);
    this.bytesWritten += buffers.reduce((sum, buffer) => sum + buffer.length, 0);
    writeAll(fd, buffers, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const fd = this.fd;
    if (fd === undefined) {
      callback(new Error('The message file is not open.'));
      return;
    }
    fsync(fd, (syncError) => {
      this.fd = undefined;
      close(fd, (closeError) => {
        const error = syncError ?? closeError;
        if (error !== null) {
          callback(error);
          return;
        }
        rename(this.temporaryPath, this.filePath, (renameError) => {
          if (renameError !== null) {
            callback(renameError);
            return;
          }
          syncDirectory(path.dirname(this.filePath)).then(() => callback(), callback);
        });
      });
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const fd = this.fd;
    this.fd = undefined;
    const removePart = (): void => unlink(this.temporaryPath, () => callback(error));
    if (fd === undefined) {
      if (this.writableFinished) callback(error);
      else removePart();
      return;
    }
    close(fd, removePart);
  }
}

function writeAll(fd: number, buffers: Buffer[], callback: (error?: Error | null) => void): void {
  writev(fd, buffers, (error, written) => {
    if (error !== null) {
      callback(error);
      return;
    }
    let remaining = written;
    const rest: Buffer[] = [];
    for (const buffer of buffers) {
      if (remaining >= buffer.length) {
        remaining -= buffer.length;
      } else {
        rest.push(buffer.subarray(remaining));
        remaining = 0;
      }
    }
    if (rest.length === 0) callback();
    else writeAll(fd, rest, callback);
  });
}
