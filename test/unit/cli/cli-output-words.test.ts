/**
 * Words of the command line's human output that come from data rather than a sentence: why a message
 * could be read only in part, the name of Local Folders for mail of a removed account, and the state of
 * each discovery source. With LANG set they are said in that language, never as English codes; `--json`
 * keeps the codes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, type CliServices } from '../../../electron/cli/run';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { MAX_MIME_DEPTH } from '../../../electron/jobs/mime-shape';
import { fakeResolver } from '../../fakes/dns-resolver';
import { captureOutput, fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';

const de = createTranslator('de').t;
const ar = createTranslator('ar').t;

let scratch: string;
let profile: string;
let deepId: number;
let keptId: number;

/** A message nested one level deeper than the parser reads, with a bidi subject. */
function tooDeep(): Buffer {
  const depth = MAX_MIME_DEPTH + 3;
  let text =
    'From: Ann <ann@example.com>\r\nTo: bob@example.com\r\nSubject: عميق جدًا — very deep\r\nMessage-ID: <deep@example.com>\r\nDate: Tue, 3 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n';
  for (let level = 0; level < depth; level += 1) text += `Content-Type: multipart/mixed;\r\n boundary="b${level}"\r\n\r\n--b${level}\r\n`;
  text += 'Content-Type: text/plain\r\n\r\nhello\r\n';
  for (let level = depth - 1; level >= 0; level -= 1) text += `--b${level}--\r\n`;
  return Buffer.from(text);
}

function plain(subject: string): Buffer {
  return Buffer.from(
    `From: Ann <ann@example.com>\r\nTo: bob@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${subject.length}.kept@example.com>\r\nDate: Tue, 3 Nov 2026 10:00:00 +0000\r\n\r\nKept for years.\r\n`,
  );
}

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-output-words-'));
  profile = path.join(scratch, 'profile');
  const accounts = [
    ['home', 'Home', 'ann@example.com'],
    ['work', 'Work', 'ann@work.example'],
  ] as const;
  [deepId, keptId] = await fillProfile(profile, accounts, async (core) => {
    const deep = await core.store.addMessage({ accountId: 'work', folder: 'inbox' }, tooDeep());
    const kept = await core.store.addMessage({ accountId: 'home', folder: 'inbox' }, plain('Garden plan kept for years'));
    if (deep.messageId === null || kept.messageId === null) throw new Error('not stored');
    return [deep.messageId, kept.messageId];
  });
  // Mail filed in Local Folders outlives its account: it then belongs to no account.
  assert.equal((await run(['folder', 'create', 'Archive', '--local'], 'C')).code, 0);
  assert.equal((await run(['move', String(keptId), '--to', 'Local Folders/Archive'], 'C')).code, 0);
  assert.equal((await run(['account', 'remove', 'Home', '--yes'], 'C')).code, 0);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: readonly string[], lang: string, services: CliServices = {}, input = ''): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput({ stdin: { text: input } });
  const code = await runCli(['--profile', profile, ...args], io.streams, { ...NO_KEYCHAIN_ENV, LANG: lang }, services);
  return { code, out: io.out(), err: io.err() };
}

test('show says why a message was read only in part in the user’s language; --json keeps the code', async () => {
  const unreadable = (t: typeof de): string => t('cli.show.unreadable', { problems: t('cli.show.problem', { problem: 'tooDeep' }), id: String(deepId) });
  const german = await run(['show', String(deepId)], 'de_DE.UTF-8');
  assert.equal(german.code, 0, german.err);
  assert.ok(german.out.includes(unreadable(de)), german.out);
  assert.doesNotMatch(german.out, /too-deep|nested/);
  const arabic = await run(['show', String(deepId)], 'ar_EG.UTF-8');
  assert.ok(arabic.out.includes(unreadable(ar)), arabic.out);
  assert.doesNotMatch(arabic.out, /too-deep|nested/);
  const english = await run(['show', String(deepId)], 'C');
  assert.ok(english.out.includes('could read this message only in part (its parts are nested too deeply)'), english.out);
  const json = await run(['--json', 'show', String(deepId)], 'de_DE.UTF-8');
  assert.deepEqual((JSON.parse(json.out) as { problems: string[] }).problems, ['too-deep']);
});

test('show names Local Folders in the user’s language for mail whose account was removed', async () => {
  const german = await run(['show', String(keptId)], 'de_DE.UTF-8');
  assert.equal(german.code, 0, german.err);
  assert.match(german.out, new RegExp(`^${de('cli.show.folder')} +Archive \\(${de('folder.localFolders')}\\)$`, 'm'));
  assert.doesNotMatch(german.out, /Local Folders/);
  const arabic = await run(['show', String(keptId)], 'ar_EG.UTF-8');
  assert.ok(arabic.out.includes(`(${ar('folder.localFolders')})`), arabic.out);
  assert.match((await run(['show', String(keptId)], 'C')).out, /Archive \(Local Folders\)$/m);
});

