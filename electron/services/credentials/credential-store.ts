import { wordedError } from '../../../shared/error-words';
import { ERROR_CODES, MailbagError, type ErrorData } from '../../../shared/errors';
import { describeError, silentLogger, type Logger } from '../logger';
import { isSafeStorageUsable, openEncryptedFileStore, type EncryptedFileStore, type SafeStorageLike } from './encrypted-file';
import { callKeychain, KEYCHAIN_SERVICE_NAME, KEYCHAIN_TIMEOUT_MS, loadSystemKeychain, type Keychain } from './keychain';

/**
 * The secrets an account holds, one keychain entry each: the POP3 and SMTP passwords, and the OAuth 2.0
 * refresh token of an account that signs in with its provider (kept by the same rules as a password).
 */
export type CredentialProtocol = 'pop3' | 'smtp' | 'oauth';

/** Where passwords go: the system keychain, the safeStorage-encrypted file, or memory only. */
export type CredentialBackend = 'keychain' | 'encrypted-file' | 'session';

/** Account ids as Mailbag creates them; anything else is refused before it reaches a keychain. */
const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
/** A keychain entry that never holds a password: reading it tells whether the keychain answers. */
const PROBE_ACCOUNT = 'mailbag-keychain-probe';

/** What the UI shows about password storage. */
export interface CredentialStatus {
  readonly backend: CredentialBackend;
  /** Whether saved passwords survive a restart. */
  readonly persistent: boolean;
  /** KEYCHAIN_UNAVAILABLE when passwords are kept for this session only. */
  readonly warning?: ErrorData;
}

/** Options for {@link createCredentialStore}. */
export interface CredentialStoreOptions {
  /** Profile directory; the encrypted fallback file lives here. */
  readonly profileDir: string;
  /** The keychain, or a loader for it; default {@link loadSystemKeychain}, on first use. */
  readonly keychain?: Keychain | (() => Promise<Keychain>);
  /** Electron's safeStorage, given by the Electron composition root; absent in Node. */
  readonly safeStorage?: SafeStorageLike;
  readonly logger?: Logger;
  readonly serviceName?: string;
  readonly keychainTimeoutMs?: number;
}

/** Options of {@link CredentialStore.saveAfterSuccessfulLogin}. */
export interface SaveOptions {
  /** false: the user chose not to save the password; it is kept for this session only. */
  readonly remember?: boolean;
}

/**
 * Passwords of POP3 and SMTP accounts. The only way to store one is {@link saveAfterSuccessfulLogin},
 * so a mistyped password never replaces a working one.
 */
export interface CredentialStore {
  /** Which backend is in use (deciding it on first call). */
  status(): Promise<CredentialStatus>;
  /** The saved password, or undefined when there is none (the UI then asks). */
  get(accountId: string, protocol: CredentialProtocol): Promise<string | undefined>;
  /**
   * Runs `verify` (a login with `password`) and stores the password only if it resolves. A rejection
   * of `verify` is passed on unchanged and nothing is stored or replaced.
   */
  saveAfterSuccessfulLogin(
    accountId: string,
    protocol: CredentialProtocol,
    password: string,
    verify: (password: string) => Promise<void>,
    options?: SaveOptions,
  ): Promise<CredentialStatus>;
  /** Forgets one password everywhere it may be. */
  remove(accountId: string, protocol: CredentialProtocol): Promise<void>;
  /** Forgets every password of an account (when the account is removed). */
  removeAccount(accountId: string): Promise<void>;
}

/** The keychain account name of one password: `<accountId>:<protocol>`. */
export function credentialKey(accountId: string, protocol: CredentialProtocol): string {
  if (!ACCOUNT_ID_PATTERN.test(accountId)) throw wordedError('VALIDATION', { id: 'serviceError.credentials.accountIdInvalid' });
  return `${accountId}:${protocol}`;
}

const PROTOCOLS: readonly CredentialProtocol[] = ['pop3', 'smtp', 'oauth'];

function statusOf(backend: CredentialBackend): CredentialStatus {
  switch (backend) {
    case 'keychain':
    case 'encrypted-file':
      return { backend, persistent: true };
    case 'session':
      return {
        backend,
        persistent: false,
        warning: { code: 'KEYCHAIN_UNAVAILABLE', message: ERROR_CODES.KEYCHAIN_UNAVAILABLE.message },
      };
  }
}

/**
 * Creates the password store of a profile. The backend is chosen on first use: the keychain if it
 * answers within the timeout, else the safeStorage-encrypted file if that protects anything, else
 * memory for this session (reported as KEYCHAIN_UNAVAILABLE). A keychain that fails later is given up
 * for the rest of the session the same way. Passwords are never logged or put in error messages.
 */
