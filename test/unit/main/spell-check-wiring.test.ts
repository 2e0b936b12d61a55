/**
 * The spell checker wired in the desktop shell, with the fake electron module: Settings switch it on
 * and off and choose its languages (those without a dictionary left out, never an error), a right-click
 * on a misspelled word offers the suggestions and "Add to dictionary" and each does what it says, and
 * the preload answers which words are misspelled for "check spelling before sending".
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Result } from '../../../shared/errors';
import { operationChannel } from '../../../shared/ipc/names';
import type { PreloadSpelling } from '../../../electron/preload/index';
import { createFakeElectron, installFakeElectron, type FakeElectron } from '../../fakes/electron';

const TRUSTED = { url: 'app://mailbag/index.html', parent: null };
/** Longest wait for main to react to a settings change. */
const SETTLE_MS = 5_000;
let userData: string;
let fake: FakeElectron;
let uninstall: () => void;

async function updateSettings(patch: Record<string, unknown>): Promise<Result<unknown>> {
  const handler = fake.ipcHandlers.get(operationChannel('updateSettings'));
  assert.ok(handler);
  return (await handler({ senderFrame: TRUSTED, sender: {} }, patch)) as Result<unknown>;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + SETTLE_MS; !condition(); await delay(10)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
  }
}

before(async () => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'mailbag-electron-spelling-'));
  fake = createFakeElectron(userData);
  uninstall = installFakeElectron(fake);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  require('../../../electron/main/index');
  await until(() => fake.windows.length === 1, 'the main window');
});

after(() => {
  uninstall();
  rmSync(userData, { recursive: true, force: true });
});

test('Settings switch the spell checker and choose its languages; a language without a dictionary is left out', async () => {
  assert.equal(fake.spellChecker.enabled, true, 'on by default');
  assert.deepEqual(fake.spellChecker.languages, [], 'no language chosen: Chromium keeps the app’s');
  const chosen = await updateSettings({ spellCheckLanguages: ['de-DE', 'tlh-QO', 'pt-BR'] });
  assert.ok(chosen.ok, JSON.stringify(chosen));
  await until(() => fake.spellChecker.languages.length > 0, 'the languages');
  assert.deepEqual(fake.spellChecker.languages, ['de-DE', 'pt-BR']);
  const off = await updateSettings({ spellCheck: false });
  assert.ok(off.ok);
  await until(() => !fake.spellChecker.enabled, 'the spell checker off');
  const bad = await updateSettings({ spellCheckLanguages: ['de-DE; rm -rf'] });
  assert.equal(!bad.ok && bad.error.code, 'VALIDATION');
  assert.ok((await updateSettings({ spellCheck: true })).ok);
  await until(() => fake.spellChecker.enabled, 'the spell checker on');
});

test('right-clicking a misspelled word offers suggestions that replace it and “Add to dictionary”', () => {
  const [window] = fake.windows;
  assert.ok(window);
  const before = fake.popups.length;
  const params = { isEditable: true, misspelledWord: 'teh', dictionarySuggestions: ['the', 'tech', 'ten', 'tea', 'tee', 'tel', 'tex'], linkURL: '' };
  window.webContents.emit('context-menu', { preventDefault: () => undefined }, params);
  assert.equal(fake.popups.length, before + 1);
  const menu = fake.popups.at(-1) ?? [];
  assert.deepEqual(
    menu.map((item) => item.label ?? item.type),
    // At most six suggestions: the seventh is left out.
    ['the', 'tech', 'ten', 'tea', 'tee', 'tel', 'separator', 'Add “teh” to dictionary'],
  );
  menu[0]?.click?.();
  assert.deepEqual(window.webContents.replacedMisspellings, ['the']);
  menu.at(-1)?.click?.();
  assert.deepEqual(fake.spellChecker.added, ['teh']);

  window.webContents.emit('context-menu', { preventDefault: () => undefined }, { ...params, dictionarySuggestions: [] });
  assert.deepEqual(
    (fake.popups.at(-1) ?? []).map((item) => [item.label ?? item.type, item.enabled]),
    [
      ['No spelling suggestions', false],
      ['separator', undefined],
      ['Add “teh” to dictionary', undefined],
    ],
  );
  const count = fake.popups.length;
  window.webContents.emit('context-menu', { preventDefault: () => undefined }, { ...params, isEditable: false });
  window.webContents.emit('context-menu', { preventDefault: () => undefined }, { ...params, misspelledWord: '' });
  assert.equal(fake.popups.length, count, 'no spelling menu outside editable text or on a correct word');
});

test('the spelling menu speaks the language chosen in Settings at the moment it opens', async () => {
  const [window] = fake.windows;
  assert.ok(window);
  assert.ok((await updateSettings({ language: 'fr' })).ok);
  window.webContents.emit(
    'context-menu',
    { preventDefault: () => undefined },
    { isEditable: true, misspelledWord: 'bonjur', dictionarySuggestions: [], linkURL: '' },
  );
  assert.deepEqual(
    (fake.popups.at(-1) ?? []).map((item) => item.label ?? item.type),
    ['Aucune suggestion orthographique', 'separator', 'Ajouter « bonjur » au dictionnaire'],
  );
  assert.ok((await updateSettings({ language: null })).ok);
});

test('the preload says which words the spell checker marks, and only for bounded words', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  require('../../../electron/preload/index');
  const spelling = fake.exposed.get('mailbagSpelling') as PreloadSpelling;
  assert.ok(spelling, 'nothing was exposed as window.mailbagSpelling');
  assert.equal(Object.isFrozen(spelling), true);
  fake.misspelled.add('teh');
  fake.misspelled.add('x'.repeat(100));
  assert.deepEqual(spelling.misspelled(['the', 'teh', 42, 'x'.repeat(100), 'teh']), ['teh', 'teh']);
  assert.deepEqual(spelling.misspelled('teh'), []);
});
