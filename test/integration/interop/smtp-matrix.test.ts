/**
 * Mailbag sending through real SMTP servers other than Postfix (Exim, OpenSMTPD), one row per setup:
 * sign-in with every offered method and the automatic choice, `account add` checking the outgoing
 * server, `send` of a composed message and `send --eml` of a ready 8-bit one, each read back as the
 * server delivered it. Exim runs once as a submission server (STARTTLS, AUTH, 8BITMIME) and once as a
 * strict 7-bit relay without AUTH, the case the 7-bit conversion and "no sign-in" accounts are for.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import { EXIT } from '../../../electron/cli/exit-codes';
import { probeSmtp, type SmtpPasswordMechanism } from '../../../electron/protocols/smtp';
import { FakePop3Server } from '../../fakes/pop3-server';
import { startExim } from '../../servers/exim';
import type { TestSmtpServer } from '../../servers/maildir-deliveries';
import { startOpenSmtpd } from '../../servers/opensmtpd';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { runMailbag } from '../../support/cli';

const TEST_TIMEOUT_MS = 120_000;
const POP3_PASSWORD = 'pop3 password';

interface SmtpServerCase {
  readonly name: string;
  readonly start: () => Promise<TestSmtpServer>;
  /** Announces 8BITMIME; requires and offers AUTH (after STARTTLS); STARTTLS or plaintext. */
  readonly options: { readonly eightBit: boolean; readonly auth: boolean; readonly security: 'starttls' | 'none' };
  /** The sign-in methods it offers after STARTTLS (none for a relay). */
  readonly methods: readonly SmtpPasswordMechanism[];
}

const SMTP_SERVERS: readonly SmtpServerCase[] = [
  {
    name: 'exim (submission: STARTTLS, AUTH, 8BITMIME)',
    options: { eightBit: true, auth: true, security: 'starttls' },
    start: () => startExim({ eightBit: true, auth: true }),
    methods: ['PLAIN', 'LOGIN'],
  },
  {
    name: 'exim (7-bit relay without AUTH)',
    options: { eightBit: false, auth: false, security: 'starttls' },
    start: () => startExim({ eightBit: false, auth: false }),
    methods: [],
  },
  {
    name: 'OpenSMTPD (plaintext relay without AUTH, 8BITMIME)',
    options: { eightBit: true, auth: false, security: 'none' },
    start: startOpenSmtpd,
    methods: [],
  },
];

const EIGHT_BIT_BODY = 'Grüße aus Köln — שלום עולם — مرحبا\r\n.a line with a leading dot\r\n';