export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const logger = options.logger ?? silentLogger;
  const service = options.serviceName ?? KEYCHAIN_SERVICE_NAME;
  const timeoutMs = options.keychainTimeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  const file: EncryptedFileStore | undefined = isSafeStorageUsable(options.safeStorage)
    ? openEncryptedFileStore(options.profileDir, options.safeStorage)
    : undefined;
  const session = new Map<string, string>();
  let keychain: Keychain | undefined;
  let chosen: Promise<CredentialBackend> | undefined;

  /** A keychain failure for the log: the error's words and, for our own errors, their detail. */
  const reasonOf = (error: unknown): string =>
    error instanceof MailbagError && error.detail !== undefined ? `${describeError(error)} (${error.detail})` : describeError(error);

  const fallback = (): CredentialBackend => (file === undefined ? 'session' : 'encrypted-file');

  const choose = async (): Promise<CredentialBackend> => {
    try {
      const source = options.keychain ?? (() => loadSystemKeychain());
      const candidate = typeof source === 'function' ? await source() : source;
      await callKeychain('getPassword', () => candidate.getPassword(service, PROBE_ACCOUNT), timeoutMs);
      keychain = candidate;
      return 'keychain';
    } catch (error) {
      const backend = fallback();
      logger.warn('The system keychain is not available', { fallback: backend, reason: reasonOf(error) });
      return backend;
    }
  };
  const backend = (): Promise<CredentialBackend> => (chosen ??= choose());

  /** Gives up the keychain for this session after it failed; returns the backend to use instead. */
  const abandonKeychain = (error: unknown): CredentialBackend => {
    const next = fallback();
    logger.warn('The system keychain failed; not using it again this session', { fallback: next, reason: reasonOf(error) });
    keychain = undefined;
    chosen = Promise.resolve(next);
    return next;
  };

  const keychainCall = <T>(operation: string, call: (chain: Keychain) => Promise<T>, secret?: string): Promise<T> => {
    const chain = keychain;
    if (chain === undefined) return Promise.reject(new MailbagError('KEYCHAIN_UNAVAILABLE'));
    return callKeychain(operation, () => call(chain), timeoutMs, secret);
  };

  const readFile = async (key: string): Promise<string | undefined> => {
    if (file === undefined) return undefined;
    try {
      return await file.get(key);
    } catch (error) {
      logger.warn('A password in the encrypted file could not be read', { key, reason: reasonOf(error) });
      return undefined;
    }
  };

  const get = async (key: string): Promise<string | undefined> => {
    const remembered = session.get(key);
    if (remembered !== undefined) return remembered;
    const current = await backend();
    switch (current) {
      case 'keychain': {
        let found: string | null;
        try {
          found = await keychainCall('getPassword', (chain) => chain.getPassword(service, key));
        } catch (error) {
          abandonKeychain(error);
          return readFile(key);
        }
        if (found !== null) return found;
        // Saved to the file in a session without a keychain: move it into the keychain now.
        const fromFile = await readFile(key);
        if (fromFile !== undefined && file !== undefined) {
          try {
            await keychainCall('setPassword', (chain) => chain.setPassword(service, key, fromFile), fromFile);
            await file.remove((candidate) => candidate === key);
          } catch (error) {
            logger.warn('A password could not be moved into the keychain', { key, reason: reasonOf(error) });
          }
        }
        return fromFile;
      }
      case 'encrypted-file':
        return readFile(key);
      case 'session':
        return undefined;
    }
  };

  const store = async (key: string, password: string): Promise<CredentialBackend> => {
    let current = await backend();
    if (current === 'keychain') {
      try {
        await keychainCall('setPassword', (chain) => chain.setPassword(service, key, password), password);
        return current;
      } catch (error) {
        current = abandonKeychain(error);
      }
    }
    if (current === 'encrypted-file' && file !== undefined) {
      await file.set(key, password);
      return current;
    }
    session.set(key, password);
    return 'session';
  };

  const removeKeys = async (keys: readonly string[]): Promise<void> => {
    for (const key of keys) session.delete(key);
    const current = await backend();
    if (current === 'keychain') {
      try {
        for (const key of keys) await keychainCall('deletePassword', (chain) => chain.deletePassword(service, key));
      } catch (error) {
        abandonKeychain(error);
      }
    }
    if (file !== undefined) await file.remove((key) => keys.includes(key));
  };

  return {
    status: async () => statusOf(await backend()),
    get: async (accountId, protocol) => get(credentialKey(accountId, protocol)),
    async saveAfterSuccessfulLogin(accountId, protocol, password, verify, saveOptions) {
      const key = credentialKey(accountId, protocol);
      if (password === '') throw wordedError('VALIDATION', { id: 'serviceError.credentials.passwordEmpty' });
      await verify(password);
      if (saveOptions?.remember === false) {
        await removeKeys([key]);
        session.set(key, password);
        return { backend: 'session', persistent: false };
      }
      const where = await store(key, password);
      if (where !== 'session') session.delete(key);
      return statusOf(where);
    },
    remove: async (accountId, protocol) => removeKeys([credentialKey(accountId, protocol)]),
    removeAccount: async (accountId) => removeKeys(PROTOCOLS.map((protocol) => credentialKey(accountId, protocol))),
  };
}
