/**
 * Which process may collect garbage in a raw folder. The app and the command line can open the same
 * profile; garbage collection removes files no committed row references, which includes the files of
 * a batch another process is writing at that moment. So only the holder of the writer lock collects:
 * a file with the holder's process id, taken over when that process no longer runs.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';

/** Name of the lock file inside the raw folder. */
export const WRITER_LOCK_FILE = 'writer.lock';

/** Whether a process with this id is running (a process of another user counts as running). */
export function processIsRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holder(file: string): Promise<number | null> {
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  const pid = Number(text.trim());
  return Number.isInteger(pid) ? pid : null;
}

/**
 * What taking the lock gave: `acquired` (it was free or its process had ended: nothing else can be
 * writing), `shared` (this process already held it: another part of this process may be writing), or
 * `refused` (another running process holds it).
 */
export type WriterLockResult = 'acquired' | 'shared' | 'refused';

/** Takes the writer lock of a raw folder if it is free, stale (its process ended) or already this process's. */
export async function acquireWriterLock(rawDirectory: string): Promise<WriterLockResult> {
  const file = path.join(rawDirectory, WRITER_LOCK_FILE);
  try {
    await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return 'acquired';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const current = await holder(file);
  if (current === process.pid) return 'shared';
  if (current !== null && processIsRunning(current)) return 'refused';
  await writeFileAtomic(file, `${process.pid}\n`);
  return (await holder(file)) === process.pid ? 'acquired' : 'refused';
}

/** Gives the lock back if this process holds it. */
export async function releaseWriterLock(rawDirectory: string): Promise<void> {
  const file = path.join(rawDirectory, WRITER_LOCK_FILE);
  if ((await holder(file)) === process.pid) await fs.rm(file, { force: true });
}
