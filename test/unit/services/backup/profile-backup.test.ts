/**
 * Backup and restore of a whole profile: the copy holds exactly what the index refers to (a pack's
 * bytes written after the index was copied are left out), passwords never leave the profile, restore
 * refuses a profile that holds mail unless forced, and a truncated or altered backup is refused with
 * a clear error before anything of the profile is touched.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DATABASE_FILE_NAME } from '../../../../electron/main/core';
import { BACKUP_MANIFEST_FILE, readManifest } from '../../../../electron/services/backup/backup-files';
import { backupProfile } from '../../../../electron/services/backup/profile-backup';
import { restoreProfile } from '../../../../electron/services/backup/profile-restore';
import { INDEX_FILE_NAME } from '../../../../electron/services/backup/verify-copy';
import { ENCRYPTED_CREDENTIALS_FILE_NAME } from '../../../../electron/services/credentials/encrypted-file';
import { SETTINGS_FILE_NAME } from '../../../../electron/services/settings';
import { RAW_DIRECTORY_NAME } from '../../../../electron/storage/message-store';
import { LARGE_MESSAGE_BYTES, PACKS_FOLDER } from '../../../../electron/storage/raw-layout';
import { MailbagError } from '../../../../shared/errors';
import { runMailbag } from '../../../support/cli';
import { ACCOUNT, mail, openTestStore } from '../../storage/store-fixture';

const SECRET = 'hunter2-never-in-a-backup';

/** Every file below a directory with its SHA-256, to show a refused restore changed nothing. */
async function snapshot(directory: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const visit = async (folder: string): Promise<void> => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await visit(full);
      else
        result[path.relative(directory, full)] = createHash('sha256')
          .update(await fs.readFile(full))
          .digest('hex');
    }
  };
  await visit(directory);
  return result;
}

/** The stored messages of a profile: subject line → bytes, read through the store. */
async function storedMessages(profile: string): Promise<Map<number, Buffer>> {
  const { database, store } = await openTestStore(profile);
  try {
    const ids = database.prepare<[], number>('select id from messages order by id').pluck().all();
    const result = new Map<number, Buffer>();
    for (const id of ids) result.set(id, await store.readRawMessage(id));
    return result;
  } finally {
    await store.close();
    database.close();
  }
}

/** A profile with small messages in a pack, one large message in a file of its own, settings and a password file. */
async function filledProfile(root: string, name: string): Promise<{ profile: string; expected: Map<number, Buffer> }> {
  const profile = path.join(root, name);
  await fs.mkdir(profile);
  const { database, store } = await openTestStore(profile);
  try {
    store.ensureDefaultFolders(ACCOUNT);
    const batch = store.beginBatch();
    const messages = [];
    for (let index = 0; index < 20; index += 1) {
      const body = `${'שלום עולם — bidi line\r\n'.repeat(index + 1)}8-bit: caf\u00e9\r\n`;
      messages.push(await batch.addMessage(mail({ subject: `Message ${index}`, body })));
    }
    await batch.commit(messages.map((message) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message })));
    const huge = mail({ subject: 'Huge', body: 'x'.repeat(LARGE_MESSAGE_BYTES + 10) });
    await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, huge);
  } finally {
    await store.close();
    database.close();
  }
  await fs.writeFile(path.join(profile, SETTINGS_FILE_NAME), JSON.stringify({ theme: 'dark' }));
  await fs.writeFile(path.join(profile, ENCRYPTED_CREDENTIALS_FILE_NAME), JSON.stringify({ password: SECRET }));
  return { profile, expected: await storedMessages(profile) };
}

async function refusal(work: Promise<unknown>): Promise<MailbagError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof MailbagError, `a MailbagError, not ${String(error)}`);
    return error;
  }
  return assert.fail('it was refused');
}

