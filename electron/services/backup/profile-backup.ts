/**
 * `mailbag backup`: a consistent copy of a whole profile while the app or a receive keeps writing.
 * The index is copied with SQLite's online backup API in one step (one read transaction, so one
 * moment in time); the raw mail is then copied from what that copy refers to: each pack up to the
 * end of its last message the copy knows (packs are append-only, so bytes written later are simply
 * left out) and each large-message file whole. Settings come along; passwords never do (they stay in
 * the keychain). The copy is written beside the destination, verified, then renamed into place.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { syncDirectory, writeFileAtomic } from '../../storage/atomic-file';
import { BUSY_TIMEOUT_MS } from '../../storage/database-connection';
import { RAW_DIRECTORY_NAME } from '../../storage/message-store';
import { PACK_MAGIC, PACKS_FOLDER } from '../../storage/raw-layout';
import { PRIVATE_DIRECTORY_MODE } from '../../storage/private-files';
import {
  BACKUP_MANIFEST_FILE,
  copyFileDurably,
  hashFile,
  newManifest,
  PROFILE_FILES_BACKED_UP,
  PROFILE_FILES_NEVER_BACKED_UP,
  type BackupFile,
} from './backup-files';
import { INDEX_FILE_NAME, verifyProfileCopy } from './verify-copy';

/** Pages SQLite copies per backup step: all of them, so the copy is one read transaction's view. */
const ALL_PAGES = 0x7fffffff;
/**
 * Times a backup starts over when a raw file its index copy refers to disappeared meanwhile (the app
 * compacted that pack after the index was copied): a fresh index copy refers to the new pack.
 */
export const BACKUP_ATTEMPTS = 3;

/** How far a backup has come, in bytes of raw mail copied. */
export interface BackupProgress {
  readonly phase: 'copying' | 'verifying';
  readonly done: number;
  readonly total: number;
}

/** What a backup holds. */
export interface BackupReport {
  readonly destination: string;
  readonly messages: number;
  readonly bytes: number;
  readonly files: number;
  readonly schemaVersion: number;
  /** Profile files left out on purpose (passwords), by name. */
  readonly leftOut: readonly string[];
}

/** Options of {@link backupProfile}. */
export interface BackupOptions {
  readonly onProgress?: (progress: BackupProgress) => void;
  /** better-sqlite3 addon built for Electron, when the app runs the backup. */
  readonly nativeBinding?: string;
}

