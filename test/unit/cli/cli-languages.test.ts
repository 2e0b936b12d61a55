/**
 * The command line in the user's language: real commands run with LANG set, their words checked
 * against the catalogs (never against hand-written translations), `--json` the same in every
 * language, and a run in the pseudo-locale where any English word that bypassed the catalogs shows.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDate } from '../../../electron/cli/mail-selection';
import type { Command } from '../../../electron/cli/command';
import { COMMANDS, loadCommands, runCli, type CliServices } from '../../../electron/cli/run';
import type { MessageSummary } from '../../../electron/storage/message-queries';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { describeSearchSyntaxError, parseSearchQuery } from '../../../shared/search-query';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { captureOutput, homeAndWorkProfile, NO_KEYCHAIN_ENV, saveHomeAccount } from '../../support/cli';
import { testMessage } from '../jobs/receive/support';

const GERMAN = { LANG: 'de_DE.UTF-8' };
const ARABIC = { LANG: 'ar_EG.UTF-8' };
const PSEUDO = { LANG: 'en_XA.UTF-8' };
const de = createTranslator('de');
const ar = createTranslator('ar');

let scratch: string;
let profile: string;
let ids: Record<string, number>;
/** Every command, loaded. */
let commands: Command[];

before(async () => {
  commands = await loadCommands();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-languages-'));
  profile = path.join(scratch, 'profile');
  ids = await homeAndWorkProfile(profile, [
    ['hello', 'home', 'Grüße aus Köln'],
    ['numbers', 'work', 'Zahlen für das dritte Quartal'],
  ]);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: readonly string[], env: NodeJS.ProcessEnv, services: CliServices = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput();
  const code = await runCli(['--profile', profile, ...args], io.streams, { ...NO_KEYCHAIN_ENV, ...env }, services);
  return { code, out: io.out(), err: io.err() };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('German', () => {
  test('list: headings, dates and the range line in German', async () => {
    const listed = await run(['list'], GERMAN);
    assert.equal(listed.code, 0, listed.err);
    const [heading] = listed.out.split('\n');
    assert.deepEqual(
      heading?.split(/\s{2,}/),
      ['cli.column.id', 'cli.column.date', 'cli.column.from', 'cli.column.subject', 'cli.column.size', 'cli.column.flags'].map((id) =>
        de.t(id as 'cli.column.id'),
      ),
    );
    const { messages } = JSON.parse((await run(['list', '--json'], GERMAN)).out) as { messages: MessageSummary[] };
    const hello = messages.find((message) => message.id === ids['hello']);
    assert.ok(hello);
    // The date column is in German's short form (day before month, 24-hour clock), through Intl.
    assert.match(listed.out, new RegExp(`^${ids['hello']} +${escapeRegExp(formatDate(hello.date, de))} +.*Grüße aus Köln`, 'm'));
    assert.match(formatDate(hello.date, de), /^\d\d\.\d\d\.\d\d, \d\d:\d\d$/);
    assert.ok(listed.out.includes(de.t('cli.list.range', { folders: de.t('folder.special.inbox'), first: 1, last: 2, total: 2 })), listed.out);
    assert.ok(listed.out.includes(de.t('cli.flagLegend')));
  });

  test('--help lists every command with its German summary; a command’s help explains its placeholders in German', async () => {
    const help = await run(['--help'], GERMAN);
    assert.equal(help.code, 0);
    assert.ok(help.out.startsWith(de.t('cli.help.usage', { synopsis: 'mailbag [--profile DIR] [--json] COMMAND [ARGS]' })));
    for (const command of commands) assert.match(help.out, new RegExp(`^  ${command.name} +${escapeRegExp(de.t(command.summary))}$`, 'm'));
    assert.ok(help.out.includes(de.t('cli.help.exitCodes')));
    const list = await run(['list', '--help'], GERMAN);
    assert.ok(list.out.includes(de.t('cli.list.help')));
    assert.notEqual(de.t('cli.list.help'), createTranslator('en').t('cli.list.help'));
  });

  test('a usage mistake and an unknown folder are said in German, with the same exit codes', async () => {
    const mistake = await run(['list', '--limit', '0'], GERMAN);
    assert.equal(mistake.code, 2);
    assert.ok(mistake.err.startsWith(`mailbag list: ${de.t('cli.usage.wholeNumber', { flag: '--limit', minimum: 1, maximum: 100_000_000 })}\n`), mistake.err);
    assert.ok(
      mistake.err.includes(de.t('cli.help.usage', { synopsis: 'mailbag list [--folder FOLDER] [--account ACCOUNT] [--limit N | --all] [--offset N]' })),
    );
    const unknown = await run(['list', '--bogus'], GERMAN);
    assert.equal(unknown.code, 2);
    assert.ok(unknown.err.includes(de.t('cli.usage.unknownOption', { option: '--bogus' })), unknown.err);
    const missing = await run(['list', '--folder', 'Nirgendwo'], GERMAN);
    assert.equal(missing.code, 1);
    assert.equal(missing.err, `mailbag: NOT_FOUND: ${de.t('cli.folder.notFound', { folder: 'Nirgendwo' })}\n`);
  });

  test('rules: a missing target folder is refused like the window does, and rules are described in German', async () => {
    const refused = await run(['rules', 'add', '--name', 'Nirgends', '--when', 'from:x', '--move', 'Nirgendwo'], GERMAN);
    assert.equal(refused.code, 1);
    assert.equal(refused.err, `mailbag: FOLDER_NOT_FOUND: ${de.t('rules.folderMissing', { folder: 'Nirgendwo', kind: 'move', scope: 'every' })}\n`);
    const inAccount = await run(['rules', 'add', '--name', 'Nirgends', '--when', 'from:x', '--copy', 'Nirgendwo', '--account', 'Home'], GERMAN);
    assert.equal(inAccount.err, `mailbag: FOLDER_NOT_FOUND: ${de.t('rules.folderMissing', { folder: 'Nirgendwo', kind: 'copy', scope: 'account' })}\n`);
    const added = await run(
      ['rules', 'add', '--name', 'Ablage', '--when', 'from:niemand@example.org', '--move', 'Inbox', '--mark-read', '--stop', '--account', 'Home'],
      GERMAN,
    );
    assert.equal(added.code, 0, added.err);
    const actions = `${de.t('rules.describe.markRead')}${de.t('rules.listSeparator')}${de.t('rules.describe.move', { folder: 'Inbox' })}`;
    assert.equal(added.out, `${de.t('cli.rules.added', { name: 'Ablage', actions })}\n`);
    try {
      const listed = await run(['rules', 'list'], GERMAN);
      assert.equal(listed.code, 0, listed.err);
      assert.ok(listed.out.includes(`${actions}${de.t('rules.listSeparator')}${de.t('rules.describe.stop')}`), listed.out);
      assert.ok(!listed.out.includes('mark read'), listed.out);
    } finally {
      assert.equal((await run(['rules', 'remove', 'Ablage'], GERMAN)).code, 0);
    }
  });
});

test('each command is found by the name it answers to, loaded when it runs', () => {
  assert.deepEqual(
    commands.map((command) => command.name),
    COMMANDS.map((entry) => entry.name),
  );
});

test('times are in the time zone TZ names', async () => {
  const { messages } = JSON.parse((await run(['list', '--json'], { LANG: 'C' })).out) as { messages: MessageSummary[] };
  const hello = messages.find((message) => message.id === ids['hello']);
  assert.ok(hello);
  const tokyo = formatDate(hello.date, createTranslator('en', 'Asia/Tokyo'));
  const newYork = formatDate(hello.date, createTranslator('en', 'America/New_York'));
  assert.notEqual(tokyo, newYork);
  assert.match((await run(['list'], { LANG: 'C', TZ: 'Asia/Tokyo' })).out, new RegExp(`^${ids['hello']} +${escapeRegExp(tokyo)} `, 'm'));
  assert.match((await run(['list'], { LANG: 'C', TZ: 'America/New_York' })).out, new RegExp(`^${ids['hello']} +${escapeRegExp(newYork)} `, 'm'));
  assert.equal((await run(['list'], { LANG: 'C', TZ: 'Not/AZone' })).code, 0, 'an unknown zone falls back to the runtime’s');
});

describe('Arabic', () => {
  test('show: the header names, size and date in Arabic', async () => {
    const shown = await run(['show', String(ids['numbers'])], ARABIC);
    assert.equal(shown.code, 0, shown.err);
    for (const id of ['cli.show.from', 'cli.show.to', 'cli.show.date', 'cli.show.subject', 'cli.show.folder', 'cli.show.size'] as const) {
      assert.match(shown.out, new RegExp(`^${escapeRegExp(ar.t(id))} +\\S`, 'm'), id);
    }
    const { date } = JSON.parse((await run(['show', String(ids['numbers']), '--json'], ARABIC)).out) as { date: number };
    assert.ok(shown.out.includes(formatDate(date, ar)), 'the date in Arabic’s own form');
    assert.match(formatDate(date, ar), /[\u0600-\u06ff]/, 'with Arabic marks (the comma, morning or evening)');
  });

  test('an error code is a sentence in Arabic; a missing id is a usage mistake in Arabic', async () => {
    const missing = await run(['move', String(ids['hello']), '--to', 'لا-مكان'], ARABIC);
    assert.equal(missing.code, 1);
    assert.equal(missing.err, `mailbag: NOT_FOUND: ${ar.t('cli.folder.notFound', { folder: 'لا-مكان' })}\n`);
    const usage = await run(['show'], ARABIC);
    assert.equal(usage.code, 2);
    assert.ok(usage.err.includes(ar.t('cli.show.nameMessage')), usage.err);
    const search = await run(['search', 'nothing-matches-this'], ARABIC);
    assert.equal(search.code, 0, search.err);
    assert.equal(search.out, `${ar.t('cli.search.none', { query: 'nothing-matches-this', total: 0 })}\n`);
  });

  test('rules: a refusal of the rule store is said in German and Arabic, and stays English in --json', async () => {
    const missing = await run(['rules', 'remove', 'Nirgends'], GERMAN);
    assert.equal(missing.code, 1);
    assert.equal(missing.err, `mailbag: NOT_FOUND: ${de.t('refusal.ruleNotFound', { name: 'Nirgends' })}\n`);
    const pattern = await run(['rules', 'add', '--name', 'Muster', '--when', 'header:subject:"/(offen/"', '--flag'], ARABIC);
    assert.equal(pattern.err, `mailbag: VALIDATION: ${ar.t('refusal.ruleBadPattern', { pattern: '(offen' })}\n`);
    const json = await run(['rules', 'remove', 'Nirgends', '--json'], ARABIC);
    const { error } = JSON.parse(json.out) as { error: { message: string } };
    assert.equal(error.message, 'There is no rule named “Nirgends”.');
  });

  test('a mistake in a search query is explained in Arabic, and stays English in --json', async () => {
    const query = 'subject:"open';
    const parsed = parseSearchQuery(query);
    assert.ok(!parsed.ok);
    const wrong = await run(['search', query], ARABIC);
    assert.equal(wrong.code, 2);
    const description = describeSearchSyntaxError(query, parsed.error, ar.t);
    assert.match(description, /[\u0600-\u06ff]/);
    assert.ok(wrong.err.startsWith(`mailbag: VALIDATION: ${description}`), wrong.err);
    const json = await run(['search', query, '--json'], ARABIC);
    assert.ok(json.out.includes(describeSearchSyntaxError(query, parsed.error)), json.out);
  });
});

test('--json is byte for byte the same with LANG=de_DE.UTF-8, ar_EG.UTF-8, en_XA.UTF-8 and C, errors too', async () => {
  for (const args of [
    ['list', '--json'],
    ['list', '--all', '--folder', 'Inbox', '--json'],
    ['search', 'Köln', '--json'],
    ['show', String(ids['hello']), '--json'],
    ['folder', 'list', '--json'],
    ['account', 'list', '--json'],
    ['list', '--folder', 'Nowhere', '--json'],
  ]) {
    const english = await run(args, { LANG: 'C' });
    assert.doesNotThrow(() => JSON.parse(english.out), args.join(' '));
    for (const env of [GERMAN, ARABIC, PSEUDO]) {
      const other = await run(args, env);
      assert.equal(other.out, english.out, `${args.join(' ')} with LANG=${env.LANG}`);
      assert.equal(other.code, english.code);
    }
  }
});

/**
 * The English words left in text printed in the pseudo-locale: everything from the catalogs is
 * accented there, so a run of two plain ASCII letters is English that bypassed them. Command syntax
 * (synopses, flags, placeholders, command names) and the data named in `data` are not words.
 */
function unaccentedWords(text: string, data: readonly string[]): string[] {
  let rest = text;
  // The program's synopsis and each command's, and the placeholders an answer template is written with.
  const syntax = ['mailbag [--profile DIR] [--json] COMMAND [ARGS]', ...commands.map((command) => command.usage), '{sender}', '{subject}', '{date}'];
  for (const literal of [...syntax, ...data].sort((a, b) => b.length - a.length)) rest = rest.split(literal).join(' ');
  rest = rest
    .replace(new RegExp(`^ {2}(${commands.map((command) => command.name).join('|')}) `, 'gm'), ' ')
    .replace(/--?[A-Za-z][\w-]*/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_-]+\b/g, ' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

describe('pseudo-locale', () => {
  test('--help of the program and of every command has no English word outside the catalogs', async () => {
    const help = await run(['--help'], PSEUDO);
    assert.deepEqual(unaccentedWords(help.out, []), [], help.out);
    for (const command of commands) {
      const own = await run([command.name, '--help'], PSEUDO);
      assert.equal(own.code, 0);
      assert.deepEqual(unaccentedWords(own.out, []), [], own.out);
    }
  });

  test('a receive run and the list after it have no English word outside the catalogs and the mail itself', async () => {
    const server = await FakePop3Server.start({
      users: { ann: 'pop-secret' },
      messages: [1, 2, 3].map((index) => ({ uid: `uid-${index}`, body: testMessage(index) })),
    });
    const keychain = memoryKeychain();
    const receiving = path.join(scratch, 'receiving');
    await saveHomeAccount(receiving, server, keychain);
    try {
      const io = captureOutput();
      const code = await runCli(['--profile', receiving, 'receive'], io.streams, { ...NO_KEYCHAIN_ENV, ...PSEUDO }, { keychain });
      assert.equal(code, 0, io.err());
      const words = createTranslator('en-XA');
      assert.ok(io.out().includes(words.t('cli.receive.new', { count: 3 })), io.out());
      assert.ok(io.err().includes(words.t('cli.receive.finished')), io.err());
      assert.deepEqual(unaccentedWords(`${io.out()}${io.err()}`, ['Home']), [], `${io.out()}${io.err()}`);

      const listing = captureOutput();
      assert.equal(await runCli(['--profile', receiving, 'list'], listing.streams, { ...NO_KEYCHAIN_ENV, ...PSEUDO }, { keychain }), 0, listing.err());
      const mail = [1, 2, 3].flatMap((index) => [`Message ${index}`, `sender${index}@example.org`]);
      assert.deepEqual(unaccentedWords(listing.out(), [...mail, 'Inbox']), [], listing.out());
      assert.match(listing.out(), /Message 3/);
    } finally {
      await server.close();
    }
  });
});
