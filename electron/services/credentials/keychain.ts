import { englishMessage } from '../../../shared/error-words';
import { MailbagError, type ErrorWords } from '../../../shared/errors';

/** The service name under which every Mailbag password is filed in the system keychain. */
export const KEYCHAIN_SERVICE_NAME = 'Mailbag';

/**
 * How long one keychain call may take. On Linux a Secret Service that is wedged (a stopped bus, a
 * daemon waiting on a prompt no one can see) never answers, and keytar has no timeout of its own.
 */
export const KEYCHAIN_TIMEOUT_MS = 5_000;

/** The part of keytar Mailbag uses; injected so the service can run against a fake in tests. */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * Loads keytar on first use rather than at import, so a machine without libsecret still starts and
 * simply falls back (the native module fails to load there).
 */
export async function loadKeytarKeychain(): Promise<Keychain> {
  const loaded = await import('keytar');
  // keytar is CommonJS: loaded as ES module its functions sit on `default` (Node's lexer does not
  // detect all of its named exports); loaded through require they are on the namespace itself.
  const keytar = (loaded.default as typeof loaded.default | undefined) ?? loaded;
  return {
    getPassword: (service, account) => keytar.getPassword(service, account),
    setPassword: (service, account, password) => keytar.setPassword(service, account, password),
    deletePassword: (service, account) => keytar.deletePassword(service, account),
  };
}

/**
 * The keychain of this system: keytar, but on Linux only after the session bus has answered (see
 * session-bus.ts, loaded only then); a bus that is absent or wedged makes this reject with KEYCHAIN_UNAVAILABLE.
 */
export async function loadSystemKeychain(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<Keychain> {
  if (platform === 'linux') {
    const { checkSessionBus } = await import('./session-bus');
    const bus = await checkSessionBus(env['DBUS_SESSION_BUS_ADDRESS']);
    if (bus.state === 'failed') throw new MailbagError('KEYCHAIN_UNAVAILABLE', undefined, { detail: bus.reason });
  }
  return loadKeytarKeychain();
}

/** Replaces every occurrence of `secret` in `text`, so a keychain's error text can be logged safely. */
export function redact(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return text;
  return text.split(secret).join('[redacted]');
}

/**
 * Runs one keychain call with {@link KEYCHAIN_TIMEOUT_MS} (or `timeoutMs`) as its bound. A failure or
 * timeout becomes KEYCHAIN_UNAVAILABLE; its detail never contains `secret`. A timed-out native call
 * cannot be cancelled: it keeps a libuv worker thread until the keychain answers, so after a timeout
 * the keychain must not be used again in this session.
 */
export async function callKeychain<T>(operation: string, call: () => Promise<T>, timeoutMs: number = KEYCHAIN_TIMEOUT_MS, secret?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const detailWords: ErrorWords = { id: 'serviceError.keychain.noAnswer', values: { operation, milliseconds: String(timeoutMs) } };
      reject(new MailbagError('KEYCHAIN_UNAVAILABLE', undefined, { detail: englishMessage(detailWords), detailWords }));
    }, timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(call), timeout]);
  } catch (error) {
    if (error instanceof MailbagError) throw error;
    const text = error instanceof Error ? error.message : typeof error;
    throw new MailbagError('KEYCHAIN_UNAVAILABLE', undefined, { detail: redact(`${operation}: ${text}`, secret) });
  } finally {
    clearTimeout(timer);
  }
}
