/**
 * The built command line starts without the mail parser: mailparser (with mailsplit, libmime and
 * iconv-lite's character set tables, a third of the bundle) is a file of its own beside the bundles,
 * loaded only by the code that parses mail, so `mailbag --version`, `list` and `search` neither compile
 * nor run it; the bundles that do parse mail still find it. So is each translated catalog: a command
 * loads only the one of its language. The command line's bundle runs from V8's code cache, written
 * beside it by a run that found none (or one made for another bundle); so do the worker bundles it
 * starts and the files of their own that the bundles load.
 */
import { test } from 'node:test';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorker } from '../../electron/workers/start-worker';
import { runWithCodeCache } from '../../electron/cli/code-cache';
import { buildListProfile } from '../bench/list-profile';
import { EXIT } from '../../electron/cli/exit-codes';
import { memoryKeychain } from '../fakes/memory-keychain';
import { FakePop3Server } from '../fakes/pop3-server';
import { NO_KEYCHAIN_ENV, saveHomeAccount } from '../support/cli';

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
// Files beside a bundle run from the code cache are registered as modules without Module._load.
process.on('exit', () => appendFileSync(process.env.MAILBAG_TEST_LOADED, Object.keys(require.cache).join('\\n') + '\\n'));
`;

/** Runs the built command line and returns what it asked Node to load and the files it ran. */
function loadedBy(args: readonly string[], environment: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; loaded: string[] } {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-start-'));
  try {
    const recorder = path.join(directory, 'recorder.cjs');
    const loaded = path.join(directory, 'loaded.txt');
    writeFileSync(recorder, RECORDER);
    writeFileSync(loaded, '');
    const result = spawnSync(process.execPath, ['--require', recorder, path.join(OUT, 'cli.cjs'), '--profile', path.join(directory, 'profile'), ...args], {
      env: { ...process.env, ...environment, MAILBAG_TEST_LOADED: loaded },
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

test('every built bundle is ASCII-only, so V8 holds its source one byte a character', () => {
  const bundles = readdirSync(OUT).filter((file) => file.endsWith('.cjs'));
  assert.ok(bundles.includes(CLI_BUNDLE) && bundles.includes('mailparser.cjs') && bundles.includes('main.cjs'), bundles.join(', '));
  for (const bundle of bundles) {
    const source = readFileSync(path.join(OUT, bundle), 'utf8');
    const at = source.search(/[\u0080-\uffff]/);
    assert.equal(at, -1, `${bundle} holds a character outside ASCII: ${JSON.stringify(source.slice(Math.max(0, at - 60), at + 20))}`);
  }
});

test('mailbag --version and list start without loading the mail parser', () => {
  for (const args of [['--version'], ['list'], ['search', 'budget']]) {
    const { status, stdout, loaded } = loadedBy(args);
    assert.equal(status, 0, `mailbag ${args.join(' ')}: ${stdout}`);
    // A command loads its module and the services it opens when it runs: --version opens nothing.
    if (args[0] === '--version')
      assert.deepEqual(
        loaded.filter((request) => request === 'better-sqlite3'),
        [],
        'mailbag --version',
      );
    else assert.ok(loaded.includes('better-sqlite3'), `the store was opened: ${loaded.join(', ')}`);
    assert.deepEqual(
      loaded.filter((request) => request.includes('mailparser')),
      [],
      `mailbag ${args.join(' ')}`,
    );
  }
});

test('mailbag list reads the store without loading the mail engines, password commands or the handler registry', () => {
  // Send/Receive, the POP3 and SMTP engines (TLS), password commands and the registry load on first use.
  const engines = ['node:tls', 'node:http'];
  const list = loadedBy(['list']);
  assert.equal(list.status, 0, list.stdout);
  assert.ok(list.loaded.includes('better-sqlite3'), `the store was opened: ${list.loaded.join(', ')}`);
  assert.deepEqual(
    list.loaded.filter((request) => [...engines, 'node:child_process'].includes(request)),
    [],
    'mailbag list',
  );
  // A command that goes through the registry still finds every service.
  const info = loadedBy(['info']);
  assert.equal(info.status, 0, info.stdout);
  assert.ok(info.stdout.includes('Mailbag'), info.stdout);
  assert.ok(
    engines.every((request) => info.loaded.includes(request)),
    `mailbag info: ${info.loaded.join(', ')}`,
  );
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

test('a code cache written by a run that loaded no command is written again by the first run of a command, and again by the first that wires the services', () => {
  rmSync(CODE_CACHE, { force: true });
  assert.equal(loadedBy(['--version']).status, 0);
  const { size, mtimeMs } = statSync(path.join(OUT, CLI_BUNDLE));
  const key = `${size}:${mtimeMs}\n`;
  const header = (): string => {
    const cache = readFileSync(CODE_CACHE);
    return cache.subarray(0, cache.indexOf(0x0a, key.length) + 1).toString('latin1');
  };
  assert.equal(header(), `${key}loaded 0\n`, 'written without the commands');
  const versionOnly = readFileSync(CODE_CACHE).length;

  const listed = loadedBy(['list']);
  assert.equal(listed.status, 0, listed.stdout);
  assert.equal(header(), `${key}loaded 1\n`, 'written again with the command and the store');
  const withList = readFileSync(CODE_CACHE).length;
  assert.ok(withList > versionOnly, 'the new cache holds more code');

  // `info` goes through the handler registry: the services are wired, and their code is cached too.
  const info = loadedBy(['info']);
  assert.equal(info.status, 0, info.stdout);
  assert.equal(header(), `${key}loaded 3\n`, 'written again with the services (those that move mail, then the rest)');
  assert.ok(readFileSync(CODE_CACHE).length > withList, 'the new cache holds the services too');

  // A complete cache is kept, whatever runs next.
  const written = statSync(CODE_CACHE).mtimeMs;
  assert.equal(loadedBy(['--version']).status, 0);
  assert.equal(loadedBy(['list']).status, 0);
  assert.equal(loadedBy(['info']).status, 0);
  assert.equal(statSync(CODE_CACHE).mtimeMs, written);
});

test('the command line holds the English catalog only, and a command in another language loads the file of its own language', () => {
  // A German message written in plain ASCII, so it reads the same however the bundle escapes text.
  const german = 'Mailbag ist nicht erreichbar.';
  assert.doesNotMatch(readFileSync(path.join(OUT, CLI_BUNDLE), 'utf8'), new RegExp(german));
  assert.match(readFileSync(path.join(OUT, 'messages-de.cjs'), 'utf8'), new RegExp(german));
  const catalogs = (loaded: readonly string[]) => loaded.filter((file) => /messages-\w+\.cjs$/.test(file)).map((file) => path.basename(file));

  const english = loadedBy(['list'], { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
  assert.equal(english.status, 0, english.stdout);
  assert.match(english.stdout, /Inbox/);
  assert.deepEqual(catalogs(english.loaded), []);

  const inGerman = loadedBy(['list'], { LANG: 'de_DE.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
  assert.equal(inGerman.status, 0, inGerman.stdout);
  assert.match(inGerman.stdout, /Posteingang/);
  assert.deepEqual(catalogs(inGerman.loaded), ['messages-de.cjs']);
});

test('a worker bundle started under Node runs from its code cache, and so does a file of its own it loads', async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-worker-cache-'));
  try {
    // A built worker and a library beside it, with the runner the build writes beside the bundles.
    writeFileSync(path.join(directory, 'code-cache.cjs'), readFileSync(path.join(OUT, 'code-cache.cjs')));
    writeFileSync(path.join(directory, 'shout.cjs'), '#!/usr/bin/env node\nmodule.exports = (text) => text.toUpperCase();\n');
    writeFileSync(
      path.join(directory, 'echo-worker.cjs'),
      "#!/usr/bin/env node\nconst shout = require('./shout.cjs');\nrequire('node:worker_threads').parentPort.postMessage(shout(require('node:worker_threads').workerData));\n",
    );
    const run = async (): Promise<unknown> => {
      const worker = startWorker(path.join(directory, 'echo-worker.cjs'), { workerData: 'hello' });
      // The worker ends by itself once it has run (and written its cache): stopping it at its message raced that.
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      const answer = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await exited;
      return answer;
    };
    assert.equal(await run(), 'HELLO');
    for (const file of ['echo-worker.cjs', 'shout.cjs']) {
      const { size, mtimeMs } = statSync(path.join(directory, file));
      const cache = readFileSync(path.join(directory, `${file}.v8-cache`));
      assert.equal(cache.subarray(0, `${size}:${mtimeMs}\n`.length).toString('latin1'), `${size}:${mtimeMs}\n`, `${file}'s cache names it`);
    }
    // The second start uses the caches (V8 accepted them: they are not written again).
    const written = statSync(path.join(directory, 'echo-worker.cjs.v8-cache')).mtimeMs;
    assert.equal(await run(), 'HELLO');
    assert.equal(statSync(path.join(directory, 'echo-worker.cjs.v8-cache')).mtimeMs, written);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a file run from the code cache keeps its text, whether it is ASCII-only (read as Latin-1) or not', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-code-cache-text-'));
  try {
    const files = [
      { file: 'ascii.cjs', source: 'module.exports = "caf\\u00e9";', text: 'café' },
      { file: 'other.cjs', source: 'module.exports = "Grüße — 会議 😀";', text: 'Grüße — 会議 😀' },
    ];
    for (const { file, source, text } of files) {
      const filename = path.join(directory, file);
      writeFileSync(filename, `#!/usr/bin/env node\n${source}\n`);
      assert.equal(runWithCodeCache(filename), text, `${file} compiled`);
      delete require.cache[filename];
      assert.equal(runWithCodeCache(filename), text, `${file} from its cache`);
      delete require.cache[filename];
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('mailbag list, show and folder list start without initialising zod, and a command that validates still builds its schemas', async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-zod-'));
  try {
    // A profile with an account, mail in its Inbox and settings of its own.
    const profile = path.join(directory, 'profile');
    mkdirSync(profile);
    await buildListProfile(profile, 3);
    writeFileSync(path.join(profile, 'settings.json'), JSON.stringify({ appearance: 'dark' }));
    // zod sets this global when it initialises (its configuration, shared by every copy of zod in a process).
    const watcher = path.join(directory, 'zod-watcher.cjs');
    const seen = path.join(directory, 'zod.txt');
    writeFileSync(
      watcher,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.MAILBAG_TEST_ZOD, String('__zod_globalConfig' in globalThis)));\n",
    );
    const run = (args: readonly string[]): { status: number | null; stdout: string; zod: string } => {
      writeFileSync(seen, '');
      // The last --profile on the line is the one used: this profile, not loadedBy's empty one.
      const ran = loadedBy(['--profile', profile, ...args], { NODE_OPTIONS: `--require ${watcher}`, MAILBAG_TEST_ZOD: seen });
      return { status: ran.status, stdout: ran.stdout, zod: readFileSync(seen, 'utf8') };
    };

    const list = run(['--json', 'list']);
    assert.equal(list.status, 0, list.stdout);
    const { messages } = JSON.parse(list.stdout) as { messages: { id: number; subject: string }[] };
    assert.equal(messages.length, 3, list.stdout);
    assert.equal(list.zod, 'false', 'mailbag list initialised zod');

    const message = messages.find((each) => each.subject === 'Hello');
    assert.ok(message !== undefined, list.stdout);
    const show = run(['show', String(message.id)]);
    assert.equal(show.status, 0, show.stdout);
    assert.match(show.stdout, /Hello/);
    assert.match(show.stdout, /Bench list/, 'the account is named');
    assert.match(show.stdout, /Inbox/, 'the folder is named');
    assert.equal(show.zod, 'false', 'mailbag show initialised zod');

    const folders = run(['folder', 'list']);
    assert.equal(folders.status, 0, folders.stdout);
    assert.match(folders.stdout, /Bench list +Inbox +\S+ +3/, "the account's Inbox with its three messages");
    assert.equal(folders.zod, 'false', 'mailbag folder list initialised zod');

    // `info` goes through the handler registry, which validates every input: its schemas are built.
    const info = run(['info']);
    assert.equal(info.status, 0, info.stdout);
    assert.ok(info.stdout.includes('Mailbag'), info.stdout);
    assert.equal(info.zod, 'true', 'mailbag info validates with zod');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("mailbag list starts without Node's crypto module or the session bus check, and an import, which needs them and the header decoder, still stores its mail", async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-crypto-'));
  try {
    const profile = path.join(directory, 'profile');
    mkdirSync(profile);
    await buildListProfile(profile, 3);
    // The last --profile on the line is the one used: this profile, not loadedBy's empty one.
    const list = loadedBy(['--profile', profile, 'list']);
    assert.equal(list.status, 0, list.stdout);
    assert.match(list.stdout, /Hello/);
    assert.deepEqual(
      list.loaded.filter((request) => ['node:crypto', 'crypto', 'node:net', 'net'].includes(request)),
      [],
      'mailbag list',
    );

    // Storing a message names its file and hashes it (crypto), and its list columns are decoded from its header.
    const eml = path.join(directory, 'encoded.eml');
    writeFileSync(
      eml,
      'From: =?utf-8?B?w4lsb2RpZQ==?= <elodie@example.com>\r\nTo: me@example.com\r\nSubject: =?utf-8?Q?Caf=C3=A9?= plans\r\n' +
        'Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <encoded@example.com>\r\n\r\nBody\r\n',
    );
    const imported = loadedBy(['--profile', profile, 'import', 'eml', eml, '--folder', 'Inbox']);
    assert.equal(imported.status, 0, imported.stdout);
    assert.ok(imported.loaded.includes('node:crypto'), `mailbag import: ${imported.loaded.join(', ')}`);
    const listed = loadedBy(['--profile', profile, '--json', 'list']);
    assert.equal(listed.status, 0, listed.stdout);
    const { messages } = JSON.parse(listed.stdout) as { messages: { subject: string; from: { name: string; address: string } | null }[] };
    const stored = messages.find((message) => message.from?.address === 'elodie@example.com');
    assert.deepEqual(stored && { subject: stored.subject, from: stored.from }, {
      subject: 'Café plans',
      from: { name: 'Élodie', address: 'elodie@example.com' },
    });

    // `info` goes through the handler registry, whose services still find crypto and the network.
    const info = loadedBy(['--profile', profile, 'info']);
    assert.equal(info.status, 0, info.stdout);
    assert.ok(info.stdout.includes('Mailbag'), info.stdout);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('mailbag receive, search and outbox wire the services that move mail without the handler registry, which info still wires', async () => {
  // An account on a server of its own, with an empty mailbox: its receive runs whole and finds nothing.
  const server = await FakePop3Server.start({ users: { ann: 'pop-secret' } });
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-engine-'));
  const profile = path.join(directory, 'profile');
  try {
    await saveHomeAccount(profile, server, memoryKeychain());
    /** The steps `mailbag ARGS` marked as it ran (MAILBAG_PROFILE_PHASES), and how it ended. */
    // Run without blocking this process, whose event loop serves the POP3 server.
    const steps = async (args: readonly string[], input = ''): Promise<{ status: number | null; output: string; steps: string[] }> => {
      const child = spawn(process.execPath, [path.join(OUT, 'cli.cjs'), '--profile', profile, ...args], {
        env: { ...process.env, ...NO_KEYCHAIN_ENV, MAILBAG_PROFILE_PHASES: '1' },
        timeout: COMMAND_TIMEOUT_MS,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.stdin.end(input);
      const status = await new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', resolve);
      });
      const marks = stderr.split('\n').flatMap((line) => {
        const mark = /^mailbag-phase [\d.]+ main (.+)$/.exec(line);
        return mark?.[1] === undefined ? [] : [mark[1]];
      });
      return { status, output: stdout + stderr, steps: marks };
    };
    const engineOnly = [
      { args: ['receive', '--account', 'Home', '--password-stdin'], input: 'pop-secret\n', status: EXIT.SUCCESS },
      { args: ['search', 'budget'], status: EXIT.SUCCESS },
      { args: ['outbox'], status: EXIT.SUCCESS },
    ];
    for (const { args, input, status } of engineOnly) {
      const run = await steps(args, input);
      assert.equal(run.status, status, `mailbag ${args.join(' ')}: ${run.output}`);
      assert.ok(run.steps.includes('engine wired'), `mailbag ${args.join(' ')}: ${run.steps.join(', ')}`);
      assert.ok(!run.steps.includes('handlers wired'), `mailbag ${args.join(' ')}: ${run.steps.join(', ')}`);
    }
    // A command that goes through the registry wires it, on top of the same engine.
    const info = await steps(['info']);
    assert.equal(info.status, EXIT.SUCCESS, info.output);
    assert.deepEqual(
      info.steps.filter((step) => step.endsWith(' wired')),
      ['engine wired', 'handlers wired'],
    );
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
