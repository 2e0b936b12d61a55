/**
 * Per-message problems of `mailbag receive` and `mailbag server delete` in the reader's language: the
 * message named and the problem said in German, the server's own words kept as sent; `--json` keeps
 * the English message and never carries the catalog words.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createReceiveCommand } from '../../../electron/cli/commands/receive';
import { serverCommand } from '../../../electron/cli/commands/server';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { createTranslator, type Translator } from '../../../shared/i18n/catalogs';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { answerWith, rewriteListing } from '../../fakes/pop3/faults';
import { loopbackAccount, runCommand } from '../../support/cli';
import { testMessage } from '../jobs/receive/support';

const USER = 'ann';
const PASSWORD = 'pop-secret';
const GERMAN = createTranslator('de');

let scratch: string;
before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-problems-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A profile with one account on `server`, and a way to run a command on it. */
async function profileFor(server: FakePop3Server) {
  const profile = mkdtempSync(path.join(scratch, 'profile-'));
  const keychain = memoryKeychain();
  const openCore = () => createCore({ profileDir: profile, logger: silentLogger, keychain });
  const core = await openCore();
  try {
    await core.accounts.save({ settings: loopbackAccount({ name: 'Home', address: 'home@example.com', user: USER, pop3: server }), pop3Password: PASSWORD });
  } finally {
    await core.close();
  }
  return (command: Parameters<typeof runCommand>[0], args: string[], options: { json?: boolean; translator?: Translator } = {}) =>
    runCommand(command, args, { profileDir: profile, openCore, ...options });
}

function serverWith(count: number): Promise<FakePop3Server> {
  return FakePop3Server.start({
    users: { [USER]: PASSWORD },
    messages: Array.from({ length: count }, (_, index) => ({ uid: `uid-${index + 1}`, body: testMessage(index + 1) })),
  });
}

test('receive: a message the listing could not vouch for is named in German; --json keeps English', async () => {
  const server = await serverWith(3);
  try {
    rewriteListing(server, 'LIST', (lines) => lines.map((line) => (line.startsWith('2 ') ? '2 -1' : line)));
    const run = await profileFor(server);
    const german = await run(
      createReceiveCommand(() => () => undefined),
      [],
      { translator: GERMAN },
    );
    assert.equal(german.code, 0, german.out + german.err);
    const warning = GERMAN.t('server.skippedBadLine', { number: '2', part: 'size', line: '2 -1' });
    assert.ok(german.out.includes(GERMAN.t('cli.receive.messageError', { uidl: '2', error: `PROTOCOL_ERROR: ${warning}` })), german.out);
    assert.doesNotMatch(german.out, /was skipped/);
  } finally {
    await server.close();
  }
  const again = await serverWith(3);
  try {
    rewriteListing(again, 'LIST', (lines) => lines.map((line) => (line.startsWith('2 ') ? '2 -1' : line)));
    const run = await profileFor(again);
    const json = await run(
      createReceiveCommand(() => () => undefined),
      [],
      { json: true, translator: GERMAN },
    );
    assert.match(json.out, /"message":"Message 2 was skipped: the server gave it a size that could not be understood/);
    assert.doesNotMatch(json.out, /"words"|übersprungen/);
  } finally {
    await again.close();
  }
});

test('server delete: a message the server refuses to delete is named in German, with the server’s words', async () => {
  const server = await serverWith(2);
  try {
    answerWith(server, 'DELE', '-ERR [SYS/TEMP] cannot delete now');
    const run = await profileFor(server);
    const german = await run(serverCommand, ['delete', 'Home', 'uid-1', '--yes'], { translator: GERMAN });
    assert.ok(german.out.includes(`  ${GERMAN.t('cli.server.messageProblem', { uidl: 'uid-1', problem: '' })}`), german.out + german.err);
    assert.match(german.out, /cannot delete now/, german.out);
    assert.doesNotMatch(german.out, /^ {2}Message uid-1/m);
    const json = await run(serverCommand, ['delete', 'Home', 'uid-1', '--yes'], { json: true, translator: GERMAN });
    assert.match(json.out, /"detail":"Message uid-1/);
  } finally {
    await server.close();
  }
});
