/**
 * `mailbag import eudora` bringing Eudora's accounts in: an Eudora.ini written as Eudora writes it (the
 * dominant personality in [Settings], another in a [Persona-…] section, CRLF lines, the Windows code
 * page), whose POP3 account is a real Dovecot. Eudora.ini names no port, so the account asks for POP3
 * over TLS on 995: a proxy there leads to Dovecot, whose test CA the command trusts through
 * NODE_EXTRA_CA_CERTS. The password given on standard input is checked by signing in, the account is
 * saved with Eudora's settings, and the mail goes into it, Eudora's first account, without --account.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { startPortProxy, type TcpProxy } from '../../servers/tcp-proxy';
import { NO_KEYCHAIN_ENV } from '../../support/cli';
import { runMailbagProcess } from '../cli/cli-process';

const TEST_TIMEOUT_MS = 120_000;
/** POP3 over TLS: the port an account read from Eudora.ini is given. */
const POP3S_PORT = 995;

function eudoraMessage(subject: string, body: string): string {
  return [
    'From ???@??? Mon Nov 02 09:00:00 2026',
    'From: Eve <eve@example.com>',
    `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
    'Date: Mon, 2 Nov 2026 09:00:00 +0000',
    `Message-ID: <${Buffer.from(subject).toString('hex').slice(0, 40)}@eudora.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
    '',
  ].join('\r\n');
}

describe('mailbag import eudora with the accounts of Eudora.ini', { timeout: TEST_TIMEOUT_MS }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-eudora-accounts-'));
  const eudora = path.join(root, 'Eudora');
  const profile = path.join(root, 'profile');
  let dovecot: DovecotServer;
  let proxy: TcpProxy;

  before(async () => {
    dovecot = await startDovecot();
    proxy = await startPortProxy({ host: dovecot.host, port: dovecot.tlsPort }, POP3S_PORT);
    mkdirSync(eudora, { recursive: true });
    writeFileSync(path.join(eudora, 'descmap.pce'), 'In,In.mbx,S,N\r\nעברית,Hebrew.mbx,M,N\r\n');
    const tall = Array.from({ length: 500 }, (_, index) => `line ${index} of a long letter`).join('\r\n');
    writeFileSync(path.join(eudora, 'In.mbx'), eudoraMessage('Kept in Eudora', tall) + eudoraMessage('שלום from Eudora', 'שלום'));
    writeFileSync(path.join(eudora, 'Hebrew.mbx'), eudoraMessage('In a Hebrew mailbox', 'text'));
    writeFileSync(
      path.join(eudora, 'Eudora.ini'),
      [
        '[Settings]',
        `POPAccount=${dovecot.user}@127.0.0.1`,
        'SMTPServer=127.0.0.1',
        'RealName=Zoë Eudora',
        'ReturnAddress=zoe@example.test',
        'LeaveMailOnServer=1',
        'CheckForMailEvery=15',
        '[Persona-Lists]',
        // The same mailbox as the dominant personality, another return address: it is the account already brought in.
        `POPAccount=${dovecot.user}@127.0.0.1`,
        'ReturnAddress=lists@example.test',
        '',
      ].join('\r\n'),
      // Eudora wrote its settings in the Windows code page, not UTF-8.
      'latin1',
    );
  });
  after(async () => {
    await proxy?.close();
    await dovecot?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the account is signed in to, saved with Eudora’s settings, and receives the mail', async () => {
    const env = { ...process.env, ...NO_KEYCHAIN_ENV, NODE_EXTRA_CA_CERTS: dovecot.certificates.caPath };
    const run = await runMailbagProcess(env, profile, ['--json', 'import', 'eudora', eudora, '--password-stdin'], `${dovecot.password}\n`);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as {
      account: string;
      accounts: Array<{ name: string; host: string; status: string; accountId?: string }>;
      imported: number;
      mailboxes: number;
      problems: unknown[];
    };
    assert.deepEqual(
      result.accounts.map((account) => [account.name, account.host, account.status]),
      [
        ['Eudora', '127.0.0.1', 'created'],
        ['Lists', '127.0.0.1', 'existing'],
      ],
    );
    assert.equal(result.accounts[1]?.accountId, result.accounts[0]?.accountId);
    assert.equal(result.account, result.accounts[0]?.accountId, 'the mail goes to Eudora’s first account');
    assert.deepEqual([result.imported, result.mailboxes, result.problems.length], [3, 2, 0]);

    const core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    try {
      const [account, ...others] = core.accounts.list();
      assert.equal(others.length, 0);
      assert.equal(account?.id, result.account);
      assert.equal(account?.name, 'Eudora');
      assert.equal(account?.address, 'zoe@example.test');
      const settings = account?.settings;
      assert.equal(settings?.displayName, 'Zoë Eudora');
      assert.deepEqual(settings?.incoming, { host: '127.0.0.1', port: POP3S_PORT, security: 'tls', username: dovecot.user, auth: 'auto' });
      assert.deepEqual([settings?.outgoing.host, settings?.outgoing.port, settings?.outgoing.security], ['127.0.0.1', 587, 'starttls']);
      assert.deepEqual(settings?.policy.leaveOnServer, { mode: 'forever' });
      const rows = core.database
        .prepare<[string], { folder: string; subject: string }>(
          `select coalesce(f.role, f.name) as folder, m.subject as subject from messages m join folders f on f.id = m.folder_id
             where m.account_id = ? order by m.subject`,
        )
        .all(result.account);
      assert.deepEqual(
        rows.map((row) => [row.folder, row.subject]),
        [
          ['עברית', 'In a Hebrew mailbox'],
          ['inbox', 'Kept in Eudora'],
          ['inbox', 'שלום from Eudora'],
        ],
      );
    } finally {
      await core.close();
    }
  });
});
