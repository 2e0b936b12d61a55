/**
 * `mailbag restore`: puts a backup in place of a profile, all or nothing. The backup is checked
 * against its manifest (every file there, of the recorded size and SHA-256) while it is copied into a
 * directory beside the profile; the copy's index must pass SQLite's integrity check and every indexed
 * message must read back whole; only then is it renamed into place. Any failure leaves the profile as
 * it was. A profile that holds anything is replaced only when asked (`force`), never while a running
 * Mailbag holds it, and is kept beside the restored one rather than deleted.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { syncDirectory } from '../../storage/atomic-file';
import { RAW_DIRECTORY_NAME } from '../../storage/message-store';
import { PRIVATE_DIRECTORY_MODE } from '../../storage/private-files';
import { processIsRunning, WRITER_LOCK_FILE } from '../../storage/writer-lock';
import { copyFileDurably, PROFILE_FILES_NEVER_BACKED_UP, readManifest } from './backup-files';
import { verifyProfileCopy } from './verify-copy';

/** How far a restore has come, in bytes. */
export interface RestoreProgress {
  readonly phase: 'copying' | 'verifying';
  readonly done: number;
  readonly total: number;
}

/** What a restore did. */
export interface RestoreReport {
  readonly profileDir: string;
  readonly messages: number;
  readonly bytes: number;
  /** Where the profile that was replaced now is (only with `force` over a profile that held something). */
  readonly replacedProfile?: string;
  /** When the backup was made (milliseconds since 1970). */
  readonly backupCreatedAt: number;
}

/** Options of {@link restoreProfile}. */
export interface RestoreOptions {
  /** Replace a profile that holds something (it is kept beside, renamed). */
  readonly force?: boolean;
  readonly onProgress?: (progress: RestoreProgress) => void;
  /** The clock, for the name of the replaced profile's folder. */
  readonly now?: () => number;
}

async function entriesOf(directory: string): Promise<string[] | null> {
  try {
    return await fs.readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw wordedError('STORAGE', { id: 'serviceError.backup.folderUnreadable', values: { directory } }, { cause: error });
  }
}

/** The id of a running process that holds the profile's writer lock (the app, a receive), if any. */
async function runningHolder(profileDir: string): Promise<number | null> {
  const text = await fs.readFile(path.join(profileDir, RAW_DIRECTORY_NAME, WRITER_LOCK_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  const pid = Number(text.trim());
  return pid !== process.pid && processIsRunning(pid) ? pid : null;
}

function stamp(time: number): string {
  return new Date(time).toISOString().replace(/[:.]/g, '-');
}

/** Restores the backup in `backupDir` as the profile `profileDir`. */
export async function restoreProfile(backupDir: string, profileDir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const manifest = await readManifest(backupDir);
  const present = await entriesOf(profileDir);
  const occupied = present !== null && present.length > 0;
  if (occupied) {
    const holder = await runningHolder(profileDir);
    if (holder !== null) throw wordedError('MAILBOX_BUSY', { id: 'serviceError.backup.profileInUse', values: { pid: String(holder), profile: profileDir } });
    if (options.force !== true) throw wordedError('VALIDATION', { id: 'serviceError.backup.profileOccupied', values: { profile: profileDir } });
  }
  const parent = path.dirname(profileDir);
  await fs.mkdir(parent, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const staging = path.join(parent, `.${path.basename(profileDir)}.${randomBytes(6).toString('hex')}.restoring`);
  await fs.mkdir(staging, { mode: PRIVATE_DIRECTORY_MODE });
  try {
    const total = manifest.files.reduce((sum, file) => sum + file.size, 0);
    let done = 0;
    for (const file of manifest.files) {
      let copied: { size: number; sha256: string };
      try {
        copied = await copyFileDurably(path.join(backupDir, file.path), path.join(staging, file.path));
      } catch (error) {
        throw wordedError('STORAGE', { id: 'serviceError.backup.incomplete', values: { folder: backupDir, file: file.path } }, { cause: error });
      }
      if (copied.size !== file.size)
        throw wordedError('STORAGE', {
          id: 'serviceError.backup.fileSizeDiffers',
          values: { folder: backupDir, file: file.path, size: String(copied.size), recorded: String(file.size) },
        });
      if (copied.sha256 !== file.sha256)
        throw wordedError('STORAGE', { id: 'serviceError.backup.fileDiffers', values: { folder: backupDir, file: file.path } });
      done += copied.size;
      options.onProgress?.({ phase: 'copying', done, total });
    }
    let checked = 0;
    const verified = await verifyProfileCopy(staging, { copy: 'backup', folder: backupDir }, (bytes) => {
      checked += bytes;
      options.onProgress?.({ phase: 'verifying', done: checked, total: checked });
    });
    if (verified.messages !== manifest.messages) {
      throw wordedError('STORAGE', {
        id: 'serviceError.backup.messageCountDiffers',
        values: { folder: backupDir, count: String(verified.messages), recorded: String(manifest.messages) },
      });
    }
    // Passwords are never in a backup; the ones this computer keeps for the replaced profile stay with it.
    for (const name of PROFILE_FILES_NEVER_BACKED_UP) {
      await copyFileDurably(path.join(profileDir, name), path.join(staging, name)).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      });
    }
    let replacedProfile: string | undefined;
    if (occupied) {
      replacedProfile = `${profileDir}.replaced-${stamp(options.now?.() ?? Date.now())}`;
      await fs.rename(profileDir, replacedProfile);
    } else if (present !== null) {
      await fs.rmdir(profileDir);
    }
    try {
      await fs.rename(staging, profileDir);
    } catch (error) {
      if (replacedProfile !== undefined) await fs.rename(replacedProfile, profileDir);
      throw error;
    }
    await syncDirectory(parent);
    return {
      profileDir,
      messages: verified.messages,
      bytes: verified.bytes,
      backupCreatedAt: manifest.createdAt,
      ...(replacedProfile === undefined ? {} : { replacedProfile }),
    };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error instanceof MailbagError
      ? error
      : wordedError('STORAGE', { id: 'serviceError.backup.notRestored', values: { folder: backupDir, profile: profileDir } }, { cause: error });
  }
}
