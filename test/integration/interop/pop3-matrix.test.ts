/**
 * Mailbag against real POP3 servers other than Dovecot (GNU Mailutils, Courier, Cyrus, popa3d, Solid POP3), one row
 * of data per server: sign-in with every method the server offers and with the automatic choice,
 * the doctor, a receive whose stored bytes equal a plain POP3 client's, a second receive that finds
 * nothing new, `server list` and `server delete`, and an account that deletes after download. Add a
 * server by adding a starter in test/servers and a row below.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { accountSettingsSchema } from '../../../shared/accounts';
import type { ServerMailboxListing } from '../../../shared/server-mailbox';
import { EXIT } from '../../../electron/cli/exit-codes';
import { createCore } from '../../../electron/main/core';
import { chooseMechanisms, connectAndSignIn, connectPop3, Pop3Error, type Pop3AuthMechanism } from '../../../electron/protocols/pop3';
import { runDoctor } from '../../../electron/services/doctor';
import { silentLogger } from '../../../electron/services/logger';
import { sampleSettings } from '../../fakes/account-settings';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/smtp-server';
import { startCyrusPop3, type CyrusPop3Server } from '../../servers/cyrus';
import { startInetdPop3, type InetdPop3Kind, type InetdPop3Server } from '../../servers/inetd-pop3';
import { plainRetrieveAll } from '../../servers/plain-pop3';
import { loopbackAccountAddArgs, NO_KEYCHAIN_ENV, runMailbag } from '../../support/cli';

const TEST_TIMEOUT_MS = 120_000;
const ENGINE_TIMEOUTS = { connect: 10_000, tlsHandshake: 10_000, greeting: 10_000, command: 10_000, dataIdle: 10_000, quit: 5_000, keepAlive: 0 };

/** What each server is expected to do; a method it offers that is not listed here fails the test. */
interface Pop3ServerCase {
  readonly kind: InetdPop3Kind | 'cyrus';
  /** Each offered sign-in method, and whether this server's test user can use it. */
  readonly methods: Readonly<Partial<Record<Pop3AuthMechanism, 'accepted' | 'refused'>>>;
  /**
   * The automatic choice: the method that signs in, after at most one refused method; `hangsUp` when
   * the server closes the connection after a refusal (the fallback, sent into the closed connection,
   * is then repeated on a new one).
   */
  readonly automatic: { readonly mechanism: Pop3AuthMechanism; readonly refusedFirst: readonly Pop3AuthMechanism[]; readonly hangsUp?: boolean };
  readonly announcesCapabilities: boolean;
  /** Announces UTF8 (RFC 6856) and, without it, replaces messages with UTF-8 headers by a notice. */
  readonly utf8?: boolean;
}

const POP3_SERVERS: readonly Pop3ServerCase[] = [
  // Greets with an APOP timestamp for everyone, though no user has an APOP secret here.
  { kind: 'mailutils', methods: { USER: 'accepted', APOP: 'refused' }, automatic: { mechanism: 'USER', refusedFirst: ['APOP'] }, announcesCapabilities: true },
  // Announces UTF8 USER; until a client sends UTF8 it wraps raw UTF-8 headers in "Cannot display Unicode content".
  { kind: 'courier', methods: { USER: 'accepted' }, automatic: { mechanism: 'USER', refusedFirst: [] }, announcesCapabilities: true, utf8: true },
  // Cyrus SASL with a sasldb holding the password: every method signs in, SCRAM-SHA-256 is chosen.
  {
    kind: 'cyrus',
    methods: {
      'SCRAM-SHA-256': 'accepted',
      'SCRAM-SHA-1': 'accepted',
      'CRAM-MD5': 'accepted',
      PLAIN: 'accepted',
      LOGIN: 'accepted',
      APOP: 'accepted',
      USER: 'accepted',
    },
    automatic: { mechanism: 'SCRAM-SHA-256', refusedFirst: [] },
    announcesCapabilities: true,
  },
  { kind: 'popa3d', methods: { USER: 'accepted' }, automatic: { mechanism: 'USER', refusedFirst: [] }, announcesCapabilities: false },
  // Also greets with a timestamp for everyone, and hangs up after a refused sign-in.
  {
    kind: 'solid-pop3d',
    methods: { USER: 'accepted', APOP: 'refused' },
    automatic: { mechanism: 'USER', refusedFirst: ['APOP'], hangsUp: true },
    announcesCapabilities: false,
  },
];

