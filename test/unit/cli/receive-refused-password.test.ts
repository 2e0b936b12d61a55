/**
 * `mailbag receive` when the server refuses the saved password (the keychain's) or the one given with
 * --password-stdin: the command ends promptly with `mailbag: AUTH_FAILED: …` on standard error and
 * exit code 1, leaves no rejection unhandled, and never waits on standard input it was not asked to
 * read — on its own thread (one account) and in the receive workers (several).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { exitCodeFor } from '../../../electron/cli/exit-codes';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { captureOutput, loopbackAccount, NO_KEYCHAIN_ENV } from '../../support/cli';

/** Far longer than a refused sign-in on loopback takes: a run that hangs fails here. */
const TEST_TIMEOUT_MS = 30_000;
const PASSWORD = 'pop-secret';

describe('mailbag receive with a refused password', { timeout: TEST_TIMEOUT_MS }, () => {
  let scratch: string;
  let profile: string;
  let server: FakePop3Server;
  // The server's passwords: changed after the accounts are saved (saving signs in with the password).
  const users: Record<string, string> = { ann: PASSWORD, bob: PASSWORD };
  const keychain = memoryKeychain();
  const unhandled: unknown[] = [];
  const noteUnhandled = (reason: unknown): void => void unhandled.push(reason);

  before(async () => {
    process.on('unhandledRejection', noteUnhandled);
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-refused-'));
    profile = path.join(scratch, 'profile');
    server = await FakePop3Server.start({ users, messages: [{ uid: 'u1', body: 'From: a@example.org\r\nSubject: Kept\r\n\r\nHello.\r\n' }] });
    const core = await createCore({ profileDir: profile, logger: silentLogger, keychain });
    try {
      for (const [name, user] of [
        ['Home', 'ann'],
        ['Work', 'bob'],
      ] as const) {
        await core.accounts.save({ settings: loopbackAccount({ name, address: `${user}@example.com`, user, pop3: server }), pop3Password: PASSWORD });
      }
    } finally {
      await core.close();
    }
    users['ann'] = 'changed on the server';
    users['bob'] = 'changed on the server';
  });
  after(async () => {
    process.off('unhandledRejection', noteUnhandled);
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** `mailbag ARGS` in process with the keychain; standard input stays open unless `input` is given. */
  async function receive(args: readonly string[], input?: string): Promise<{ code: number; out: string; err: string }> {
    const io = captureOutput({ stdin: input === undefined ? {} : { text: input } });
    const code = await runCli(['--profile', profile, 'receive', ...args], io.streams, NO_KEYCHAIN_ENV, { keychain });
    // A rejection left unhandled is reported after the microtasks of its turn.
    await new Promise((resolve) => setImmediate(resolve));
    return { code, out: io.out(), err: io.err() };
  }

  function assertRefused(result: { code: number; out: string; err: string }, account: string): void {
    assert.equal(result.code, exitCodeFor('AUTH_FAILED'), result.out + result.err);
    assert.match(result.err, new RegExp(`^mailbag: AUTH_FAILED: ${account}: The server did not accept the user name or password\\.`, 'm'));
    assert.match(result.out, new RegExp(`^${account}: failed — AUTH_FAILED: `, 'm'));
    assert.deepEqual(unhandled, []);
  }

  test('one account, the keychain password refused, standard input open and unread: it ends with AUTH_FAILED', async () => {
    assertRefused(await receive(['--account', 'Home']), 'Home');
  });

  test('one account, the --password-stdin password refused: it ends with AUTH_FAILED', async () => {
    assertRefused(await receive(['--account', 'Home', '--password-stdin'], 'wrong password\n'), 'Home');
  });

  test('every account, each in its own worker, both refused: both fail with AUTH_FAILED', async () => {
    const result = await receive([]);
    assertRefused(result, 'Home');
    assertRefused(result, 'Work');
    assert.equal(server.messages.length, 1, 'nothing was received or deleted');
  });
});