test('account add --discover says each source’s state in the user’s language', async () => {
  // Nothing answers: no DNS records, no autoconfig document, every probe refused (nothing leaves the process).
  const services: CliServices = {
    discoveryNetwork: {
      resolver: fakeResolver({}, {}),
      httpsGet: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
      probe: {
        connect: (host, port) => Promise.reject(Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED' })),
      },
    },
  };
  const args = ['account', 'add', '--name', 'Nowhere', '--email', 'ann@nowhere.example', '--discover', '--password-stdin'];
  const german = await run(args, 'de_DE.UTF-8', services, 'secret\n');
  assert.notEqual(german.code, 0);
  const nothing = de('cli.accountAdd.discovery', { source: 'guess', state: de('cli.discovery.state', { state: 'nothing' }) });
  assert.ok(german.err.includes(nothing), german.err);
  assert.doesNotMatch(german.err, /: (answered|nothing|failed)\b/);
  const arabic = await run(args, 'ar_EG.UTF-8', services, 'secret\n');
  assert.ok(arabic.err.includes(ar('cli.accountAdd.discovery', { source: 'guess', state: ar('cli.discovery.state', { state: 'nothing' }) })), arabic.err);
  const english = await run(args, 'C', services, 'secret\n');
  assert.match(english.err, /discovery: guess: nothing/);
});

test('send says why an address cannot be read in the user’s language, never as a code', async () => {
  const args = ['send', '--account', 'work', '--to', 'ann@example.com, =?utf-8?q?Bob?= <bob@example.com>', '--subject', 'Hallo'];
  const refused = (t: typeof de, problem: string): string => t('cli.send.addressesRefused', { option: 'to', value: JSON.stringify(args[4]), problem });
  const german = await run(args, 'de_DE.UTF-8');
  assert.equal(german.code, 2);
  assert.ok(german.err.startsWith(`mailbag send: ${refused(de, 'encodedWord')}\n`), german.err);
  assert.match(german.err, /kodierten Text/);
  const arabic = await run(args, 'ar_EG.UTF-8');
  assert.ok(arabic.err.startsWith(`mailbag send: ${refused(ar, 'encodedWord')}\n`), arabic.err);
  assert.doesNotMatch(arabic.err, /encoded-word/);
  const syntax = await run(['send', '--account', 'work', '--to', 'bad<<', '--subject', 'Hallo'], 'de_DE.UTF-8');
  assert.match(syntax.err, /^mailbag send: --to: "bad<<" lässt sich nicht als Adressen lesen: schreiben Sie jede Adresse als name@example\.com\.$/m);
  assert.doesNotMatch(syntax.err, /\(syntax\)/);
});

test('account add --discover says why a source failed in the user’s language', async () => {
  // Autoconfig answers HTTP 500 at both places, every probe is refused (nothing leaves the process).
  const services: CliServices = {
    discoveryNetwork: {
      resolver: fakeResolver({}, {}),
      httpsGet: async () => ({ status: 500, body: '' }),
      probe: {
        connect: (host, port) => Promise.reject(Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED' })),
      },
    },
  };
  const args = ['account', 'add', '--name', 'Nowhere', '--email', 'ann@nowhere.example', '--discover', '--password-stdin'];
  const http500 = (t: typeof de, host: string): string => t('serviceError.discovery.hostAnsweredHttp', { host, status: '500' });
  const reason = (t: typeof de): string =>
    t('serviceError.discovery.reasonThen', { first: http500(t, 'autoconfig.nowhere.example'), next: http500(t, 'nowhere.example') });
  const line = (t: typeof de): string =>
    t('cli.accountAdd.discoveryReason', { source: 'autoconfig', state: t('cli.discovery.state', { state: 'failed' }), reason: reason(t) });
  const german = await run(args, 'de_DE.UTF-8', services, 'secret\n');
  assert.ok(german.err.includes(line(de)), german.err);
  assert.match(german.err, /autoconfig\.nowhere\.example hat mit HTTP 500 geantwortet/);
  assert.doesNotMatch(german.err, /answered HTTP/);
  const arabic = await run(args, 'ar_EG.UTF-8', services, 'secret\n');
  assert.ok(arabic.err.includes(line(ar)), arabic.err);
  assert.doesNotMatch(arabic.err, /answered HTTP/);
  const english = await run(args, 'C', services, 'secret\n');
  assert.match(english.err, /discovery: autoconfig: failed \(autoconfig\.nowhere\.example answered HTTP 500; nowhere\.example answered HTTP 500\)/);

  // With --json no progress is written, so no reason's words reach a script.
  const json = await run(['--json', ...args], 'de_DE.UTF-8', services, 'secret\n');
  assert.doesNotMatch(`${json.out}${json.err}`, /HTTP 500/);
});
