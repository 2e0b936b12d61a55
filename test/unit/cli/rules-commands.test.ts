/** `mailbag rules list|add|remove|run` and `mailbag junk mark|unmark`, run in process on a profile with two accounts. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { captureOutput, homeAndWorkProfile, NO_KEYCHAIN_ENV, runMailbag } from '../../support/cli';

let profile: string;
let ids: Record<string, number> = {};

before(async () => {
  profile = mkdtempSync(path.join(os.tmpdir(), 'mailbag-rules-cli-'));
  ids = await homeAndWorkProfile(profile, [
    ['news1', 'home', 'Newsletter: spring'],
    ['news2', 'home', 'Newsletter: summer'],
    ['news3', 'work', 'Newsletter: work'],
    ['note', 'home', 'Note to self'],
    ['prize', 'home', 'You won a prize'],
  ]);
});

after(() => rmSync(profile, { recursive: true, force: true }));

const run = (...args: string[]) => runMailbag(['--profile', profile, ...args]);

/** Runs the command line with LANG set, as a user in that language would. */
async function runIn(lang: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput();
  const code = await runCli(['--profile', profile, ...args], io.streams, { ...NO_KEYCHAIN_ENV, LANG: lang });
  return { code, out: io.out(), err: io.err() };
}

async function folderNameOf(key: string): Promise<string> {
  const shown = await run('--json', 'show', String(ids[key]));
  assert.equal(shown.code, 0, shown.err);
  const { folderId } = JSON.parse(shown.out) as { folderId: number };
  const listed = await run('--json', 'folder', 'list');
  const tree = JSON.parse(listed.out) as { accounts: Array<{ folders: Array<{ id: number; name: string }> }> };
  return tree.accounts.flatMap((account) => account.folders).find((folder) => folder.id === folderId)?.name ?? '?';
}