async function isMissingOrEmptyDirectory(directory: string): Promise<boolean> {
  try {
    return (await fs.readdir(directory)).length === 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'ENOTDIR') return false;
    throw wordedError('STORAGE', { id: 'serviceError.backup.folderUnreadable', values: { directory } }, { cause: error });
  }
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The raw files an index copy refers to, and how many bytes of each. */
function rawExtents(indexFile: string, nativeBinding: string | undefined): Array<{ file: string; length: number | undefined }> {
  const copy = new Database(indexFile, { fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
  try {
    const packs = copy
      .prepare<[], { file_name: string; end: number | null }>(
        'select p.file_name, max(m.pack_offset + m.size) as end from raw_packs p left join messages m on m.pack_id = p.id group by p.id order by p.id',
      )
      .all()
      .map((row) => ({ file: `${PACKS_FOLDER}/${row.file_name}`, length: row.end ?? PACK_MAGIC.length }));
    const large = copy
      .prepare<[], { raw_file: string; size: number }>('select raw_file, size from messages where raw_file is not null order by id')
      .all()
      .map((row) => ({ file: row.raw_file, length: row.size }));
    return [...packs, ...large];
  } finally {
    copy.close();
  }
}

/** Copies the index with SQLite's backup API into `target`. */
async function copyIndex(source: string, target: string, nativeBinding: string | undefined): Promise<void> {
  let database: Database.Database;
  try {
    database = new Database(source, { readonly: true, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
  } catch (error) {
    throw wordedError('NOT_FOUND', { id: 'serviceError.backup.noProfile', values: { folder: path.dirname(source) } }, { cause: error });
  }
  try {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await database.backup(target, { progress: () => ALL_PAGES });
  } finally {
    database.close();
  }
}

/** One attempt: index, raw files, profile files into `staging`; the files it wrote. */
async function copyProfile(profileDir: string, staging: string, options: BackupOptions): Promise<BackupFile[]> {
  const files: BackupFile[] = [];
  await copyIndex(path.join(profileDir, INDEX_FILE_NAME), path.join(staging, INDEX_FILE_NAME), options.nativeBinding);
  const extents = rawExtents(path.join(staging, INDEX_FILE_NAME), options.nativeBinding);
  const total = extents.reduce((sum, extent) => sum + (extent.length ?? 0), 0);
  let done = 0;
  options.onProgress?.({ phase: 'copying', done, total });
  for (const extent of extents) {
    const relative = `${RAW_DIRECTORY_NAME}/${extent.file}`;
    const copied = await copyFileDurably(path.join(profileDir, relative), path.join(staging, relative), extent.length);
    files.push({ path: relative, ...copied });
    done += copied.size;
    options.onProgress?.({ phase: 'copying', done, total });
  }
  for (const name of PROFILE_FILES_BACKED_UP) {
    try {
      files.push({ path: name, ...(await copyFileDurably(path.join(profileDir, name), path.join(staging, name))) });
    } catch (error) {
      if (!isMissingFile(error)) throw error;
    }
  }
  // The index last, once SQLite has closed it: its bytes are final now.
  files.unshift({ path: INDEX_FILE_NAME, ...(await hashFile(path.join(staging, INDEX_FILE_NAME))) });
  return files;
}

/**
 * Backs up the profile in `profileDir` to the directory `destination`, which must not exist or be
 * empty. Safe while the app runs: it only reads the profile.
 */
export async function backupProfile(profileDir: string, destination: string, options: BackupOptions = {}): Promise<BackupReport> {
  if (!(await isMissingOrEmptyDirectory(destination))) {
    throw wordedError('VALIDATION', { id: 'serviceError.backup.destinationNotEmpty', values: { destination } });
  }
  const parent = path.dirname(destination);
  await fs.mkdir(parent, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const staging = path.join(parent, `.${path.basename(destination)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    let files: BackupFile[] | undefined;
    for (let attempt = 1; files === undefined; attempt += 1) {
      await fs.rm(staging, { recursive: true, force: true });
      await fs.mkdir(staging, { mode: PRIVATE_DIRECTORY_MODE });
      try {
        files = await copyProfile(profileDir, staging, options);
      } catch (error) {
        if (!(isMissingFile(error) && attempt < BACKUP_ATTEMPTS)) throw wrapCopyError(error, profileDir);
      }
    }
    let checked = 0;
    const verified = await verifyProfileCopy(staging, { copy: 'new' }, (bytes) => {
      checked += bytes;
      options.onProgress?.({ phase: 'verifying', done: checked, total: checked });
    });
    const manifest = newManifest({ createdAt: Date.now(), schemaVersion: verified.schemaVersion, messages: verified.messages, files });
    await writeFileAtomic(path.join(staging, BACKUP_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // Only an empty folder can be there (checked above); rmdir refuses anything else.
    await fs.rmdir(destination).catch((error: unknown) => {
      if (!isMissingFile(error)) throw error;
    });
    await fs.rename(staging, destination);
    await syncDirectory(parent);
    return {
      destination,
      messages: verified.messages,
      bytes: verified.bytes,
      files: files.length,
      schemaVersion: verified.schemaVersion,
      leftOut: PROFILE_FILES_NEVER_BACKED_UP,
    };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}

function wrapCopyError(error: unknown, profileDir: string): unknown {
  if (error instanceof MailbagError) return error;
  return wordedError('STORAGE', { id: 'serviceError.backup.notCopied', values: { profile: profileDir } }, { cause: error });
}