for (const row of SMTP_SERVERS) {
  describe(`${row.name} (real SMTP server)`, { timeout: TEST_TIMEOUT_MS }, () => {
    let smtp: TestSmtpServer;
    let pop3: FakePop3Server;
    let scratch: string;
    const keychain = memoryKeychain();

    before(async () => {
      smtp = await row.start();
      pop3 = await FakePop3Server.start({ users: { ann: POP3_PASSWORD } });
      scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-interop-smtp-'));
      writeFileSync(path.join(scratch, 'ca.pem'), smtp.certificates.caPem);
    });
    after(async () => {
      await Promise.all([smtp?.stop(), pop3?.close()]);
      rmSync(scratch, { recursive: true, force: true });
    });

    const cli = async (args: string[], input = ''): Promise<{ code: number; out: string; err: string }> => {
      const { code, out, err } = await runMailbag(['--profile', path.join(scratch, 'profile'), ...args], { input, services: { keychain } });
      return { code, out, err: `${err}\n--- exim ---\n${await smtp.readLog()}` };
    };
    const connection = () => ({
      host: smtp.host,
      port: smtp.port,
      security: row.options.security,
      ...(row.options.security === 'none' ? {} : { ca: smtp.certificates.caPem }),
      timeouts: { connect: 10_000, greeting: 10_000, reply: 10_000 },
    });

    test('signs in with every offered method and automatically; a relay takes mail with no sign-in', async () => {
      const plain = await probeSmtp(connection());
      assert.ok(plain.ok, JSON.stringify(plain));
      assert.deepEqual([...plain.server.authMechanisms].sort(), [...row.methods].sort());
      assert.equal(plain.server.extensions.includes('8BITMIME'), row.options.eightBit);
      for (const mechanism of row.methods) {
        const signedIn = await probeSmtp(connection(), { type: 'password', username: smtp.user, password: smtp.password, mechanism });
        assert.ok(signedIn.ok && signedIn.server.mechanism === mechanism, JSON.stringify(signedIn));
      }
      if (row.methods.length > 0) {
        const automatic = await probeSmtp(connection(), { type: 'password', username: smtp.user, password: smtp.password });
        assert.ok(automatic.ok && row.methods.includes(automatic.server.mechanism as SmtpPasswordMechanism), JSON.stringify(automatic));
        const wrong = await probeSmtp(connection(), { type: 'password', username: smtp.user, password: 'not it' });
        assert.ok(!wrong.ok && wrong.error.code === 'AUTH_FAILED', JSON.stringify(wrong));
      }
    });

    test('account add checks the outgoing server; send and send --eml arrive as sent', async () => {
      const signIn = row.options.auth ? ['--smtp-user', smtp.user] : ['--smtp-auth', 'none'];
      const passwords = row.options.auth ? `${POP3_PASSWORD}\n${smtp.password}\n` : `${POP3_PASSWORD}\n`;
      const added = await cli(
        [
          '--json',
          'account',
          'add',
          '--name',
          'Out',
          '--email',
          'ann@example.test',
          '--pop3',
          `${pop3.host}:${pop3.port}`,
          '--pop3-security',
          'none',
          '--pop3-user',
          'ann',
          '--allow-insecure',
          '--smtp',
          `${smtp.host}:${smtp.port}`,
          '--smtp-security',
          row.options.security,
          ...(row.options.security === 'none' ? [] : ['--ca', path.join(scratch, 'ca.pem')]),
          ...signIn,
          '--password-stdin',
        ],
        passwords,
      );
      assert.equal(added.code, EXIT.SUCCESS, added.out + added.err);
      assert.equal((JSON.parse(added.out) as SaveAccountResult).smtpError, null);

      const body = path.join(scratch, 'body.txt');
      writeFileSync(body, 'Hello from a composed message.\nZoë says hi.\n');
      const composed = await cli(['send', '--account', 'Out', '--to', 'Bob <bob@example.test>', '--subject', 'Composed — ünïcode', '--body-file', body]);
      assert.equal(composed.code, EXIT.SUCCESS, composed.out + composed.err);

      const eml = path.join(scratch, 'eight-bit.eml');
      writeFileSync(
        eml,
        `From: ann@example.test\r\nTo: carol@example.test\r\nSubject: Ready eight-bit\r\nMessage-ID: <ready-8bit@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${EIGHT_BIT_BODY}`,
      );
      const ready = await cli(['send', '--account', 'Out', '--eml', eml]);
      assert.equal(ready.code, EXIT.SUCCESS, ready.out + ready.err);

      const delivered = await smtp.waitForMessages(2);
      const parsed = await Promise.all(delivered.map((bytes) => simpleParser(bytes)));
      const bySubject = new Map(parsed.map((message, index) => [message.subject ?? '', { message, bytes: delivered[index] ?? Buffer.alloc(0) }]));
      assert.equal(bySubject.get('Composed — ünïcode')?.message.text, 'Hello from a composed message.\nZoë says hi.\n');
      const eight = bySubject.get('Ready eight-bit');
      assert.ok(eight !== undefined, [...bySubject.keys()].join(', '));
      assert.equal(eight.message.text, EIGHT_BIT_BODY.replace(/\r\n/g, '\n'));
      assert.equal(eight.message.messageId, '<ready-8bit@example.test>');
      if (!row.options.eightBit) {
        assert.ok(!eight.bytes.some((byte) => byte > 0x7f), 'a server without 8BITMIME got 7-bit bytes only');
        assert.match(eight.bytes.toString('latin1'), /Content-Transfer-Encoding: quoted-printable/);
      }
    });
  });
}
