/**
 * The files of a profile backup: which ones a backup holds, the manifest that lists them with their
 * sizes and SHA-256 (so a truncated or damaged copy is recognised before anything is restored), and a
 * copy that hashes what it writes and makes it durable.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { wordedError } from '../../../shared/error-words';
import { PRIVATE_FILE_MODE } from '../../storage/private-files';
import { ENCRYPTED_CREDENTIALS_FILE_NAME } from '../credentials/encrypted-file';
import { SETTINGS_FILE_NAME } from '../settings';

/** Name of the manifest inside a backup directory. */
export const BACKUP_MANIFEST_FILE = 'mailbag-backup.json';
/** What the manifest's `format` says, so another program's JSON file is never taken for a backup. */
const BACKUP_FORMAT = 'mailbag-backup';
/** Version of the backup layout; a later Mailbag may read older ones. */
const BACKUP_VERSION = 1;
/** Files of the profile directory a backup holds besides the index and the raw mail (never secrets). */
export const PROFILE_FILES_BACKED_UP: readonly string[] = [SETTINGS_FILE_NAME];
/** Files of the profile directory a backup never holds: passwords stay with this computer's keychain. */
export const PROFILE_FILES_NEVER_BACKED_UP: readonly string[] = [ENCRYPTED_CREDENTIALS_FILE_NAME];

const manifestFileSchema = z.object({
  path: z.string().min(1).max(1000),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
  messages: z.number().int().nonnegative(),
  files: z.array(manifestFileSchema),
});

/** One file of a backup, its path relative to the backup directory (forward slashes). */
export type BackupFile = z.infer<typeof manifestFileSchema>;
/** The manifest of a backup. */
export type BackupManifest = z.infer<typeof manifestSchema>;

/** A new manifest of the current layout. */
export function newManifest(fields: Pick<BackupManifest, 'createdAt' | 'schemaVersion' | 'messages' | 'files'>): BackupManifest {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, ...fields };
}

/**
 * Whether a manifest path stays inside the backup: relative, forward slashes, no `..` or empty parts,
 * so a crafted manifest cannot make a restore read or write outside the two directories.
 */
export function isSafeRelativePath(file: string): boolean {
  if (file.startsWith('/') || file.includes('\\') || file.includes('\0')) return false;
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Reads and checks a backup's manifest; a clear STORAGE error when the directory is not a whole backup. */
export async function readManifest(backupDir: string): Promise<BackupManifest> {
  const file = path.join(backupDir, BACKUP_MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw wordedError('STORAGE', { id: 'serviceError.backup.notABackup', values: { folder: backupDir, manifest: BACKUP_MANIFEST_FILE } }, { cause: error });
  }
  let parsed: BackupManifest;
  try {
    parsed = manifestSchema.parse(JSON.parse(text));
  } catch (error) {
    throw wordedError(
      'STORAGE',
      { id: 'serviceError.backup.manifestUnreadable', values: { folder: backupDir, manifest: BACKUP_MANIFEST_FILE } },
      { cause: error },
    );
  }
  const unsafe = parsed.files.find((entry) => !isSafeRelativePath(entry.path));
  if (unsafe !== undefined) throw wordedError('STORAGE', { id: 'serviceError.backup.fileOutside', values: { folder: backupDir, file: unsafe.path } });
  return parsed;
}

/**
 * Copies the first `length` bytes of `source` (all of it when undefined) to a new file `target`
 * (never replacing one), fsyncs it, and gives the size and SHA-256 of what was written. A source
 * shorter than `length` is an error: the copy would not hold what the index refers to.
 */
export async function copyFileDurably(source: string, target: string, length?: number): Promise<{ size: number; sha256: string }> {
  // The source is opened first, so a missing one leaves no empty target behind.
  const input = await fs.open(source, 'r');
  const hash = createHash('sha256');
  let size = 0;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const output = await fs.open(target, 'wx', PRIVATE_FILE_MODE);
    try {
      if (length !== 0) {
        const stream = input.createReadStream({ autoClose: false, start: 0, ...(length === undefined ? {} : { end: length - 1 }) });
        for await (const chunk of stream) {
          const bytes = chunk as Buffer;
          hash.update(bytes);
          await output.write(bytes, 0, bytes.length, size);
          size += bytes.length;
        }
      }
      await output.sync();
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  if (length !== undefined && size !== length) {
    throw wordedError('STORAGE', { id: 'serviceError.backup.sourceShort', values: { source, size: String(size), length: String(length) } });
  }
  return { size, sha256: hash.digest('hex') };
}

/** Size and SHA-256 of a whole file. */
export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}
