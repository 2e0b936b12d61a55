import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { captureOutput } from '../../support/cli';

const profile = path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-lang-')), 'profile');

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const io = captureOutput();
  assert.equal(await runCli(['--profile', profile, ...args], io.streams, env), 0, io.err());
  return io.out();
}

test('the human output follows LC_ALL, then LC_MESSAGES, then LANG', async () => {
  assert.match(await run(['info'], {}), /Accounts: +0/);
  assert.match(await run(['info'], { LANG: 'de_DE.UTF-8' }), /Konten: +0/);
  assert.match(await run(['info'], { LANG: 'de_DE.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' }), /Comptes : +0/);
  assert.match(await run(['info'], { LANG: 'de_DE.UTF-8', LC_ALL: 'ar_EG.UTF-8' }), /الحسابات: 0/);
  assert.match(await run(['info'], { LANG: 'C.UTF-8' }), /Accounts: +0/);
  assert.match(await run(['list'], { LANG: 'de_DE.UTF-8' }), /^Keine Nachrichten in .+ \(0 insgesamt\)\.$/m);
  assert.match(await run(['list'], { LANG: 'en_XA.UTF-8' }), /^\[Ñö ɱéššàĝéš îñ .+ ~+\]$/m);
});

test('--json output is the same in every language', async () => {
  for (const args of [
    ['info', '--json'],
    ['list', '--json'],
  ]) {
    const english = await run(args, { LANG: 'C' });
    for (const LANG of ['de_DE.UTF-8', 'fr_FR.UTF-8', 'ar_EG.UTF-8', 'en_XA.UTF-8']) {
      assert.equal(await run(args, { LANG }), english, `${args.join(' ')} with LANG=${LANG}`);
    }
    assert.doesNotThrow(() => JSON.parse(english));
  }
});
