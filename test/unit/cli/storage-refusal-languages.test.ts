/**
 * The store's refusals on the command line: said in the language LANG names, while `--json` prints
 * the same English document in every language.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { captureOutput, homeAndWorkProfile, NO_KEYCHAIN_ENV } from '../../support/cli';

let profile: string;

before(async () => {
  profile = mkdtempSync(path.join(os.tmpdir(), 'mailbag-refusal-cli-'));
  await homeAndWorkProfile(profile, [['plan', 'home', 'Gartenplan']]);
});

after(() => rmSync(profile, { recursive: true, force: true }));

async function run(args: readonly string[], lang: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput({ stdin: { text: '' } });
  const code = await runCli(['--profile', profile, ...args], io.streams, { ...NO_KEYCHAIN_ENV, LANG: lang });
  return { code, out: io.out(), err: io.err() };
}

test('a folder name that is taken, or a built-in folder renamed, is refused in German and Arabic; --json keeps the English', async () => {
  assert.equal((await run(['folder', 'create', 'Projekte', '--account', 'Home'], 'C')).code, 0);
  const german = await run(['folder', 'create', 'projekte', '--account', 'Home'], 'de_DE.UTF-8');
  assert.equal(german.code, 2);
  assert.match(german.err, /^mailbag: VALIDATION: Hier gibt es bereits einen Ordner namens projekte\.$/m);
  const arabic = await run(['folder', 'create', 'projekte', '--account', 'Home'], 'ar_EG.UTF-8');
  assert.match(arabic.err, /^mailbag: VALIDATION: يوجد هنا بالفعل مجلد باسم projekte\.$/m);

  const builtIn = await run(['folder', 'rename', 'Inbox', 'Eingang', '--account', 'Home'], 'de_DE.UTF-8');
  assert.equal(builtIn.code, 2);
  assert.match(builtIn.err, /Posteingang, Entwürfe, Postausgang, Gesendet, Papierkorb und Spam können nicht umbenannt oder gelöscht werden\./);

  const documents = await Promise.all(
    ['C', 'de_DE.UTF-8', 'ar_EG.UTF-8'].map(async (lang) => (await run(['--json', 'folder', 'create', 'projekte', '--account', 'Home'], lang)).out),
  );
  assert.match(documents[0] ?? '', /"message":"There is already a folder called projekte here\."/);
  assert.ok(
    documents.every((document) => document === documents[0]),
    'the same JSON in every language',
  );
});
