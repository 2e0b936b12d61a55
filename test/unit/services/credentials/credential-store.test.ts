import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorDetailIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { createCredentialStore, credentialKey } from '../../../../electron/services/credentials/credential-store';
import { ENCRYPTED_CREDENTIALS_FILE_NAME } from '../../../../electron/services/credentials/encrypted-file';
import { callKeychain, redact, type Keychain } from '../../../../electron/services/credentials/keychain';
import type { LogFields } from '../../../../electron/services/logger';
import { createFakeSafeStorage } from '../../../fakes/safe-storage';

const PASSWORD = 'pa55-w0rd-in-memory';

function profile(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'mailbag-credential-store-'));
}

/** A keychain in memory that can be told to fail or to never answer. */
function fakeKeychain(): Keychain & { entries: Map<string, string>; mode: 'ok' | 'fail' | 'hang' } {
  const entries = new Map<string, string>();
  const chain = {
    entries,
    mode: 'ok' as 'ok' | 'fail' | 'hang',
    async act<T>(value: () => T): Promise<T> {
      if (chain.mode === 'fail') throw new Error(`Secret Service said no (${PASSWORD})`);
      if (chain.mode === 'hang') return new Promise<T>(() => {});
      return value();
    },
    getPassword: (service: string, account: string) => chain.act(() => entries.get(`${service}/${account}`) ?? null),
    setPassword: (service: string, account: string, password: string) => chain.act(() => void entries.set(`${service}/${account}`, password)),
    deletePassword: (service: string, account: string) => chain.act(() => entries.delete(`${service}/${account}`)),
  };
  return chain;
}

function recordingLogger(): {
  lines: string[];
  info: (m: string, f?: LogFields) => void;
  warn: (m: string, f?: LogFields) => void;
  error: (m: string, f?: LogFields) => void;
} {
  const lines: string[] = [];
  const log = (message: string, fields?: LogFields): void => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: log, warn: log, error: log };
}

const succeed = async (): Promise<void> => {};

test('entries are filed under the app’s service name as <accountId>:<protocol>', async () => {
  const keychain = fakeKeychain();
  const store = createCredentialStore({ profileDir: profile(), keychain });
  await store.saveAfterSuccessfulLogin('a1', 'pop3', PASSWORD, succeed);
  assert.deepEqual([...keychain.entries.keys()], ['Mailbag/a1:pop3']);
  assert.equal(credentialKey('a1', 'smtp'), 'a1:smtp');
  assert.throws(() => credentialKey('a1:pop3', 'smtp'), { code: 'VALIDATION' });
  await assert.rejects(store.get('../etc', 'pop3'), { code: 'VALIDATION' });
  await assert.rejects(store.saveAfterSuccessfulLogin('a1', 'pop3', '', succeed), { code: 'VALIDATION' });
});

test('the login check receives the new password, and a failed login stores nothing', async () => {
  const keychain = fakeKeychain();
  const store = createCredentialStore({ profileDir: profile(), keychain });
  const tried: string[] = [];
  const refuse = async (password: string): Promise<void> => {
    tried.push(password);
    throw new MailbagError('AUTH_FAILED');
  };
  await assert.rejects(store.saveAfterSuccessfulLogin('a1', 'pop3', PASSWORD, refuse), { code: 'AUTH_FAILED' });
  assert.deepEqual(tried, [PASSWORD]);
  assert.equal(await store.get('a1', 'pop3'), undefined);
  assert.equal(keychain.entries.size, 0);
});

test('a keychain that fails later is given up for the session; the password goes to the encrypted file', async () => {
  const keychain = fakeKeychain();
  const logger = recordingLogger();
  const dir = profile();
  const store = createCredentialStore({ profileDir: dir, keychain, safeStorage: createFakeSafeStorage(), logger });
  assert.equal((await store.status()).backend, 'keychain');
  keychain.mode = 'fail';
  assert.deepEqual(await store.saveAfterSuccessfulLogin('a1', 'smtp', PASSWORD, succeed), { backend: 'encrypted-file', persistent: true });
  assert.equal(await store.get('a1', 'smtp'), PASSWORD);
  assert.deepEqual(readdirSync(dir), [ENCRYPTED_CREDENTIALS_FILE_NAME]);
  assert.ok(!readFileSync(path.join(dir, ENCRYPTED_CREDENTIALS_FILE_NAME), 'utf8').includes(PASSWORD));
  assert.ok(logger.lines.length > 0);
  for (const line of logger.lines) assert.ok(!line.includes(PASSWORD), `a log line holds the password: ${line}`);
});

