/**
 * Junk is emptied after N days through the real core: only messages in Junk whose junk verdict is older
 * than the setting are deleted for good (their stored bytes too), mail moved to Junk by hand without a
 * verdict and recent junk stay, 0 days keeps everything, and the windows are told what went.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { folderIdForRole } from '../../../electron/storage/folders';
import { DAY_MS } from '../../../electron/storage/junk-purge';
import { fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';
import { mail } from '../storage/store-fixture';

const NOW = Date.UTC(2026, 11, 6, 12);

describe('emptying Junk after N days', () => {
  let root: string;
  let core: Core;
  const ids = new Map<string, number>();

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-junk-purge-'));
    const profile = path.join(root, 'profile');
    await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async (opened) => {
      for (const subject of ['Old junk', 'Recent junk', 'Moved by hand', 'Old junk rescued', 'Old junk — זבל ישן']) {
        const outcome = await opened.store.addMessage({ accountId: 'a1', folder: 'inbox' }, mail({ subject, body: 'Buy now. '.repeat(2000) }));
        if (outcome.messageId !== null) ids.set(subject, outcome.messageId);
      }
      return [];
    });
    core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    const junk = folderIdForRole(core.database, 'a1', 'junk');
    const verdict = core.database.prepare("insert into message_junk (message_id, verdict, source, updated_at) values (?, ?, 'user', ?)");
    const move = core.database.prepare('update messages set folder_id = ? where id = ?');
    const id = (subject: string): number => ids.get(subject) ?? assert.fail(subject);
    verdict.run(id('Old junk'), 'junk', NOW - 31 * DAY_MS);
    verdict.run(id('Old junk — זבל ישן'), 'junk', NOW - 400 * DAY_MS);
    verdict.run(id('Recent junk'), 'junk', NOW - 29 * DAY_MS);
    verdict.run(id('Old junk rescued'), 'ham', NOW - 90 * DAY_MS);
    for (const subject of ['Old junk', 'Old junk — זבל ישן', 'Recent junk', 'Moved by hand', 'Old junk rescued']) move.run(junk, id(subject));
  });
  after(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  const subjectsInJunk = (): string[] =>
    core.database
      .prepare<[number], string>('select subject from messages where folder_id = ? order by subject')
      .pluck()
      .all(folderIdForRole(core.database, 'a1', 'junk'));

  test('0 days keeps all junk', async () => {
    await core.settings.update({ junkRetentionDays: 0 });
    assert.deepEqual((await core.junkPurge.runNow(NOW)).messageIds, []);
    assert.equal(subjectsInJunk().length, 5);
  });

  test('junk whose verdict is older than the setting is deleted for good, and the windows are told', async () => {
    assert.equal(core.settings.get().junkRetentionDays === 0, true);
    await core.settings.update({ junkRetentionDays: 30 });
    const told: unknown[] = [];
    const stop = core.events.subscribe((name, payload) => {
      if (name === 'mailChanged') told.push(payload);
    });
    const purged = await core.junkPurge.runNow(NOW);
    stop();
    assert.deepEqual([...purged.messageIds].sort(), [ids.get('Old junk'), ids.get('Old junk — זבל ישן')].sort());
    assert.deepEqual(subjectsInJunk(), ['Moved by hand', 'Old junk rescued', 'Recent junk']);
    assert.equal(core.database.prepare('select count(*) from messages where id in (?, ?)').pluck().get(ids.get('Old junk'), ids.get('Old junk — זבל ישן')), 0);
    assert.equal(told.length, 1);
    assert.deepEqual((await core.junkPurge.runNow(NOW)).messageIds, [], 'a second run finds nothing more');
  });

  test('a new profile keeps junk 30 days', async () => {
    const { DEFAULT_SETTINGS } = await import('../../../shared/settings');
    assert.equal(DEFAULT_SETTINGS.junkRetentionDays, 30);
  });
});