/** Messages built here: UTF-8 and bidi in headers and body, dot and "From " lines, a tall one, nested MIME, a huge header. */
function testMessages(kind: string): Buffer[] {
  const crlf = (lines: readonly string[]): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  const tall = Array.from({ length: 4_000 }, (_, index) =>
    index % 97 === 0 ? `.line ${index} starts with a dot` : `Line ${index} of a tall message — ${'x'.repeat(index % 120)}`,
  );
  const received = Array.from(
    { length: 150 },
    (_, index) =>
      `Received: from hop${index}.example.net (hop${index}.example.net [192.0.2.${index % 250}])\r\n\tby relay.example.org with ESMTPS id ${index.toString(16).padStart(8, '0')}; Thu, 1 Jan 2026 00:00:00 +0000`,
  );
  return [
    crlf([
      'From: Zoë Ünicode <zoe@example.org>',
      'To: mbtest@example.test',
      `Subject: Grüße — שלום עולם — مرحبا (${kind})`,
      `Message-ID: <utf8-${kind}@example.org>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'First line.',
      '.A line that starts with a dot',
      '..Two dots',
      'From the start of a line, as mbox quotes it',
      'עברית and العربية mixed with English',
    ]),
    crlf([`From: tall@example.org`, 'To: mbtest@example.test', `Subject: Tall message (${kind})`, `Message-ID: <tall-${kind}@example.org>`, '', ...tall]),
    crlf([
      'From: nested@example.org',
      'To: mbtest@example.test',
      `Subject: Nested parts (${kind})`,
      `Message-ID: <nested-${kind}@example.org>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Plain part.',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p dir="rtl">שלום</p>',
      '--inner--',
      '--outer',
      'Content-Type: application/octet-stream; name="data.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(Array.from({ length: 3_000 }, (_, index) => index % 256))
        .toString('base64')
        .replace(/.{76}/g, '$&\r\n')
        .trimEnd(),
      '--outer--',
    ]),
    crlf([
      ...received,
      'From: headers@example.org',
      'To: mbtest@example.test',
      `Subject: Huge header (${kind})`,
      `Message-ID: <huge-${kind}@example.org>`,
      `X-Long: ${'word '.repeat(400).trim()}`,
      '',
      'Short body.',
    ]),
  ];
}

