/**
 * `mailbag account add` and the outgoing sign-in: `--smtp-auth none` for a relay that takes mail
 * without AUTH (and sending through it), and exit 3 when the incoming server was saved but the
 * outgoing sign-in failed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../../electron/cli/exit-codes';
import type { Account } from '../../../shared/accounts';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import { FakePop3Server } from '../../fakes/pop3-server';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/smtp-server';
import { loopbackAccountAddArgs, runMailbag } from '../../support/cli';

const TEST_TIMEOUT_MS = 60_000;
const USER = 'ann';
const PASSWORD = 'pop-secret';

describe('the outgoing sign-in choice of account add', { timeout: TEST_TIMEOUT_MS }, () => {
  let scratch: string;
  let pop3: FakePop3Server;
  let relay: FakeSmtpServer;
  let guarded: FakeSmtpServer;
  let submission: FakeSmtpServer;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-smtp-auth-'));
    pop3 = await FakePop3Server.start({ users: { [USER]: PASSWORD } });
    relay = await startFakeSmtpServer({ extensions: ['SIZE 1000000', '8BITMIME'] });
    guarded = await startFakeSmtpServer({ extensions: ['SIZE 1000000', 'AUTH PLAIN LOGIN'], auth: { user: USER, password: 'another-password' } });
    submission = await startFakeSmtpServer({ extensions: ['SIZE 1000000', 'AUTH PLAIN LOGIN'], auth: { user: USER, password: PASSWORD } });
  });
  after(async () => {
    await Promise.all([pop3.close(), relay.close(), guarded.close(), submission.close()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  const run = (args: string[], input?: string) => runMailbag(['--profile', path.join(scratch, 'profile'), ...args], input === undefined ? {} : { input });
  const flags = (name: string, smtpPort: number): string[] =>
    loopbackAccountAddArgs({ name, email: 'ann@example.test', user: USER, pop3: { host: '127.0.0.1', port: pop3.port }, smtpPort });

  test('--smtp-auth none saves an account whose outgoing server needs no sign-in, and sending uses none', async () => {
    const added = await run(['--json', ...flags('Relay', relay.port), '--smtp-auth', 'none'], `${PASSWORD}\n`);
    assert.equal(added.code, EXIT.SUCCESS, added.err);
    const saved = JSON.parse(added.out) as SaveAccountResult;
    assert.equal(saved.account.settings?.outgoing.credentials, 'none');
    assert.equal(saved.smtpError, null);
    assert.ok(!relay.lines.some((line) => line.startsWith('AUTH')));

    const body = path.join(scratch, 'body.txt');
    writeFileSync(body, 'Hello over the relay.\n');
    const sent = await run(['send', '--account', 'Relay', '--to', 'bob@example.test', '--subject', 'Relayed', '--body-file', body]);
    assert.equal(sent.code, EXIT.SUCCESS, sent.err);
    assert.deepEqual(relay.transactions.at(-1)?.recipients, ['bob@example.test']);
    assert.ok(!relay.lines.some((line) => line.startsWith('AUTH')));
  });

  test('--smtp-auth with a method name forces that SMTP method and keeps it with the account', async () => {
    const added = await run(['--json', ...flags('Forced', submission.port), '--smtp-auth', 'LOGIN'], `${PASSWORD}\n`);
    assert.equal(added.code, EXIT.SUCCESS, `${added.out}\n${added.err}`);
    const saved = JSON.parse(added.out) as SaveAccountResult;
    assert.equal(saved.account.settings?.outgoing.auth, 'LOGIN');
    assert.equal(saved.smtpError, null);
    const methods = submission.lines.filter((line) => line.startsWith('AUTH')).map((line) => line.split(' ')[1]);
    assert.ok(methods.length > 0);
    assert.ok(
      methods.every((method) => method === 'LOGIN'),
      methods.join(' '),
    );
  });

  test('a wrong --smtp-auth value is a usage error', async () => {
    const result = await run([...flags('Wrong', relay.port), '--smtp-auth', 'anonymous'], `${PASSWORD}\n`);
    assert.equal(result.code, EXIT.USAGE);
    assert.match(result.err, /--smtp-auth must be password, none or one of SCRAM-SHA-256, PLAIN, LOGIN, CRAM-MD5/);
  });

  test('a refused outgoing sign-in exits 3: the account is saved with its incoming server, and the output says so', async () => {
    const result = await run(flags('Unchecked', guarded.port), `${PASSWORD}\n`);
    assert.equal(result.code, EXIT.PARTIAL, result.err);
    assert.match(result.out, /Outgoing: .*NOT verified: AUTH_FAILED/);
    assert.match(result.out, /saved with its incoming server only checked: sending from it may fail/);
    const list = await run(['--json', 'account', 'list']);
    assert.ok((JSON.parse(list.out) as Account[]).some((account) => account.name === 'Unchecked'));
  });
});
