/**
 * `mailbag outbox` in the user's language: the reasons Mailbag gives for a message waiting after a
 * refused connection, and for one it gave up on, are said in German (the engine's words and the
 * sentence wrapping them), while `--json` keeps the same English words in every language.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { MAX_SEND_ATTEMPTS } from '../../../electron/services/outbox/policy';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { sayOutboxReason } from '../../../shared/outbox-reason';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { captureOutput, loopbackAccount, NO_KEYCHAIN_ENV } from '../../support/cli';

const GERMAN = { LANG: 'de_DE.UTF-8' };
const de = createTranslator('de');
const en = createTranslator('en');
/** A loopback port nothing listens on: the connection is refused at once. */
const CLOSED_PORT = 1;

let scratch: string;
let profile: string;
let pop3: FakePop3Server;
const keychain = memoryKeychain();

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-outbox-languages-'));
  profile = path.join(scratch, 'profile');
  pop3 = await FakePop3Server.start({ users: { ann: 'secret' }, messages: [] });
  const core = await createCore({ profileDir: profile, logger: silentLogger, keychain, env: NO_KEYCHAIN_ENV });
  try {
    await core.accounts.save({
      settings: loopbackAccount({ name: 'Home', address: 'ann@example.com', user: 'ann', pop3, smtpPort: CLOSED_PORT }),
      pop3Password: 'secret',
    });
    const { id } = core.accounts.find('Home');
    const waiting = await core.outbox.queue(id, { to: [{ address: 'bob@example.test' }], subject: 'Wartet', text: 'x\n' });
    await core.outbox.flush({ ids: [waiting.id], urgency: 'now' });
    const abandoned = await core.outbox.queue(id, { to: [{ address: 'carol@example.test' }], subject: 'Aufgegeben', text: 'x\n' });
    for (let attempt = 0; attempt < MAX_SEND_ATTEMPTS; attempt += 1) await core.outbox.flush({ ids: [abandoned.id], urgency: 'now' });
  } finally {
    await core.close();
  }
});
after(async () => {
  await pop3?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput();
  const code = await runCli(['--profile', profile, ...args], io.streams, { ...NO_KEYCHAIN_ENV, ...env }, { keychain });
  return { code, out: io.out(), err: io.err() };
}

interface JsonEntry {
  readonly state: string;
  readonly reason: string | null;
  readonly attempts: number;
  readonly recipients: ReadonlyArray<Record<string, unknown>>;
}

test('the Outbox’s reasons in German: a refused connection, and giving up after the last attempt; --json unchanged and English', async () => {
  const core = await createCore({ profileDir: profile, logger: silentLogger, keychain, env: NO_KEYCHAIN_ENV });
  const entries = core.outbox.list();
  await core.close();
  const retrying = entries.find((entry) => entry.state === 'retrying') ?? assert.fail(JSON.stringify(entries));
  const failed = entries.find((entry) => entry.state === 'failed') ?? assert.fail(JSON.stringify(entries));
  const refusedWords = retrying.reasonWords ?? assert.fail('the refused connection has no words');
  assert.ok('id' in refusedWords && refusedWords.id.startsWith('connection.refused'), JSON.stringify(refusedWords));
  assert.equal(retrying.reason, sayOutboxReason(en.t, refusedWords));

  const listed = await run(['outbox'], GERMAN);
  assert.equal(listed.code, 0, listed.err);
  const refusedInGerman = sayOutboxReason(de.t, refusedWords);
  assert.notEqual(refusedInGerman, retrying.reason);
  assert.ok(listed.out.includes(refusedInGerman), listed.out);
  const gaveUp = de.t('outbox.reason.gaveUp', { attempts: MAX_SEND_ATTEMPTS, reason: refusedInGerman });
  assert.ok(listed.out.includes(gaveUp), listed.out);
  assert.ok(gaveUp.startsWith(`Mailbag hat nach ${MAX_SEND_ATTEMPTS} Versuchen aufgegeben.`), gaveUp);
  assert.doesNotMatch(listed.out, /refused the connection|gave up/);

  const german = (await run(['outbox', '--json'], GERMAN)).out;
  const plain = (await run(['outbox', '--json'], { LANG: 'C' })).out;
  assert.equal(german, plain, '--json is the same in every language');
  const json = JSON.parse(german) as JsonEntry[];
  assert.deepEqual(
    json.map((entry) => [entry.state, entry.reason]),
    [
      ['retrying', retrying.reason],
      ['failed', `Mailbag gave up after ${MAX_SEND_ATTEMPTS} attempts. ${retrying.reason ?? ''}`],
    ],
  );
  assert.equal(failed.reason, json[1]?.reason);
  assert.ok(
    json.every((entry) => !('reasonWords' in entry) && entry.recipients.every((recipient) => !('reasonWords' in recipient))),
    'the reasons’ data stays out of --json',
  );
});