for (const row of POP3_SERVERS) {
  describe(`${row.kind} (real POP3 server)`, { timeout: TEST_TIMEOUT_MS }, () => {
    let server: InetdPop3Server | CyrusPop3Server;
    let smtp: FakeSmtpServer;
    let scratch: string;
    let messages: Buffer[];

    before(async () => {
      server = row.kind === 'cyrus' ? await startCyrusPop3() : await startInetdPop3(row.kind);
      smtp = await startFakeSmtpServer({ extensions: ['8BITMIME', 'SIZE 10000000'] });
      scratch = mkdtempSync(path.join(os.tmpdir(), `mailbag-interop-${row.kind}-`));
      messages = testMessages(row.kind);
      await server.setMessages(messages);
    });
    after(async () => {
      await Promise.all([server?.stop(), smtp?.close()]);
      rmSync(scratch, { recursive: true, force: true });
    });

    const connect = () => connectPop3({ host: server.host, port: server.port, security: 'none', allowInsecureAuth: true, timeouts: ENGINE_TIMEOUTS });
    const cli = async (args: string[], input = ''): Promise<{ code: number; out: string; err: string }> => {
      const { code, out, err } = await runMailbag(['--profile', path.join(scratch, 'profile'), ...args], { input });
      return { code, out, err: `${err}\n--- server stderr ---\n${server.stderr()}` };
    };
    /** The password line for `--password-stdin`. */
    const passwordLine = (): string => `${server.password}\n`;
    const addAccount = (name: string, leave: string) =>
      cli(
        [
          '--json',
          ...loopbackAccountAddArgs({
            name,
            email: `${name.toLowerCase()}@example.test`,
            user: server.user,
            pop3: server,
            smtpPort: smtp.port,
            extra: ['--smtp-auth', 'none', '--leave-on-server', leave],
          }),
        ],
        passwordLine(),
      );

    test('signs in with every offered method as expected, and automatically with at most one fallback', async () => {
      const probe = await connect();
      const offered = chooseMechanisms(
        { username: server.user, password: server.password },
        { capabilities: probe.capabilities, apopTimestamp: probe.greeting.apopTimestamp, encrypted: false },
      );
      probe.close();
      assert.deepEqual([...offered].sort(), Object.keys(row.methods).sort(), 'the methods this server offers');
      for (const mechanism of offered) {
        const session = await connect();
        try {
          const attempt = session.authenticate({ username: server.user, password: server.password, mechanisms: [mechanism] });
          if (row.methods[mechanism] === 'accepted') {
            assert.deepEqual(await attempt, { mechanism });
            await session.stat();
          } else {
            await assert.rejects(attempt, (error: unknown) => error instanceof Pop3Error && error.refusedMechanisms.join() === mechanism);
          }
        } finally {
          session.close();
        }
      }
      // Unencrypted, so APOP (which hides the password) is tried first where offered; some servers hang
      // up after refusing it, and the one fallback then comes on a new connection.
      const transcript: string[] = [];
      const automatic = await connectAndSignIn(
        {
          host: server.host,
          port: server.port,
          security: 'none',
          allowInsecureAuth: true,
          timeouts: ENGINE_TIMEOUTS,
          transcript: (entry) => transcript.push(`${entry.direction} ${entry.text}`),
        },
        { username: server.user, password: server.password },
      );
      try {
        assert.deepEqual(automatic.result, { mechanism: row.automatic.mechanism });
        // "client USER …", "client APOP …", "client AUTH MECHANISM …": the method's name.
        const tried = transcript
          .filter((line) => /^client (APOP|USER|AUTH) /.test(line))
          .map((line) => line.split(' ')[line.startsWith('client AUTH ') ? 2 : 1]);
        const retried = row.automatic.hangsUp === true ? [row.automatic.mechanism] : [];
        assert.deepEqual(tried, [...row.automatic.refusedFirst, ...retried, row.automatic.mechanism], transcript.join('\n'));
      } finally {
        automatic.session.close();
      }
      const wrong = await connect();
      try {
        await assert.rejects(
          wrong.authenticate({ username: server.user, password: 'not the password' }),
          (error: unknown) => error instanceof Pop3Error && error.refusedMechanisms.length <= 2,
        );
      } finally {
        wrong.close();
      }
    });

    test('the doctor passes every incoming step and knows UIDL and TOP', async () => {
      const base = accountSettingsSchema.parse(
        sampleSettings({ incoming: { host: server.host, port: server.port, security: 'none', username: server.user, auth: 'auto' }, allowInsecure: true }),
      );
      const report = await runDoctor({ settings: base, pop3Password: server.password, scope: 'incoming', timeoutMs: 10_000 });
      const steps = new Map(report.steps.map((step) => [step.id, step]));
      const transcript = report.transcript.join('\n');
      assert.equal(steps.get('pop3-login')?.status, 'ok', transcript);
      assert.equal(steps.get('pop3-capabilities')?.status, 'ok', transcript);
      assert.equal(steps.get('pop3-tls')?.status, 'warning', 'plaintext, as chosen');
      const facts = new Map(steps.get('pop3-capabilities')?.facts.map((fact) => [fact.name, fact.value]));
      assert.match(facts.get('UIDL') ?? '', row.announcesCapabilities ? /^yes$/ : /^yes \(tried/);
      assert.match(facts.get('TOP') ?? '', row.announcesCapabilities ? /^yes$/ : /^yes \(tried/);
      assert.match(steps.get('pop3-login')?.summary ?? '', new RegExp(`with ${row.automatic.mechanism === 'USER' ? 'USER/PASS' : row.automatic.mechanism}`));
    });

    test('receive stores exactly what a plain POP3 client reads; a second receive finds nothing new', async () => {
      const added = await addAccount('Keep', 'forever');
      assert.equal(added.code, EXIT.SUCCESS, added.err);
      // Some servers (GNU Mailutils) write Status, X-UID and X-UIDL into the mbox at QUIT: one plain
      // session settles them, and the compared one ends without QUIT, so Mailbag's session sees
      // exactly the bytes it saw.
      const utf8 = row.utf8 === true;
      await plainRetrieveAll(server.host, server.port, server.user, server.password, { utf8 });
      const expected = await plainRetrieveAll(server.host, server.port, server.user, server.password, { quit: false, utf8 });
      assert.equal(expected.length, messages.length);
      const first = await cli(['--json', 'receive', '--account', 'Keep', '--password-stdin'], passwordLine());
      assert.equal(first.code, EXIT.SUCCESS, first.out + first.err);
      const core = await createCore({ profileDir: path.join(scratch, 'profile'), logger: silentLogger, env: NO_KEYCHAIN_ENV });
      try {
        const ids = core.database.prepare<[], { id: number }>('select id from messages order by id').all();
        const stored = await Promise.all(ids.map((row) => core.store.readRawMessage(row.id)));
        const key = (bytes: Buffer): string => bytes.toString('base64');
        const missing = expected.filter((bytes) => !stored.some((candidate) => candidate.equals(bytes)));
        assert.equal(stored.length, expected.length);
        assert.deepEqual(
          missing.map((bytes) => bytes.toString('utf8').slice(0, 600)),
          [],
          `differs from what was stored:\n${stored.map((bytes) => bytes.toString('utf8').slice(0, 600)).join('\n----\n')}`,
        );
        assert.deepEqual(stored.map(key).sort(), expected.map(key).sort(), 'stored bytes equal the plain client’s');
        assert.ok(
          stored.some((bytes) => bytes.includes(`Subject: Grüße — שלום עולם — مرحبا (${row.kind})`)),
          'the UTF-8 header arrived as sent',
        );
        assert.ok(!stored.some((bytes) => bytes.includes('Cannot display Unicode content')));
      } finally {
        await core.close();
      }
      const second = await cli(['--json', 'receive', '--account', 'Keep', '--password-stdin'], passwordLine());
      assert.equal(second.code, EXIT.SUCCESS, second.err);
      const summary = JSON.parse(second.out.trim().split('\n').at(-1) ?? '{}') as { accounts: Array<{ summary: { newMessages: number } }> };
      assert.equal(summary.accounts[0]?.summary.newMessages, 0);
    });

    test('server list shows every message; server delete removes one on the server', async () => {
      const listed = await cli(['--json', 'server', 'list', 'Keep', '--password-stdin'], passwordLine());
      assert.equal(listed.code, EXIT.SUCCESS, listed.err);
      const listing = JSON.parse(listed.out) as ServerMailboxListing;
      assert.equal(listing.messages.length, messages.length);
      assert.ok(
        listing.messages.every((message) => message.state === 'downloaded'),
        JSON.stringify(listing.messages.map((message) => message.state)),
      );
      const target = listing.messages.find((message) => message.subject.startsWith('Tall message'));
      assert.ok(target !== undefined, JSON.stringify(listing.messages.map((message) => message.subject)));
      const deleted = await cli(['--json', 'server', 'delete', 'Keep', target.uidl, '--yes', '--password-stdin'], passwordLine());
      assert.equal(deleted.code, EXIT.SUCCESS, deleted.out + deleted.err);
      const left = await plainRetrieveAll(server.host, server.port, server.user, server.password, { utf8: row.utf8 === true });
      assert.equal(left.length, messages.length - 1);
      assert.ok(!left.some((bytes) => bytes.includes('Subject: Tall message')));
    });

    test('an account that deletes after download leaves the server empty', async () => {
      await server.setMessages(testMessages(`${row.kind}-never`));
      const added = await addAccount('Never', 'never');
      assert.equal(added.code, EXIT.SUCCESS, added.err);
      const received = await cli(['--json', 'receive', '--account', 'Never', '--password-stdin'], passwordLine());
      assert.equal(received.code, EXIT.SUCCESS, received.out + received.err);
      const summary = JSON.parse(received.out.trim().split('\n').at(-1) ?? '{}') as { accounts: Array<{ summary: { newMessages: number } }> };
      assert.equal(summary.accounts[0]?.summary.newMessages, 4);
      assert.deepEqual(await plainRetrieveAll(server.host, server.port, server.user, server.password), []);
    });
  });
}
