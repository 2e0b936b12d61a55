import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { openSettings, SETTINGS_FILE_NAME } from '../../../electron/services/settings';

function profile(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'mailbag-settings-'));
}

test('a new profile starts with the defaults and writes nothing until something changes', async () => {
  const dir = profile();
  const settings = await openSettings(dir);
  assert.deepEqual(settings.get(), DEFAULT_SETTINGS);
  assert.deepEqual(readdirSync(dir), []);
});

test('a change is validated, written durably, announced, and read back by the next start', async () => {
  const dir = profile();
  const seen: Settings[] = [];
  const settings = await openSettings(dir, (next) => seen.push(next));
  const next = await settings.update({ appearance: 'dark', checkIntervalMinutes: 30 });
  assert.equal(next.appearance, 'dark');
  assert.deepEqual(seen, [next]);
  assert.deepEqual(readdirSync(dir), [SETTINGS_FILE_NAME], 'no temporary files are left behind');
  assert.deepEqual((await openSettings(dir)).get(), next);
  await assert.rejects(settings.update({ checkIntervalMinutes: -5 }), { code: 'VALIDATION' });
  assert.equal(settings.get().checkIntervalMinutes, 30);
});

test('concurrent changes are applied in order, none lost', async () => {
  const dir = profile();
  const settings = await openSettings(dir);
  await Promise.all([settings.update({ appearance: 'dark' }), settings.update({ notifications: false })]);
  const reread = (await openSettings(dir)).get();
  assert.equal(reread.notifications, false);
  assert.equal(reread.appearance, 'dark');
});

test('a damaged settings file is kept aside and every still-valid value survives', async () => {
  const dir = profile();
  const file = path.join(dir, SETTINGS_FILE_NAME);
  writeFileSync(file, JSON.stringify({ appearance: 'dark', checkIntervalMinutes: 'often', removedOption: 1 }));
  const settings = await openSettings(dir);
  assert.equal(settings.get().appearance, 'dark');
  assert.equal(settings.get().checkIntervalMinutes, DEFAULT_SETTINGS.checkIntervalMinutes);
  const kept = readdirSync(dir).filter((name) => name.startsWith(`${SETTINGS_FILE_NAME}.damaged-`));
  assert.equal(kept.length, 1);
  assert.match(readFileSync(path.join(dir, kept[0] ?? ''), 'utf8'), /often/);

  writeFileSync(file, '{ not json');
  assert.deepEqual((await openSettings(dir)).get(), DEFAULT_SETTINGS);
});

test('a file from an earlier version, lacking newer settings, keeps its values and gets the new defaults without a damaged copy', async () => {
  const dir = profile();
  const file = path.join(dir, SETTINGS_FILE_NAME);
  const earlier = { appearance: 'dark', checkIntervalMinutes: 30, checkAtStartup: false, keyboardPreset: 'outlook', notifications: false };
  writeFileSync(file, JSON.stringify(earlier));
  const settings = await openSettings(dir);
  assert.deepEqual(settings.get(), { ...DEFAULT_SETTINGS, ...earlier });
  assert.deepEqual(readdirSync(dir), [SETTINGS_FILE_NAME]);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), earlier, 'nothing is rewritten until something changes');
});

test('the file is validated before any setting is used, by a change as by a read, and a damaged one is kept aside then', async () => {
  const dir = profile();
  const file = path.join(dir, SETTINGS_FILE_NAME);
  writeFileSync(file, JSON.stringify({ appearance: 'dark', undoSendSeconds: 'soon' }));
  const settings = await openSettings(dir);
  // The first use is a change: what was valid in the file survives it, what was not takes its default.
  const next = await settings.update({ notifications: false });
  assert.equal(next.appearance, 'dark');
  assert.equal(next.undoSendSeconds, DEFAULT_SETTINGS.undoSendSeconds);
  assert.equal(next.notifications, false);
  const kept = readdirSync(dir).filter((name) => name.startsWith(`${SETTINGS_FILE_NAME}.damaged-`));
  assert.equal(kept.length, 1);
  assert.match(readFileSync(path.join(dir, kept[0] ?? ''), 'utf8'), /soon/);
  assert.deepEqual((await openSettings(dir)).get(), next);
});

test('a settings file that cannot be read refuses the profile at once, before any setting is used', async () => {
  const dir = profile();
  // A directory where the file should be: reading it fails with something other than "not found".
  mkdirSync(path.join(dir, SETTINGS_FILE_NAME));
  await assert.rejects(openSettings(dir), { code: 'STORAGE' });
});
