/**
 * The built-in folders in the command line's human output: `folder list`, `list`, `show` and `move`
 * word Inbox, Sent, Trash, … by their role in the language of LANG, as the window does, and Local
 * Folders in its words; a folder the user called "Inbox" keeps its name. Arguments still name folders by
 * their stored names or roles, and --json keeps the stored names in every language.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { captureOutput, homeAndWorkProfile, NO_KEYCHAIN_ENV } from '../../support/cli';

const ENGLISH = { LANG: 'en_US.UTF-8' };
const GERMAN = { LANG: 'de_DE.UTF-8' };
const ARABIC = { LANG: 'ar_EG.UTF-8' };
const de = createTranslator('de').t;
const ar = createTranslator('ar').t;

let scratch: string;
let profile: string;
let ids: Record<string, number>;

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput();
  const code = await runCli(['--profile', profile, ...args], io.streams, { ...NO_KEYCHAIN_ENV, ...env });
  return { code, out: io.out(), err: io.err() };
}

/** The rows of a table the command line printed, each split into its columns. */
function tableRows(out: string): string[][] {
  return out
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s{2,}/));
}

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-folder-names-'));
  profile = path.join(scratch, 'profile');
  ids = await homeAndWorkProfile(profile, [
    ['hello', 'home', 'Grüße aus Köln'],
    ['numbers', 'work', 'Zahlen für das dritte Quartal'],
  ]);
  for (const args of [
    ['folder', 'create', 'Projects', '--account', 'Home'],
    ['folder', 'create', 'Inbox', '--parent', 'Projects', '--account', 'Home'],
    ['folder', 'create', 'Archive', '--local'],
  ]) {
    const made = await run(args, ENGLISH);
    assert.equal(made.code, 0, made.err);
  }
});
after(() => rmSync(scratch, { recursive: true, force: true }));

test('folder list words the built-in folders by their role in German and Arabic; the user’s own Inbox and Local Folders’ folders keep their names', async () => {
  for (const [env, t] of [
    [GERMAN, de],
    [ARABIC, ar],
  ] as const) {
    const listed = await run(['folder', 'list'], env);
    assert.equal(listed.code, 0, listed.err);
    const home = tableRows(listed.out)
      .filter((row) => row[1] === 'Home')
      .map((row) => row[2]);
    assert.deepEqual(home, [
      t('folder.special.inbox'),
      t('folder.special.drafts'),
      t('folder.special.outbox'),
      t('folder.special.sent'),
      t('folder.special.trash'),
      t('folder.special.junk'),
      'Projects',
      'Projects/Inbox',
    ]);
    const local = tableRows(listed.out).filter((row) => row[2] === 'Archive');
    assert.deepEqual(
      local.map((row) => row[1]),
      [t('folder.localFolders')],
    );
  }
});

test('--json folder list keeps the stored names in every language', async () => {
  const english = await run(['--json', 'folder', 'list'], ENGLISH);
  const german = await run(['--json', 'folder', 'list'], GERMAN);
  assert.equal(german.out, english.out);
  const tree = JSON.parse(german.out) as { accounts: Array<{ folders: Array<{ role: string | null; name: string }> }> };
  assert.ok(tree.accounts[0]?.folders.some((folder) => folder.role === 'inbox' && folder.name === 'Inbox'));
});

test('list takes the stored name or the role as before, and names the folder in the reader’s language', async () => {
  const listed = await run(['list', '--account', 'Work'], GERMAN);
  assert.equal(listed.code, 0, listed.err);
  assert.ok(listed.out.includes(de('cli.list.range', { folders: de('folder.special.inbox'), first: 1, last: 1, total: 1 })), listed.out);
  // A name finds every folder so called, as before: the accounts' Inboxes and the user's own, each worded as the reader knows it.
  for (const folder of ['Inbox', 'inbox', 'INBOX']) {
    const named = await run(['list', '--folder', folder], GERMAN);
    assert.equal(named.code, 0, named.err);
    const folders = `${de('folder.special.inbox')}, Inbox`;
    assert.ok(named.out.includes(de('cli.list.range', { folders, first: 1, last: 2, total: 2 })), named.out);
  }
  const json = await run(['--json', 'list'], GERMAN);
  const { folders } = JSON.parse(json.out) as { folders: Array<{ name: string; role: string | null }> };
  assert.deepEqual(new Set(folders.map((folder) => folder.name)), new Set(['Inbox']), '--json names the folders as stored');
  // The user's own folder called Inbox is named as given.
  const own = await run(['list', '--folder', 'Projects/Inbox'], GERMAN);
  assert.equal(own.code, 0, own.err);
  assert.ok(own.out.includes(de('cli.list.none', { folders: 'Inbox', offset: 0, total: 0 })), own.out);
});

test('show names the message’s folder, and move the folder it went to, in the reader’s language', async () => {
  const shown = await run(['show', String(ids['hello'])], ARABIC);
  assert.equal(shown.code, 0, shown.err);
  assert.ok(shown.out.includes(ar('cli.show.folderOf', { folder: ar('folder.special.inbox'), account: 'Home' })), shown.out);
  const moved = await run(['move', String(ids['numbers']), '--to', 'Trash'], GERMAN);
  assert.equal(moved.code, 0, moved.err);
  assert.equal(moved.out.trim(), de('cli.move.moved', { count: 1, folder: de('folder.special.trash') }));
  const back = await run(['move', String(ids['numbers']), '--to', 'inbox'], GERMAN);
  assert.equal(back.code, 0, back.err);
  assert.equal(back.out.trim(), de('cli.move.moved', { count: 1, folder: de('folder.special.inbox') }));
});
