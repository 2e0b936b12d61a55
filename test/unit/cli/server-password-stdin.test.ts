/**
 * `mailbag server list|fetch|delete|keep --password-stdin` without a keychain: the POP3 password comes
 * from standard input, resolved the way `mailbag receive` resolves it; without it the commands say
 * that no password is saved.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../../electron/cli/exit-codes';
import type { ServerMailboxActionResult, ServerMailboxListing } from '../../../shared/server-mailbox';
import { FakePop3Server } from '../../fakes/pop3-server';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/smtp-server';
import { loopbackAccountAddArgs, runMailbag } from '../../support/cli';

const TEST_TIMEOUT_MS = 60_000;
const USER = 'ann';
const PASSWORD = 'pop-secret';

function message(index: number): string {
  return `From: sender${index}@example.org\r\nTo: ann@example.test\r\nSubject: Server message ${index}\r\nMessage-ID: <server-${index}@example.org>\r\n\r\nBody ${index}.\r\n`;
}

describe('mailbag server with --password-stdin', { timeout: TEST_TIMEOUT_MS }, () => {
  let scratch: string;
  let pop3: FakePop3Server;
  let smtp: FakeSmtpServer;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-server-stdin-'));
    pop3 = await FakePop3Server.start({ users: { [USER]: PASSWORD }, messages: [1, 2, 3].map((index) => ({ uid: `uid-${index}`, body: message(index) })) });
    smtp = await startFakeSmtpServer({ extensions: ['SIZE 1000000'] });
  });
  after(async () => {
    await Promise.all([pop3.close(), smtp.close()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  const run = (args: string[], input?: string) => runMailbag(['--profile', path.join(scratch, 'profile'), ...args], input === undefined ? {} : { input });

  test('the account is added; its password is not kept after the command', async () => {
    const added = await run(
      loopbackAccountAddArgs({
        name: 'Alice',
        email: 'ann@example.test',
        user: USER,
        pop3: { host: '127.0.0.1', port: pop3.port },
        smtpPort: smtp.port,
        extra: ['--smtp-auth', 'none', '--leave-on-server', 'forever'],
      }),
      `${PASSWORD}\n`,
    );
    assert.equal(added.code, EXIT.SUCCESS, added.err);
    const without = await run(['server', 'list', 'Alice']);
    assert.notEqual(without.code, EXIT.SUCCESS);
    assert.match(without.err, /PASSWORD_NEEDED/);
  });

  test('list, fetch, keep and delete sign in with the password from standard input', async () => {
    const listed = await run(['--json', 'server', 'list', 'Alice', '--password-stdin'], `${PASSWORD}\n`);
    assert.equal(listed.code, EXIT.SUCCESS, listed.err);
    assert.deepEqual(
      (JSON.parse(listed.out) as ServerMailboxListing).messages.map((entry) => entry.uidl),
      ['uid-1', 'uid-2', 'uid-3'],
    );

    const fetched = await run(['--json', 'server', 'fetch', 'Alice', 'uid-1', '--password-stdin'], `${PASSWORD}\n`);
    assert.equal(fetched.code, EXIT.SUCCESS, fetched.err);
    assert.equal((JSON.parse(fetched.out) as ServerMailboxActionResult).downloaded, 1);

    const kept = await run(['server', 'keep', 'Alice', 'uid-2', '--password-stdin'], `${PASSWORD}\n`);
    assert.equal(kept.code, EXIT.SUCCESS, kept.err);

    const deleted = await run(['--json', 'server', 'delete', 'Alice', 'uid-3', '--yes', '--password-stdin'], `${PASSWORD}\n`);
    assert.equal(deleted.code, EXIT.SUCCESS, deleted.err);
    assert.equal((JSON.parse(deleted.out) as ServerMailboxActionResult).deleted, 1);
    assert.deepEqual(
      pop3.messages.map((entry) => entry.uid),
      ['uid-1', 'uid-2'],
    );
  });

  test('a wrong password on standard input is refused by the server, not taken from elsewhere', async () => {
    const result = await run(['server', 'list', 'Alice', '--password-stdin'], 'not-the-password\n');
    assert.equal(result.code, EXIT.FAILURE);
    assert.match(result.err, /AUTH_FAILED/);
    assert.ok(!result.err.includes('not-the-password'));
  });
});
