/**
 * The refusals of backup and restore are catalog messages: the folder names and the database's own
 * words stay data, the sentence around them is said in the reader's language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BACKUP_MANIFEST_FILE, newManifest } from '../../../../electron/services/backup/backup-files';
import { backupProfile } from '../../../../electron/services/backup/profile-backup';
import { restoreProfile } from '../../../../electron/services/backup/profile-restore';
import { INDEX_FILE_NAME } from '../../../../electron/services/backup/verify-copy';
import { refusal, saidIn } from './refusal';

const root = (): string => mkdtempSync(path.join(os.tmpdir(), 'mailbag-backup-words-'));

test('restoring from a folder that is no backup is refused in German, the folder named as written', async () => {
  const folder = path.join(root(), 'Urlaub 2026 — صور');
  await fs.mkdir(folder);
  const refused = await refusal(restoreProfile(folder, path.join(root(), 'profile')));
  assert.equal(refused.code, 'STORAGE');
  assert.equal(refused.message, `${folder} is not a Mailbag backup: it has no ${BACKUP_MANIFEST_FILE}.`);
  assert.equal(saidIn('de', refused), `${folder} ist keine Mailbag-Sicherung: Die Datei ${BACKUP_MANIFEST_FILE} fehlt.`);
});

test('backing up into a folder that is not empty is refused in Arabic', async () => {
  const destination = path.join(root(), 'full');
  await fs.mkdir(destination);
  await fs.writeFile(path.join(destination, 'keep.txt'), 'mine');
  const refused = await refusal(backupProfile(root(), destination));
  assert.equal(refused.message, `${destination} already exists and is not empty; back up into a new or empty folder.`);
  assert.equal(saidIn('ar', refused), `‏${destination} موجود بالفعل وليس فارغًا؛ انسخ احتياطيًا إلى مجلد جديد أو فارغ.`);
});

test('a backup whose index is no database is refused in German, SQLite’s own words kept as data', async () => {
  const folder = path.join(root(), 'backup');
  await fs.mkdir(folder);
  const junk = Buffer.from('not a database at all, '.repeat(400));
  await fs.writeFile(path.join(folder, INDEX_FILE_NAME), junk);
  const manifest = newManifest({
    createdAt: 1,
    schemaVersion: 1,
    messages: 0,
    files: [{ path: INDEX_FILE_NAME, size: junk.length, sha256: createHash('sha256').update(junk).digest('hex') }],
  });
  await fs.writeFile(path.join(folder, BACKUP_MANIFEST_FILE), JSON.stringify(manifest));
  const refused = await refusal(restoreProfile(folder, path.join(root(), 'profile')));
  assert.equal(refused.code, 'STORAGE');
  const problem = /\(([^)]*)\)\.$/.exec(refused.message)?.[1];
  assert.ok(problem !== undefined && problem !== '', refused.message);
  assert.equal(refused.message, `The backup in ${folder} is damaged: its index is not a readable database (${problem}).`);
  assert.equal(saidIn('de', refused), `Die Sicherung in ${folder} ist beschädigt: Der Index ist keine lesbare Datenbank (${problem}).`);
});
