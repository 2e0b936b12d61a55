/**
 * `mailbag search` never answers from a partial index silently: when its catch-up indexing stopped
 * before every stored message was indexed (the store too busy for too long), it says so on standard
 * error, in the reader's language, and the next search goes on indexing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { searchCommand } from '../../../electron/cli/commands/search';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { fillProfile, NO_KEYCHAIN_ENV, runCommand } from '../../support/cli';
import { mail } from '../storage/store-fixture';

let scratch: string;
before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-search-incomplete-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The profile's core, its catch-up indexing a run that stopped before it took a batch. */
async function coreWithStoppedIndexing(profile: string): Promise<Core> {
  const core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
  return { ...core, indexPending: () => Promise.resolve() };
}

test('a search whose indexing stopped early says that indexing is incomplete, and a later complete one says nothing', { timeout: 60_000 }, async () => {
  const profile = path.join(scratch, 'profile');
  // One message indexed, one stored after it and not yet indexed.
  await fillProfile(profile, [['home', 'Home', 'ann@example.com']], async (core) => {
    await core.store.addMessage({ accountId: 'home', folder: 'inbox' }, mail({ subject: 'Indexed', body: 'harbour' }));
  });
  const open = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
  try {
    await open.store.addMessage({ accountId: 'home', folder: 'inbox' }, mail({ subject: 'Waiting', body: 'harbour' }));
  } finally {
    await open.close();
  }

  const english = await runCommand(searchCommand, ['harbour'], { profileDir: profile, openCore: () => coreWithStoppedIndexing(profile) });
  assert.equal(english.code, 0, english.err);
  assert.match(english.out, /Indexed/);
  assert.match(english.err, /^mailbag: Indexing is incomplete: some stored mail cannot be found by search yet\./m);

  const german = await runCommand(searchCommand, ['harbour'], {
    profileDir: profile,
    openCore: () => coreWithStoppedIndexing(profile),
    translator: createTranslator('de'),
  });
  assert.match(german.err, /Die Indizierung ist unvollständig/);

  const complete = await runCommand(searchCommand, ['harbour'], {
    profileDir: profile,
    openCore: () => createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV }),
  });
  assert.equal(complete.code, 0, complete.err);
  assert.match(complete.out, /Waiting/);
  assert.equal(complete.err, '');
});
