import { closeSync, fsyncSync, openSync, promises as fs, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeCrypto } from './node-crypto';

/** A new temporary file's name beside `target`, hidden, for writing it whole before a rename. */
function temporaryBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Replaces a file's contents so that a crash leaves either the old or the new version, never a mix:
 * write a temporary file beside it, fsync it, rename it over the target, then fsync the directory so
 * the rename itself is durable.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const directory = path.dirname(target);
  const temporary = temporaryBeside(target);
  const handle = await fs.open(temporary, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/**
 * {@link writeFileAtomic}, synchronously: for a small file that must be in place before the caller
 * goes on (a damaged settings file replaced when the settings are first read).
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array, mode = 0o600): void {
  const directory = path.dirname(target);
  const temporary = temporaryBeside(target);
  const descriptor = openSync(temporary, 'wx', mode);
  try {
    writeFileSync(descriptor, data);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  if (process.platform === 'win32') return;
  const directoryDescriptor = openSync(directory, 'r');
  try {
    fsyncSync(directoryDescriptor);
  } finally {
    closeSync(directoryDescriptor);
  }
}

/** Makes a directory's entries (new names, renames) durable; a no-op where the platform cannot. */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
