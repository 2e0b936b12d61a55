/**
 * The window's import and export operations as main receives them: inputs checked before anything
 * runs (a kind no importer handles, a folder and ids at once, a Local Folder as import target), the
 * file browser's listing, an export of chosen messages byte for byte, and an import whose end arrives
 * as an event and whose messages land in the chosen folder (a message already there is not added).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import type { ImportFinishedEvent } from '../../../shared/import-export-ops';
import { fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';
import { mail } from '../storage/store-fixture';

const context = { transport: 'web' as const };

describe('import and export operations', () => {
  let root: string;
  let core: Core;
  let ids: number[];
  let inbox: number;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-import-export-'));
    const profile = path.join(root, 'profile');
    ids = await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async (opened) => {
      const stored = [];
      for (const subject of ['One', 'Two — שלום']) {
        const { messageId } = await opened.store.addMessage({ accountId: 'a1', folder: 'inbox' }, mail({ subject }));
        if (messageId !== null) stored.push(messageId);
      }
      return stored;
    });
    core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    inbox = core.store.listFolderIdentities('a1').find((folder) => folder.role === 'inbox')?.id ?? assert.fail('no Inbox');
  });
  after(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('inputs are checked in main before anything runs', async () => {
    const unknownKind = await core.registry.dispatch('startImport', { runId: 'r1', kind: 'floppy', source: root, folderId: inbox }, context);
    assert.equal(unknownKind.ok ? 'ok' : unknownKind.error.code, 'VALIDATION');
    const both = await core.registry.dispatch('exportMessages', { folderId: inbox, ids, format: 'mbox', destination: path.join(root, 'x.mbox') }, context);
    assert.equal(both.ok ? 'ok' : both.error.code, 'VALIDATION');
    const localFolder = core.store.database
      .prepare("insert into folders (account_id, parent_id, role, name, created_at) values (null, null, null, 'Archive', 1)")
      .run();
    const intoLocal = await core.registry.dispatch(
      'startImport',
      { runId: 'r2', kind: 'eml', source: root, folderId: Number(localFolder.lastInsertRowid) },
      context,
    );
    assert.equal(intoLocal.ok ? 'ok' : intoLocal.error.code, 'VALIDATION');
    const nul = await core.registry.dispatch('browseFiles', { path: 'a\0b' }, context);
    assert.equal(nul.ok ? 'ok' : nul.error.code, 'VALIDATION');
  });

  test('browsing lists folders first, then files with their sizes', async () => {
    const place = path.join(root, 'browse');
    mkdirSync(path.join(place, 'sub'), { recursive: true });
    writeFileSync(path.join(place, 'a.mbox'), 'From x\n');
    const listed = await core.registry.dispatch('browseFiles', { path: place }, context);
    assert.ok(listed.ok);
    assert.deepEqual(listed.value, {
      path: place,
      parent: root,
      entries: [
        { name: 'sub', kind: 'directory', size: 0 },
        { name: 'a.mbox', kind: 'file', size: 7 },
      ],
      more: 0,
    });
  });

  test('chosen messages export as .eml files holding the stored bytes', async () => {
    const out = path.join(root, 'chosen');
    const result = await core.registry.dispatch('exportMessages', { ids, format: 'eml', destination: out }, context);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal((result.value as { messages: number }).messages, 2);
    assert.deepEqual(readdirSync(out).sort(), ids.map((id) => `${id}.eml`).sort());
    for (const id of ids) assert.deepEqual(readFileSync(path.join(out, `${id}.eml`)), await core.store.readRawMessage(id));
  });

  test('an import reports its end as an event and files the new messages in the chosen folder', async () => {
    const source = path.join(root, 'eml-source');
    mkdirSync(source);
    writeFileSync(path.join(source, 'new.eml'), mail({ subject: 'Imported one' }));
    writeFileSync(path.join(source, 'old.eml'), await core.store.readRawMessage(ids[0] ?? 0));
    const finished = new Promise<ImportFinishedEvent>((resolve) => {
      const stop = core.events.subscribe((name, payload) => {
        if (name !== 'importFinished') return;
        stop();
        resolve(payload as ImportFinishedEvent);
      });
    });
    const started = await core.registry.dispatch('startImport', { runId: 'run-1', kind: 'eml', source, folderId: inbox }, context);
    assert.ok(started.ok, JSON.stringify(started));
    const event = await finished;
    assert.deepEqual({ ...event }, { runId: 'run-1', status: 'completed', imported: 1, duplicates: 1, skipped: 0, problems: [], moreProblems: 0 });
    assert.equal(core.store.listMessages(inbox).total, 3);
  });
});
