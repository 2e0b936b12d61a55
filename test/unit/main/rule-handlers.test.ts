/**
 * The rule editor's operations as main receives them: a rule checked as `mailbag rules add` checks it
 * (a condition with a mistake, a server delete without confirmation), saved, changed in its place,
 * switched off (new mail no longer sees it), moved in the order, tried as a search, previewed on a
 * folder and then run, with the windows told what changed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { createFolder } from '../../../electron/storage/folders';
import type { Result } from '../../../shared/errors';
import type { Rule, RuleInput } from '../../../shared/rules';
import { ruleProblemsIn, type RuleRunReport } from '../../../shared/rule-ops';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';
import { mail } from '../storage/store-fixture';

const context = { transport: 'web' as const };

function value<T>(result: Result<unknown>): T {
  if (!result.ok) assert.fail(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('rule operations', () => {
  let root: string;
  let core: Core;
  let inbox: number;
  let lists: number;

  const rule = (overrides: Partial<RuleInput> = {}): RuleInput => ({
    name: 'Lists',
    query: 'header:list-id:announce',
    actions: [{ kind: 'move', folder: 'Lists' }],
    stop: false,
    accountId: 'a1',
    ...overrides,
  });

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-rule-ops-'));
    const profile = path.join(root, 'profile');
    await fillProfile(
      profile,
      [
        ['a1', 'Ann', 'ann@example.com'],
        ['b1', 'Bob', 'bob@example.com'],
      ],
      async (opened) => {
        const subjects = ['Release 1', 'Release 2', 'Release 3', 'Dinner — שלום'];
        for (const [index, subject] of subjects.entries()) {
          const extraHeaders = index < 3 ? ['List-Id: Announcements <announce.example.org>'] : [];
          await opened.store.addMessage({ accountId: 'a1', folder: 'inbox' }, mail({ subject, extraHeaders }));
        }
        return [];
      },
    );
    core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    inbox = core.store.listFolderIdentities('a1').find((folder) => folder.role === 'inbox')?.id ?? assert.fail('no Inbox');
    lists = createFolder(core.database, 'a1', 'Lists');
  });
  after(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('a rule is refused with the reason, saved, changed in its place, switched off and moved', async () => {
    const broken = await core.registry.dispatch('saveRule', { rule: rule({ query: 'from:(ann' }) }, context);
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.error.message, /The condition has a mistake/);
    const unconfirmed = await core.registry.dispatch(
      'saveRule',
      { rule: rule({ name: 'Drop', query: 'subject:lottery', actions: [{ kind: 'server', mode: 'delete' }] }) },
      context,
    );
    assert.match(unconfirmed.ok ? '' : unconfirmed.error.message, /needs your confirmation/);

    const first = value<Rule>(await core.registry.dispatch('saveRule', { rule: rule() }, context));
    const second = value<Rule>(
      await core.registry.dispatch('saveRule', { rule: rule({ name: 'Flag Ann', query: 'from:ann', actions: [{ kind: 'flag' }] }) }, context),
    );
    const changed = value<Rule>(await core.registry.dispatch('saveRule', { id: first.id, rule: rule({ name: 'Announcements', stop: true }) }, context));
    assert.equal(changed.name, 'Announcements');
    assert.equal(changed.position, first.position);
    const taken = await core.registry.dispatch('saveRule', { id: second.id, rule: rule({ name: 'announcements' }) }, context);
    assert.match(taken.ok ? '' : taken.error.message, /already a rule/);

    const off = value<Rule>(await core.registry.dispatch('setRuleEnabled', { id: second.id, enabled: false }, context));
    assert.equal(off.enabled, false);
    const moved = value<Rule[]>(await core.registry.dispatch('moveRule', { id: second.id, direction: 'up' }, context));
    assert.deepEqual(
      moved.map((entry) => [entry.name, entry.enabled]),
      [
        ['Flag Ann', false],
        ['Announcements', true],
      ],
    );
    const listed = value<Rule[]>(await core.registry.dispatch('listRules', undefined, context));
    assert.deepEqual(
      listed.map((entry) => entry.name),
      ['Flag Ann', 'Announcements'],
    );
    value(await core.registry.dispatch('removeRule', { id: second.id }, context));
    assert.equal(value<Rule[]>(await core.registry.dispatch('listRules', undefined, context)).length, 1);
  });

  test('a rule whose move or copy names a folder it cannot reach is refused with FOLDER_NOT_FOUND, and nothing is saved', async () => {
    const before = value<Rule[]>(await core.registry.dispatch('listRules', undefined, context)).length;
    const missing = await core.registry.dispatch('saveRule', { rule: rule({ name: 'Nowhere', actions: [{ kind: 'move', folder: 'Lists/Old' }] }) }, context);
    assert.equal(missing.ok ? '' : missing.error.code, 'FOLDER_NOT_FOUND');
    assert.match(missing.ok ? '' : missing.error.message, /There is no folder “Lists\/Old” in the rule’s account or in Local Folders to move to/);
    const copy = await core.registry.dispatch(
      'saveRule',
      { rule: rule({ name: 'Copy nowhere', actions: [{ kind: 'mark-read' }, { kind: 'copy', folder: 'Археология שלום' }], accountId: null }) },
      context,
    );
    assert.equal(copy.ok ? '' : copy.error.code, 'FOLDER_NOT_FOUND');
    assert.match(copy.ok ? '' : copy.error.message, /There is no folder “Археология שלום” to copy to/);
    // The folder rides along as the detail, so the window says the sentence in its own language.
    assert.equal(copy.ok ? '' : copy.error.detail, 'Археология שלום');
    // Another account's folder is out of a rule's reach, though not of a rule of every account.
    createFolder(core.database, 'b1', 'Elsewhere');
    const elsewhere = await core.registry.dispatch(
      'saveRule',
      { rule: rule({ name: 'Elsewhere', actions: [{ kind: 'move', folder: 'Elsewhere' }] }) },
      context,
    );
    assert.equal(elsewhere.ok ? '' : elsewhere.error.code, 'FOLDER_NOT_FOUND');
    assert.equal(value<Rule[]>(await core.registry.dispatch('listRules', undefined, context)).length, before, 'nothing was saved');
    const saved = value<Rule>(
      await core.registry.dispatch(
        'saveRule',
        { rule: rule({ name: 'Elsewhere', actions: [{ kind: 'move', folder: 'elsewhere' }], accountId: null }) },
        context,
      ),
    );
    assert.equal(saved.name, 'Elsewhere', 'a rule of every account reaches any account’s folder');
    const byRole = value<Rule>(
      await core.registry.dispatch('saveRule', { rule: rule({ name: 'Copy to Trash', actions: [{ kind: 'copy', folder: 'Trash' }] }) }, context),
    );
    // Changing a saved rule is checked the same way.
    const changed = await core.registry.dispatch(
      'saveRule',
      { id: byRole.id, rule: rule({ name: 'Copy to Trash', actions: [{ kind: 'copy', folder: 'Gone' }] }) },
      context,
    );
    assert.equal(changed.ok ? '' : changed.error.code, 'FOLDER_NOT_FOUND');
    value(await core.registry.dispatch('removeRule', { id: saved.id }, context));
    value(await core.registry.dispatch('removeRule', { id: byRole.id }, context));
  });

  test('a condition is tried as a search, and a run on a folder is previewed before it moves anything', async () => {
    assert.deepEqual(value(await core.registry.dispatch('countRuleMatches', { query: 'header:list-id:announce', accountId: 'a1' }, context)), { count: 3 });
    assert.deepEqual(value(await core.registry.dispatch('countRuleMatches', { query: 'header:list-id:announce', accountId: 'other' }, context)), { count: 0 });
    const mistake = await core.registry.dispatch('countRuleMatches', { query: 'subject:"open', accountId: null }, context);
    assert.equal(mistake.ok, false);

    const saved = value<Rule[]>(await core.registry.dispatch('listRules', undefined, context))[0] ?? assert.fail('no rule');
    const events: unknown[] = [];
    const stop = core.events.subscribe((name, payload) => {
      if (name === 'mailChanged') events.push(payload);
    });
    const preview = value<{ applied: Array<{ count: number }> }>(
      await core.registry.dispatch('runRuleOnFolder', { id: saved.id, folderId: inbox, dryRun: true }, context),
    );
    assert.deepEqual(
      preview.applied.map((entry) => entry.count),
      [3],
    );
    assert.equal(core.database.prepare('select count(*) from messages where folder_id = ?').pluck().get(lists), 0, 'a preview moves nothing');
    assert.equal(events.length, 0);
    const done = value<{ applied: Array<{ count: number }> }>(
      await core.registry.dispatch('runRuleOnFolder', { id: saved.id, folderId: inbox, dryRun: false }, context),
    );
    assert.deepEqual(
      done.applied.map((entry) => entry.count),
      [3],
    );
    assert.equal(core.database.prepare('select count(*) from messages where folder_id = ?').pluck().get(lists), 3);
    stop();
    assert.equal(events.length, 1);
  });
  test("a run whose target folder is gone reports it, and the window says it in the reader's language", async () => {
    const target = value<{ id: number }>(await core.registry.dispatch('createFolder', { accountId: 'a1', parentId: null, name: 'Receipts' }, context));
    const saved = value<Rule>(
      await core.registry.dispatch('saveRule', { rule: rule({ name: 'File receipts', actions: [{ kind: 'move', folder: 'Receipts' }] }) }, context),
    );
    value(await core.registry.dispatch('renameFolder', { folderId: target.id, name: 'Paid' }, context));
    const report = value<RuleRunReport>(await core.registry.dispatch('runRuleOnFolder', { id: saved.id, folderId: lists, dryRun: true }, context));
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0] ?? '', /Receipts/);
    const german = ruleProblemsIn(createTranslator('de').t, report);
    assert.notEqual(german[0], report.problems[0], 'the problem is said in German, not English');
    assert.match(german[0] ?? '', /Receipts/);
    assert.deepEqual(ruleProblemsIn(createTranslator('en').t, report), report.problems);
    value(await core.registry.dispatch('removeRule', { id: saved.id }, context));
  });
});