test('rules are added with their actions, listed in order, and removed by name; mistakes are said at once', async () => {
  assert.equal((await run('folder', 'create', 'News', '--account', 'Home')).code, 0);
  const added = await run('rules', 'add', '--name', 'Newsletters', '--when', 'subject:newsletter', '--move', 'News', '--mark-read', '--account', 'Home');
  assert.equal(added.code, 0, added.err);
  assert.match(added.out, /Added rule “Newsletters”: mark read, move to News\./);
  assert.equal((await run('rules', 'add', '--name', 'Big', '--when', 'larger:5M', '--server', 'headers-only')).code, 0);
  const unconfirmed = await run('rules', 'add', '--name', 'Drop', '--when', 'header:x-spam-flag:=yes', '--server', 'delete');
  assert.equal(unconfirmed.code, 2);
  assert.match(unconfirmed.err, /--yes/);
  assert.equal((await run('rules', 'add', '--name', 'Drop', '--when', 'header:x-spam-flag:=yes', '--server', 'delete', '--yes')).code, 0);
  const badQuery = await run('rules', 'add', '--name', 'Broken', '--when', 'subject:"open', '--flag');
  assert.equal(badQuery.code, 2);
  assert.match(badQuery.err, /VALIDATION: The condition has a mistake: Missing closing quote at 9/);
  const noFolder = await run('rules', 'add', '--name', 'Nowhere', '--when', 'from:x', '--move', 'Nowhere');
  assert.equal(noFolder.code, 1);
  assert.match(noFolder.err, /^mailbag: FOLDER_NOT_FOUND: There is no folder “Nowhere” to move to\. Choose a folder that exists\.$/m);
  assert.equal((await run('rules', 'add', '--name', 'Nothing', '--when', 'from:x')).code, 2, 'a rule must do something');
  const template = path.join(profile, 'away.txt');
  writeFileSync(template, 'Hello {sender},\r\nI am away.\r\n');
  const away = await run(
    '--json',
    'rules',
    'add',
    '--name',
    'Away',
    '--when',
    'to:me@example.com',
    '--reply-template',
    template,
    '--forward',
    'carol@example.org',
  );
  assert.equal(away.code, 0, away.err);
  assert.deepEqual((JSON.parse(away.out) as { actions: unknown[] }).actions, [
    { kind: 'forward', to: 'carol@example.org', template: '' },
    { kind: 'reply', template: 'Hello {sender},\nI am away.\n' },
  ]);
  const badAddress = await run('rules', 'add', '--name', 'Bad forward', '--when', 'from:x', '--forward', 'not an address');
  assert.equal(badAddress.code, 2, badAddress.err);
  assert.equal((await run('rules', 'add', '--name', 'No file', '--when', 'from:x', '--reply-template', path.join(profile, 'missing.txt'))).code, 1);
  assert.equal((await run('rules', 'remove', 'Away')).code, 0);

  const listed = await run('rules', 'list');
  assert.equal(listed.code, 0);
  assert.match(listed.out, /^#\s+NAME\s+ACCOUNT\s+WHEN\s+ACTIONS$/m);
  assert.match(listed.out, /^1\s+Newsletters\s+Home\s+subject:newsletter\s+mark read, move to News$/m);
  assert.match(listed.out, /^2\s+Big\s+all\s+larger:5M\s+download headers only$/m);
  assert.match(listed.out, /^3\s+Drop\s+all\s+header:x-spam-flag:=yes\s+delete from the server$/m);
  const json = JSON.parse((await run('--json', 'rules', 'list')).out) as Array<{ name: string }>;
  assert.deepEqual(
    json.map((rule) => rule.name),
    ['Newsletters', 'Big', 'Drop'],
  );
  assert.equal((await run('rules', 'remove', 'big')).code, 0);
  assert.equal((await run('rules', 'remove', 'big')).code, 1, 'gone');
});

test('rules run previews what a rule would do to a folder, then does it', async () => {
  const preview = await run('rules', 'run', 'Newsletters', '--folder', 'Inbox', '--account', 'Home', '--dry-run');
  assert.equal(preview.code, 0, preview.err);
  assert.equal(preview.out, '2 messages would be marked read.\n2 messages would be moved to News.\n');
  assert.equal(await folderNameOf('news1'), 'Inbox', 'the preview changed nothing');
  const done = await run('--json', 'rules', 'run', 'Newsletters', '--folder', 'Inbox', '--account', 'Home');
  assert.equal(done.code, 0, done.err);
  const report = JSON.parse(done.out) as { dryRun: boolean; applied: Array<{ messageIds: number[] }> };
  assert.equal(report.dryRun, false);
  assert.deepEqual(report.applied[1]?.messageIds, [ids.news1, ids.news2]);
  assert.equal(await folderNameOf('news1'), 'News');
  assert.equal(await folderNameOf('news3'), 'Inbox', 'the rule is for Home only');
  const none = await run('rules', 'run', 'Newsletters', '--folder', 'Inbox', '--account', 'Home');
  assert.match(none.out, /No message in Inbox matches “Newsletters”\./);
});

test('junk mark moves to the Junk folder and unmark brings it back, junk train learns a folder; unknown ids are refused', async () => {
  const marked = await run('junk', 'mark', String(ids.prize));
  assert.equal(marked.code, 0, marked.err);
  assert.match(marked.out, /Marked 1 message as junk; 1 moved\./);
  assert.equal(await folderNameOf('prize'), 'Junk');
  const found = await run('--json', 'search', 'is:junk');
  assert.deepEqual(
    (JSON.parse(found.out) as { messages: Array<{ id: number }> }).messages.map((message) => message.id),
    [ids.prize],
  );
  assert.equal((await run('junk', 'unmark', String(ids.prize))).code, 0);
  assert.equal(await folderNameOf('prize'), 'Inbox');
  const trained = await run('junk', 'train', '--folder', 'Inbox', '--account', 'Work', '--as', 'ham');
  assert.equal(trained.code, 0, trained.err);
  assert.equal(trained.out, 'The junk filter learnt 1 message of Inbox as good mail.\n');
  assert.equal(await folderNameOf('news3'), 'Inbox', 'training moves nothing');
  assert.equal((await run('junk', 'train', '--folder', 'Inbox', '--as', 'maybe')).code, 2);
  assert.equal((await run('junk', 'mark', '999999')).code, 1);
  assert.equal((await run('junk', 'mark', 'x')).code, 2);
});

test('rules import brings Thunderbird filters over as rules, off where they were off, and lists what it could not', async () => {
  const file = path.join(profile, '..', `msgFilterRules-${process.pid}.dat`);
  writeFileSync(
    file,
    [
      'version="9"',
      'logging="no"',
      'name="Imported lists"',
      'enabled="no"',
      'type="17"',
      'action="Mark read"',
      'action="Change priority"',
      'actionValue="Highest"',
      'condition="AND (\\"list-id\\",contains,lists.example.org)"',
      'name="Old"',
      'enabled="yes"',
      'type="17"',
      'action="Delete"',
      'condition="AND (date,is before,01-Jan-2020)"',
      '',
    ].join('\n'),
  );
  try {
    const preview = await run('rules', 'import', file, '--dry-run', '--account', 'Home');
    assert.equal(preview.code, 3, preview.err);
    assert.match(preview.out, /Would import 1 rule: Imported lists\./);
    assert.doesNotMatch((await run('rules', 'list')).out, /Imported lists/, 'a dry run saves nothing');
    const imported = await run('rules', 'import', file, '--account', 'Home');
    assert.equal(imported.code, 3, imported.err);
    assert.match(imported.out, /Imported 1 rule: Imported lists\./);
    assert.match(imported.out, /“Imported lists”: left out Change priority \(no equivalent\)\./);
    assert.match(imported.out, /Not imported: “Old”: conditions on “date” have no equivalent/);
    const german = await runIn('de_DE.UTF-8', 'rules', 'import', file, '--dry-run');
    assert.match(german.out, /^Nicht importiert: „Old“: Bedingungen auf „date“ haben keine Entsprechung$/m);
    const ar = createTranslator('ar').t;
    const arabic = await runIn('ar_EG.UTF-8', 'rules', 'import', file, '--dry-run');
    assert.ok(arabic.out.includes(ar('cli.rules.notImported', { name: 'Old', reason: ar('cli.rules.skip.fieldUnmapped', { field: 'date' }) })), arabic.out);
    assert.doesNotMatch(arabic.out, /equivalent/);
    const json = JSON.parse((await runIn('de_DE.UTF-8', '--json', 'rules', 'import', file, '--dry-run')).out) as { skipped: unknown };
    assert.deepEqual(json.skipped, [{ name: 'Old', reason: { code: 'field-unmapped', field: 'date' } }], 'the reason as data, in no language');
    const listed = await run('--json', 'rules', 'list');
    const rule = (JSON.parse(listed.out) as Array<{ name: string; query: string; enabled: boolean; accountId: string | null }>).find(
      (entry) => entry.name === 'Imported lists',
    );
    assert.deepEqual([rule?.query, rule?.enabled, rule?.accountId !== null], ['header:list-id:lists.example.org', false, true]);
    assert.match((await run('rules', 'list')).out, /Imported lists \(off\)/);
    const again = await run('rules', 'import', file);
    assert.match(again.out, /Not imported: “Imported lists”: There is already a rule named/);
  } finally {
    rmSync(file, { force: true });
  }
});

test("a condition with a mistake is refused in the user's language, and stays English in --json", async () => {
  const args = ['rules', 'add', '--name', 'Kaputt', '--when', 'subject:"offen', '--flag'];
  const german = await runIn('de_DE.UTF-8', ...args);
  assert.equal(german.code, 2);
  const de = createTranslator('de').t;
  const where = de('search.problemAt', { problem: de('search.problem.missingQuote'), position: '9' });
  assert.equal(german.err, `mailbag: VALIDATION: ${de('rules.conditionMistake', { description: where })}\n`);
  assert.match(german.err, /Die Bedingung enthält einen Fehler: .+ an Stelle 9\./);
  const arabic = await runIn('ar_EG.UTF-8', ...args);
  assert.equal(arabic.code, 2);
  assert.match(arabic.err, /^mailbag: VALIDATION: في الشرط خطأ: .*9\.\n$/);
  assert.doesNotMatch(arabic.err, /condition|mistake|Missing/);
  const json = await runIn('de_DE.UTF-8', '--json', ...args);
  assert.match(json.out, /"message":"The condition has a mistake: Missing closing quote at 9\."/);
  assert.equal((await run('--json', 'rules', 'list')).out.includes('Kaputt'), false, 'nothing was saved');
});

test('rules run says in the user’s language what it could not do; --json keeps the English problems', async () => {
  assert.equal((await run('folder', 'create', 'Gone', '--account', 'Home')).code, 0);
  const added = await run('rules', 'add', '--name', 'ToGone', '--when', 'subject:note', '--move', 'Gone', '--account', 'Home');
  assert.equal(added.code, 0, added.err);
  const removed = await run('folder', 'delete', 'Gone', '--account', 'Home', '--yes');
  assert.equal(removed.code, 0, removed.out + removed.err);
  const args = ['rules', 'run', 'ToGone', '--folder', 'Inbox', '--account', 'Home', '--dry-run'];
  const german = await runIn('de_DE.UTF-8', ...args);
  const de = createTranslator('de').t;
  assert.ok(german.out.includes(`${de('cli.rules.problem.noFolder', { folder: 'Gone', kind: 'move' })}\n`), german.out + german.err);
  assert.match(german.out, /Es gibt keinen Ordner „Gone“, in den verschoben werden kann\./);
  assert.doesNotMatch(german.out, /There is no folder/);
  const json = await runIn('de_DE.UTF-8', '--json', ...args);
  const report = JSON.parse(json.out) as Record<string, unknown>;
  assert.deepEqual(report['problems'], ['There is no folder “Gone” to move to.']);
  assert.equal('problemWords' in report, false, 'the catalog words are not part of --json');
});
