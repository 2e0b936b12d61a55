import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../electron/services/credentials/encrypted-file';

/** AES-256-GCM parameters of the fake. */
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Options for {@link createFakeSafeStorage}. */
export interface FakeSafeStorageOptions {
  /** Hex key, so a child process can decrypt what its parent wrote; random by default. */
  readonly keyHex?: string;
  readonly available?: boolean;
  /** What `getSelectedStorageBackend` returns (Electron on Linux); omitted when undefined. */
  readonly backend?: string;
}

/**
 * A stand-in for Electron's safeStorage that really encrypts (AES-256-GCM with a key held in memory),
 * so a test that finds no plaintext password on disk means something.
 */
export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}): SafeStorageLike & { readonly keyHex: string } {
  const key = options.keyHex === undefined ? randomBytes(KEY_BYTES) : Buffer.from(options.keyHex, 'hex');
  const available = options.available ?? true;
  const base: SafeStorageLike & { readonly keyHex: string } = {
    keyHex: key.toString('hex'),
    isEncryptionAvailable: () => available,
    encryptString(plainText) {
      if (!available) throw new Error('Encryption is not available.');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, IV_BYTES));
      decipher.setAuthTag(encrypted.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(encrypted.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
  const backend = options.backend;
  return backend === undefined ? base : { ...base, getSelectedStorageBackend: () => backend };
}