describe('profile backup and restore', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-backup-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the index file name is the one the app uses', () => {
    assert.equal(INDEX_FILE_NAME, DATABASE_FILE_NAME);
  });

  test('a round trip brings back every message byte for byte and the settings, but no password', async () => {
    const { profile, expected } = await filledProfile(root, 'round-trip');
    const destination = path.join(root, 'round-trip-backup');
    const report = await backupProfile(profile, destination);
    assert.equal(report.messages, 21);
    assert.deepEqual(report.leftOut, [ENCRYPTED_CREDENTIALS_FILE_NAME]);
    const names = Object.keys(await snapshot(destination));
    assert.ok(names.includes(BACKUP_MANIFEST_FILE) && names.includes(SETTINGS_FILE_NAME) && names.includes(INDEX_FILE_NAME));
    assert.ok(!names.includes(ENCRYPTED_CREDENTIALS_FILE_NAME));
    assert.ok(
      names.some((name) => name.startsWith(path.join(RAW_DIRECTORY_NAME, 'large'))),
      'the large message file is copied',
    );
    for (const name of names) assert.ok(!(await fs.readFile(path.join(destination, name))).includes(SECRET), `${name} holds no password`);
    assert.deepEqual(
      (await fs.readdir(root)).filter((name) => name.endsWith('.partial')),
      [],
      'nothing is left beside the backup',
    );

    const restored = path.join(root, 'round-trip-restored');
    const restoredReport = await restoreProfile(destination, restored);
    assert.equal(restoredReport.messages, 21);
    assert.equal(restoredReport.replacedProfile, undefined);
    assert.deepEqual(await storedMessages(restored), expected);
    assert.equal(await fs.readFile(path.join(restored, SETTINGS_FILE_NAME), 'utf8'), JSON.stringify({ theme: 'dark' }));
    await assert.rejects(fs.stat(path.join(restored, ENCRYPTED_CREDENTIALS_FILE_NAME)), { code: 'ENOENT' });
  });

  test('bytes appended to a pack after the index refers to it are left out of the copy', async () => {
    const { profile, expected } = await filledProfile(root, 'grown');
    const [pack] = await fs.readdir(path.join(profile, RAW_DIRECTORY_NAME, PACKS_FOLDER));
    assert.ok(pack !== undefined);
    const packFile = path.join(profile, RAW_DIRECTORY_NAME, PACKS_FOLDER, pack);
    const committedLength = (await fs.stat(packFile)).size;
    await fs.appendFile(packFile, Buffer.alloc(5000, 0x41));
    const destination = path.join(root, 'grown-backup');
    await backupProfile(profile, destination);
    assert.equal((await fs.stat(path.join(destination, RAW_DIRECTORY_NAME, PACKS_FOLDER, pack))).size, committedLength);
    const restored = path.join(root, 'grown-restored');
    await restoreProfile(destination, restored);
    assert.deepEqual(await storedMessages(restored), expected);
  });

  test('a backup goes only into a new or empty folder', async () => {
    const { profile } = await filledProfile(root, 'busy-destination');
    const destination = path.join(root, 'occupied');
    await fs.mkdir(destination);
    await fs.writeFile(path.join(destination, 'notes.txt'), 'mine');
    const error = await refusal(backupProfile(profile, destination));
    assert.equal(error.code, 'VALIDATION');
    assert.deepEqual(await fs.readdir(destination), ['notes.txt']);
    const empty = path.join(root, 'empty-destination');
    await fs.mkdir(empty);
    assert.equal((await backupProfile(profile, empty)).messages, 21);
  });

  test('a profile that holds mail is replaced only with force, and then kept beside', async () => {
    const { profile: source } = await filledProfile(root, 'force-source');
    const destination = path.join(root, 'force-backup');
    await backupProfile(source, destination);
    const { profile: target, expected: targetMessages } = await filledProfile(root, 'force-target');
    await fs.writeFile(path.join(target, ENCRYPTED_CREDENTIALS_FILE_NAME), 'this computer’s passwords');
    const before = await snapshot(target);
    const error = await refusal(restoreProfile(destination, target));
    assert.equal(error.code, 'VALIDATION');
    assert.match(error.message, /--force/);
    assert.deepEqual(await snapshot(target), before);

    const report = await restoreProfile(destination, target, { force: true, now: () => Date.UTC(2026, 11, 6, 12) });
    assert.equal(report.replacedProfile, `${target}.replaced-2026-12-06T12-00-00-000Z`);
    assert.deepEqual(await snapshot(report.replacedProfile), before, 'the replaced profile is kept as it was');
    assert.equal(await fs.readFile(path.join(target, ENCRYPTED_CREDENTIALS_FILE_NAME), 'utf8'), 'this computer’s passwords');
    assert.equal((await storedMessages(target)).size, 21);
    assert.equal((await storedMessages(report.replacedProfile)).size, targetMessages.size);
  });

  test('a truncated pack is refused with a clear error and the profile stays untouched', async () => {
    const { profile } = await filledProfile(root, 'truncated-source');
    const destination = path.join(root, 'truncated-backup');
    await backupProfile(profile, destination);
    const [pack] = await fs.readdir(path.join(destination, RAW_DIRECTORY_NAME, PACKS_FOLDER));
    assert.ok(pack !== undefined);
    const packFile = path.join(destination, RAW_DIRECTORY_NAME, PACKS_FOLDER, pack);
    await fs.truncate(packFile, (await fs.stat(packFile)).size - 100);
    const { profile: target } = await filledProfile(root, 'truncated-target');
    const before = await snapshot(target);
    const error = await refusal(restoreProfile(destination, target, { force: true }));
    assert.equal(error.code, 'STORAGE');
    assert.match(error.message, new RegExp(`damaged: ${RAW_DIRECTORY_NAME}/${PACKS_FOLDER}/${pack} holds \\d+ bytes`));
    assert.deepEqual(await snapshot(target), before);
    assert.deepEqual(
      (await fs.readdir(root)).filter((name) => name.includes('truncated-target.')),
      [],
      'no half restore is left beside it',
    );
  });

  test('a message altered inside the backup is found by reading every message back', async () => {
    const { profile } = await filledProfile(root, 'altered-source');
    const destination = path.join(root, 'altered-backup');
    await backupProfile(profile, destination);
    const [pack] = await fs.readdir(path.join(destination, RAW_DIRECTORY_NAME, PACKS_FOLDER));
    assert.ok(pack !== undefined);
    const relative = `${RAW_DIRECTORY_NAME}/${PACKS_FOLDER}/${pack}`;
    const bytes = await fs.readFile(path.join(destination, relative));
    const at = bytes.indexOf('Message 7');
    bytes[at] = 'm'.charCodeAt(0);
    await fs.writeFile(path.join(destination, relative), bytes);
    // The manifest is made to agree, as when the damage happened before the backup was written down.
    const manifest = await readManifest(destination);
    const files = manifest.files.map((file) => (file.path === relative ? { ...file, sha256: createHash('sha256').update(bytes).digest('hex') } : file));
    await fs.writeFile(path.join(destination, BACKUP_MANIFEST_FILE), JSON.stringify({ ...manifest, files }));
    const target = path.join(root, 'altered-target');
    const error = await refusal(restoreProfile(destination, target));
    assert.equal(error.code, 'STORAGE');
    assert.match(error.message, /message \d+ is cut short or altered/);
    await assert.rejects(fs.stat(target), { code: 'ENOENT' });
  });

  test('a damaged index is refused by the integrity check', async () => {
    const { profile } = await filledProfile(root, 'index-source');
    const destination = path.join(root, 'index-backup');
    await backupProfile(profile, destination);
    const index = await fs.readFile(path.join(destination, INDEX_FILE_NAME));
    // Page 2 onwards hold tables; scribbling over one page breaks the b-tree.
    index.fill(0xff, 4096 + 8, 4096 + 200);
    await fs.writeFile(path.join(destination, INDEX_FILE_NAME), index);
    const manifest = await readManifest(destination);
    const files = manifest.files.map((file) => (file.path === INDEX_FILE_NAME ? { ...file, sha256: createHash('sha256').update(index).digest('hex') } : file));
    await fs.writeFile(path.join(destination, BACKUP_MANIFEST_FILE), JSON.stringify({ ...manifest, files }));
    const error = await refusal(restoreProfile(destination, path.join(root, 'index-target')));
    assert.equal(error.code, 'STORAGE');
    assert.match(error.message, /index/);
  });

  test('a folder without a manifest is not taken for a backup', async () => {
    const folder = path.join(root, 'not-a-backup');
    await fs.mkdir(folder);
    const error = await refusal(restoreProfile(folder, path.join(root, 'nowhere')));
    assert.match(error.message, /is not a Mailbag backup/);
  });

  test('the command line backs up and restores, says passwords stay, and exits 1 on a damaged backup', async () => {
    const { profile } = await filledProfile(root, 'cli-source');
    const destination = path.join(root, 'cli-backup');
    const backup = await runMailbag(['--profile', profile, 'backup', destination]);
    assert.equal(backup.code, 0, backup.err);
    assert.match(backup.out, /Backed up 21 messages/);
    assert.match(backup.out, /Passwords are not in the backup/);
    const target = path.join(root, 'cli-target');
    const restore = await runMailbag(['--profile', target, '--json', 'restore', destination]);
    assert.equal(restore.code, 0, restore.err);
    assert.equal((JSON.parse(restore.out) as { messages: number }).messages, 21);
    const again = await runMailbag(['--profile', target, 'restore', destination]);
    assert.equal(again.code, 2);
    assert.match(again.err, /VALIDATION: .*--force/);
    await fs.rm(path.join(destination, INDEX_FILE_NAME));
    const broken = await runMailbag(['--profile', path.join(root, 'cli-broken'), 'restore', destination]);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /STORAGE: The backup in .* is incomplete: mailbag\.sqlite cannot be read/);
  });
});
