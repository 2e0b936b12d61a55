import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENCRYPTED_CREDENTIALS_FILE_NAME, isSafeStorageUsable, openEncryptedFileStore } from '../../../../electron/services/credentials/encrypted-file';
import { createFakeSafeStorage } from '../../../fakes/safe-storage';

const PASSWORD = 'file-secret-7731';

function profile(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'mailbag-encrypted-file-'));
}

test('entries are encrypted, readable only with the same key, and the file is private to its owner', async () => {
  const dir = profile();
  const safeStorage = createFakeSafeStorage();
  const store = openEncryptedFileStore(dir, safeStorage);
  await Promise.all([store.set('a:pop3', PASSWORD), store.set('a:smtp', 'other-secret'), store.set('b:pop3', 'third-secret')]);
  assert.equal(await store.get('a:pop3'), PASSWORD);
  const file = path.join(dir, ENCRYPTED_CREDENTIALS_FILE_NAME);
  const text = readFileSync(file, 'utf8');
  assert.ok(!text.includes(PASSWORD) && !text.includes(Buffer.from(PASSWORD).toString('base64')));
  if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(await store.remove((key) => key.startsWith('a:')), 2);
  assert.equal(await store.get('a:pop3'), undefined);
  assert.equal(await store.get('b:pop3'), 'third-secret');
  const stranger = openEncryptedFileStore(dir, createFakeSafeStorage());
  await assert.rejects(stranger.get('b:pop3'), { code: 'KEYCHAIN_UNAVAILABLE' });
});

test('a damaged file is reported as STORAGE and left as it is', async () => {
  const dir = profile();
  const file = path.join(dir, ENCRYPTED_CREDENTIALS_FILE_NAME);
  writeFileSync(file, '{ not json');
  const store = openEncryptedFileStore(dir, createFakeSafeStorage());
  await assert.rejects(store.get('a:pop3'), { code: 'STORAGE' });
  await assert.rejects(store.set('a:pop3', PASSWORD), { code: 'STORAGE' });
  assert.equal(readFileSync(file, 'utf8'), '{ not json');
});

test('safeStorage counts only when it is available and not the basic_text backend', () => {
  assert.equal(isSafeStorageUsable(undefined), false);
  assert.equal(isSafeStorageUsable(createFakeSafeStorage()), true);
  assert.equal(isSafeStorageUsable(createFakeSafeStorage({ available: false })), false);
  assert.equal(isSafeStorageUsable(createFakeSafeStorage({ backend: 'basic_text' })), false);
  assert.equal(isSafeStorageUsable(createFakeSafeStorage({ backend: 'kwallet5' })), true);
});
