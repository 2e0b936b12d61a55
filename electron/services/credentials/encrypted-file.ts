import { promises as fs } from 'node:fs';
import path from 'node:path';
import { wordedError } from '../../../shared/error-words';
import { writeFileAtomic } from '../../storage/atomic-file';

/** File name, inside the profile, of the passwords encrypted by the operating system's key. */
export const ENCRYPTED_CREDENTIALS_FILE_NAME = 'credentials.encrypted.json';

/** Format version written into the file, so a later format can read (or refuse) this one. */
const FILE_VERSION = 1;

/**
 * Electron's safeStorage backends that do not protect anything: `basic_text` encrypts with a key that
 * is the same on every Linux machine, so a file written with it is as good as plaintext.
 */
const INSECURE_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/**
 * The shape of Electron's `safeStorage`, passed in by the Electron composition root (services never
 * import Electron). The command line and the browser bridge have none.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; used to refuse the `basic_text` backend. */
  getSelectedStorageBackend?(): string;
}

/** Whether `safeStorage` really protects what it encrypts (see {@link INSECURE_BACKENDS}). */
export function isSafeStorageUsable(safeStorage: SafeStorageLike | undefined): safeStorage is SafeStorageLike {
  if (safeStorage === undefined) return false;
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    const backend = safeStorage.getSelectedStorageBackend?.();
    return backend === undefined || !INSECURE_BACKENDS.has(backend);
  } catch {
    return false;
  }
}

/** Passwords kept in one profile file, each encrypted by `safeStorage`; the file holds no plaintext. */
export interface EncryptedFileStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, password: string): Promise<void>;
  /** Removes the entries whose key satisfies `matches`; returns how many were removed. */
  remove(matches: (key: string) => boolean): Promise<number>;
}

interface FileContents {
  version: number;
  /** Key → base64 of the ciphertext from `encryptString`. */
  entries: Record<string, string>;
}

function parseContents(text: string): FileContents {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  const { version, entries } = parsed as { version?: unknown; entries?: unknown };
  if (version !== FILE_VERSION || typeof entries !== 'object' || entries === null) throw new Error('unknown format');
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (typeof value === 'string') result[key] = value;
  return { version: FILE_VERSION, entries: result };
}

/**
 * Opens the encrypted password file of a profile. Writes are serialized and atomic; a file that cannot
 * be read is reported as STORAGE and never overwritten silently.
 */
export function openEncryptedFileStore(profileDir: string, safeStorage: SafeStorageLike): EncryptedFileStore {
  const file = path.join(profileDir, ENCRYPTED_CREDENTIALS_FILE_NAME);
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<FileContents> => {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: FILE_VERSION, entries: {} };
      throw wordedError('STORAGE', { id: 'serviceError.credentials.fileUnreadable' }, { cause: error });
    }
    try {
      return parseContents(text);
    } catch (error) {
      throw wordedError('STORAGE', { id: 'serviceError.credentials.fileDamaged' }, { cause: error });
    }
  };

  const write = async (contents: FileContents): Promise<void> => {
    try {
      await writeFileAtomic(file, `${JSON.stringify(contents)}\n`);
    } catch (error) {
      throw wordedError('STORAGE', { id: 'serviceError.credentials.fileNotSaved' }, { cause: error });
    }
  };

  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    get: (key) =>
      serialized(async () => {
        const encoded = (await read()).entries[key];
        if (encoded === undefined) return undefined;
        try {
          return safeStorage.decryptString(Buffer.from(encoded, 'base64'));
        } catch (error) {
          throw wordedError('KEYCHAIN_UNAVAILABLE', { id: 'serviceError.credentials.notDecrypted' }, { cause: error });
        }
      }),
    set: (key, password) =>
      serialized(async () => {
        const contents = await read();
        contents.entries[key] = safeStorage.encryptString(password).toString('base64');
        await write(contents);
      }),
    remove: (matches) =>
      serialized(async () => {
        const contents = await read();
        const doomed = Object.keys(contents.entries).filter(matches);
        if (doomed.length === 0) return 0;
        for (const key of doomed) delete contents.entries[key];
        await write(contents);
        return doomed.length;
      }),
  };
}