test('a keychain call that never returns times out and the session falls back', async () => {
  const keychain = fakeKeychain();
  keychain.mode = 'hang';
  const store = createCredentialStore({ profileDir: profile(), keychain, keychainTimeoutMs: 50 });
  const status = await store.status();
  assert.equal(status.backend, 'session');
  assert.equal(status.warning?.code, 'KEYCHAIN_UNAVAILABLE');
  await store.saveAfterSuccessfulLogin('a1', 'pop3', PASSWORD, succeed);
  assert.equal(await store.get('a1', 'pop3'), PASSWORD);
});

test('a keychain that cannot even be loaded counts as unavailable', async () => {
  const store = createCredentialStore({
    profileDir: profile(),
    keychain: async () => {
      throw new Error('libsecret-1.so.0: cannot open shared object file');
    },
  });
  assert.equal((await store.status()).backend, 'session');
});

test('safeStorage’s basic_text backend (a key shared by every Linux machine) is not used', async () => {
  const dir = profile();
  const keychain = fakeKeychain();
  keychain.mode = 'fail';
  const store = createCredentialStore({ profileDir: dir, keychain, safeStorage: createFakeSafeStorage({ backend: 'basic_text' }) });
  assert.equal((await store.status()).backend, 'session');
  const unavailable = createCredentialStore({ profileDir: dir, keychain, safeStorage: createFakeSafeStorage({ available: false }) });
  assert.equal((await unavailable.status()).backend, 'session');
  const libsecret = createCredentialStore({ profileDir: dir, keychain, safeStorage: createFakeSafeStorage({ backend: 'gnome_libsecret' }) });
  assert.equal((await libsecret.status()).backend, 'encrypted-file');
});

test('“do not remember” keeps the password for this session and removes a saved one', async () => {
  const keychain = fakeKeychain();
  const store = createCredentialStore({ profileDir: profile(), keychain });
  await store.saveAfterSuccessfulLogin('a1', 'pop3', 'old-password', succeed);
  assert.deepEqual(await store.saveAfterSuccessfulLogin('a1', 'pop3', PASSWORD, succeed, { remember: false }), { backend: 'session', persistent: false });
  assert.equal(keychain.entries.size, 0);
  assert.equal(await store.get('a1', 'pop3'), PASSWORD);
  await store.removeAccount('a1');
  assert.equal(await store.get('a1', 'pop3'), undefined);
});

test('keychain errors become KEYCHAIN_UNAVAILABLE with the password redacted from their detail', async () => {
  const error = await callKeychain('setPassword', () => Promise.reject(new Error(`bad ${PASSWORD} value`)), 1_000, PASSWORD).catch((caught: unknown) => caught);
  assert.ok(error instanceof MailbagError);
  assert.equal(error.code, 'KEYCHAIN_UNAVAILABLE');
  assert.equal(error.detail, 'setPassword: bad [redacted] value');
  assert.equal(redact('abc', ''), 'abc');
});

test('a keychain that does not answer is explained in German and Arabic, and in English for --json', async () => {
  const error = await callKeychain('getPassword', () => new Promise<never>(() => {}), 20).catch((caught: unknown) => caught);
  assert.ok(error instanceof MailbagError);
  assert.equal(error.code, 'KEYCHAIN_UNAVAILABLE');
  assert.equal(error.detail, 'The keychain did not answer getPassword within 20 ms.');
  for (const { t } of [createTranslator('de'), createTranslator('ar')]) {
    const said: string = errorDetailIn(t, error.toData()) ?? '';
    assert.equal(said, t('serviceError.keychain.noAnswer', { operation: 'getPassword', milliseconds: '20' }));
    assert.notEqual(said, error.detail);
    assert.ok(said.includes('getPassword') && said.includes('20'), said);
  }
});
