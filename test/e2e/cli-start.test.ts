/**
 * The built command line starts without the mail parser: mailparser (with mailsplit, libmime and
 * iconv-lite's character set tables, a third of the bundle) is a file of its own beside the bundles,
 * loaded only by the code that parses mail, so `mailbag --version`, `list` and `search` neither compile
 * nor run it; the bundles that do parse mail still find it. The command line's bundle runs from V8's
 * code cache, written beside it by a run that found none (or one made for another bundle).
 */
import { test } from 'node:test';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OUT = path.resolve(__dirname, '..', '..', 'out', 'electron');
/** Bound on one command-line process. */
const COMMAND_TIMEOUT_MS = 60_000;
/** Records every module a process asks Node to load (bundles ask only for what they do not hold). */
const RECORDER = `
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  appendFileSync(process.env.MAILBAG_TEST_LOADED, request + '\\n');
  return load.call(this, request, ...rest);
};
`;

/** Runs the built command line and returns what it asked Node to load. */
function loadedBy(args: readonly string[]): { status: number | null; stdout: string; loaded: string[] } {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-start-'));
  try {
    const recorder = path.join(directory, 'recorder.cjs');
    const loaded = path.join(directory, 'loaded.txt');
    writeFileSync(recorder, RECORDER);
    writeFileSync(loaded, '');
    const result = spawnSync(process.execPath, ['--require', recorder, path.join(OUT, 'cli.cjs'), '--profile', path.join(directory, 'profile'), ...args], {
      env: { ...process.env, MAILBAG_TEST_LOADED: loaded },
      encoding: 'utf8',
      timeout: COMMAND_TIMEOUT_MS,
    });
    return { status: result.status, stdout: result.stdout, loaded: readFileSync(loaded, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The command line's bundle, which the entry file cli.cjs runs. */
const CLI_BUNDLE = 'cli-main.cjs';
/** Its code cache, beside it. */
const CODE_CACHE = path.join(OUT, `${CLI_BUNDLE}.v8-cache`);

test('the command line bundle does not hold the mail parser, which is a file of its own', () => {
  const cli = readFileSync(path.join(OUT, CLI_BUNDLE), 'utf8');
  assert.doesNotMatch(cli, /node_modules\/(mailparser|@zone-eu\/mailsplit|libmime|iconv-lite)\//);
  // A script run from the code cache has no module loader for import(): libraries load by require.
  assert.doesNotMatch(cli, /[^.\w]import\("/);
  for (const bundle of [CLI_BUNDLE, 'parse-worker.cjs', 'display-worker.cjs']) {
    assert.match(readFileSync(path.join(OUT, bundle), 'utf8'), /\.\/mailparser\.cjs/, `${bundle} loads the parser from its own file`);
  }
  const parser = createRequire(__filename)(path.join(OUT, 'mailparser.cjs')) as { simpleParser?: unknown; MailParser?: unknown };
  assert.equal(typeof parser.simpleParser, 'function');
  assert.equal(typeof parser.MailParser, 'function');
});

test('mailbag --version and list start without loading the mail parser', () => {
  for (const args of [['--version'], ['list'], ['search', 'budget']]) {
    const { status, stdout, loaded } = loadedBy(args);
    assert.equal(status, 0, `mailbag ${args.join(' ')}: ${stdout}`);
    if (args[0] !== '--version') assert.ok(loaded.includes('better-sqlite3'), `the store was opened: ${loaded.join(', ')}`);
    assert.deepEqual(
      loaded.filter((request) => request.includes('mailparser')),
      [],
      `mailbag ${args.join(' ')}`,
    );
  }
});

test('a run writes the code cache for the bundle it ran, and a cache made for another bundle is replaced, never used', () => {
  rmSync(CODE_CACHE, { force: true });
  const first = loadedBy(['--version']);
  assert.equal(first.status, 0);
  const { size, mtimeMs } = statSync(path.join(OUT, CLI_BUNDLE));
  const key = `${size}:${mtimeMs}\n`;
  assert.equal(readFileSync(CODE_CACHE).subarray(0, key.length).toString('latin1'), key, 'the cache names the bundle it was made from');

  // A cache of the same length made for another bundle (V8 itself compares only the source's length).
  const foreign = Buffer.concat([Buffer.from(`${size}:1\n`, 'latin1'), readFileSync(CODE_CACHE).subarray(key.length)]);
  writeFileSync(CODE_CACHE, foreign);
  const second = loadedBy(['list']);
  assert.equal(second.status, 0, second.stdout);
  assert.match(second.stdout, /Inbox/);
  assert.equal(readFileSync(CODE_CACHE).subarray(0, key.length).toString('latin1'), key, 'the foreign cache was replaced');

  // Damaged data under the right name is refused by V8: the command still runs, and the cache is rewritten.
  writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(key, 'latin1'), Buffer.from('not a code cache')]));
  const third = loadedBy(['list']);
  assert.equal(third.status, 0, third.stdout);
  assert.match(third.stdout, /Inbox/);
  assert.ok(statSync(CODE_CACHE).size > key.length + 'not a code cache'.length, 'the damaged cache was rewritten');
});
