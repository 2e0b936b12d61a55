/**
 * `mailbag send` and `mailbag outbox` against fake servers (POP3 to save the account, SMTP to send):
 * usage mistakes exit 2 before anything is queued, a permanent refusal exits 1 with the server's
 * words, a connection lost after the final "." exits 1 saying the message may have been sent, and
 * the list shows each state with its reason.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MailbagError } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import type { Command } from '../../../electron/cli/command';
import { outboxCommand } from '../../../electron/cli/commands/outbox';
import { receiveCommand } from '../../../electron/cli/commands/receive';
import { exitCodeForResult, sendCommand } from '../../../electron/cli/commands/send';
import { EXIT } from '../../../electron/cli/exit-codes';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import type { OutboxEntry } from '../../../electron/services/outbox';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/smtp-server';
import { loopbackAccount, runCommand } from '../../support/cli';

const USER = 'ann';
const PASSWORD = 'pop-secret';

// Each test is bounded by the runner's timeout per test: a bound on the whole suite cut its last tests
// short on a loaded machine.
describe('mailbag send and outbox', () => {
  let scratch: string;
  let pop3: FakePop3Server;
  let smtp: FakeSmtpServer;
  /** What the fake SMTP server does after the final "." for the next message. */
  let afterData: 'accept' | 'drop' = 'accept';
  const keychain = memoryKeychain();
  const profile = (): string => path.join(scratch, 'profile');
  const open = () => createCore({ profileDir: profile(), logger: silentLogger, keychain });

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-send-'));
    pop3 = await FakePop3Server.start({ users: { [USER]: PASSWORD }, messages: [] });
    smtp = await startFakeSmtpServer({
      auth: { user: USER, password: PASSWORD },
      handlers: {
        MAIL: (connection, args) => {
          if (args.includes('<refused@')) return connection.reply('550 5.7.1 Sender refused by policy');
          connection.transaction = { from: /<([^>]*)>/.exec(args)?.[1] ?? '', mailParameters: '', recipients: [], data: undefined };
          connection.server.transactions.push(connection.transaction);
          connection.reply('250 2.1.0 Ok');
        },
        RCPT: (connection, args) => {
          if (args.includes('<nobody@')) return connection.reply('550 5.1.1 User unknown');
          connection.transaction?.recipients.push(/<([^>]*)>/.exec(args)?.[1] ?? '');
          connection.reply('250 2.1.5 Ok');
        },
      },
      onData: (connection) => (afterData === 'drop' ? connection.drop() : connection.reply('250 2.0.0 Ok: queued')),
    });
    const core = await open();
    try {
      for (const [name, address] of [
        ['Home', 'ann@example.com'],
        ['Refused', 'refused@example.com'],
      ] as const) {
        await core.accounts.save({ settings: loopbackAccount({ name, address, user: USER, pop3, smtpPort: smtp.port }), pop3Password: PASSWORD });
      }
    } finally {
      await core.close();
    }
  });
  after(async () => {
    await Promise.all([pop3?.close(), smtp?.close()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  const run = (command: Command, args: string[], json = false) => runCommand(command, args, { profileDir: profile(), openCore: open, json });

  test('usage mistakes are refused before anything is queued', async () => {
    await assert.rejects(run(sendCommand, ['--to', 'bob@example.test', '--subject', 'x']), /--account is required/);
    await assert.rejects(run(sendCommand, ['--account', 'Home', '--subject', 'x']), /at least one recipient/);
    await assert.rejects(run(sendCommand, ['--account', 'Home', '--to', 'bob@example.test']), /--subject is required/);
    await assert.rejects(run(sendCommand, ['--account', 'Home', '--eml', 'x.eml', '--to', 'bob@example.test']), /cannot be combined/);
    await assert.rejects(run(sendCommand, ['--account', 'Home', '--to', 'bob@exa mple.test', '--subject', 'x']), /cannot read/);
    await assert.rejects(
      run(sendCommand, ['--account', 'Home', '--to', 'bob@example.test', '--subject', 'x', '--attach', path.join(scratch, 'missing.bin')]),
      /cannot read/,
    );
    const listed = await run(outboxCommand, [], true);
    assert.deepEqual(JSON.parse(listed.out), []);
  });

  test('sent: exit 0, the server got the message from the account with its password', async () => {
    const body = path.join(scratch, 'body.txt');
    writeFileSync(body, 'Hello.\n');
    const result = await run(sendCommand, [
      '--account',
      'Home',
      '--to',
      'Bob <bob@example.test>',
      '--bcc',
      'carol@example.test',
      '--subject',
      'Hi',
      '--body-file',
      body,
    ]);
    assert.equal(result.code, EXIT.SUCCESS, result.err);
    assert.match(result.out, /Sent to bob@example\.test, carol@example\.test\./);
    const transaction = smtp.transactions.at(-1);
    assert.deepEqual(transaction?.recipients, ['bob@example.test', 'carol@example.test']);
    assert.doesNotMatch(transaction?.data?.toString('utf8') ?? '', /carol/);
    assert.ok(smtp.connections.at(-1)?.authenticated, 'signed in with the saved password');
  });

  test("a permanent refusal exits 1 with the server's words; the message stays as failed", async () => {
    const result = await run(sendCommand, ['--account', 'Refused', '--to', 'bob@example.test', '--subject', 'No']);
    assert.equal(result.code, EXIT.FAILURE);
    assert.match(result.err, /SERVER_PERMANENT: .*550 5\.7\.1 Sender refused by policy/);
  });

  test('a connection lost after the final "." exits 1 saying the message may have been sent', async () => {
    afterData = 'drop';
    try {
      const result = await run(sendCommand, ['--account', 'Home', '--to', 'dave@example.test', '--subject', 'Maybe']);
      assert.equal(result.code, EXIT.FAILURE);
      assert.match(result.err, /may have been sent — check your Sent folder or the recipients before sending again/);
    } finally {
      afterData = 'accept';
    }
    const listed = await run(outboxCommand, []);
    assert.match(listed.out, /sent\s/);
    assert.match(listed.out, /failed .*Sender refused by policy/);
    assert.match(listed.out, /may have been sent .*dave@example\.test/);
    const entries = JSON.parse((await run(outboxCommand, ['--account', 'Home'], true)).out) as OutboxEntry[];
    const maybe = entries.find((entry) => entry.state === 'ambiguous');
    assert.ok(maybe !== undefined);

    const again = await run(outboxCommand, ['send-again', String(maybe.id)]);
    assert.equal(again.code, 0);
    assert.match(again.out, /queued again/);
    const removed = await run(outboxCommand, ['remove', String(maybe.id)]);
    assert.equal(removed.code, 0);
    assert.equal((JSON.parse((await run(outboxCommand, ['--account', 'Home'], true)).out) as OutboxEntry[]).length, 1);
  });

  test('receive sends what waits in the Outbox first, then fetches mail', async () => {
    const core = await open();
    let queuedId: number;
    try {
      const account = core.accounts.find('Home');
      const entry = await core.outbox.queue(account.id, { to: [{ address: 'erin@example.test' }], subject: 'Queued earlier', text: 'Waiting.\n' });
      queuedId = entry.id;
      assert.equal(entry.state, 'queued');
    } finally {
      await core.close();
    }
    const before = smtp.transactions.length;
    const result = await run(receiveCommand, ['--account', 'Home']);
    assert.equal(result.code, EXIT.SUCCESS, result.err + result.out);
    assert.match(result.out, /^Outbox: 1 sent$/m);
    assert.deepEqual(
      smtp.transactions.slice(before).map((transaction) => transaction.recipients),
      [['erin@example.test']],
    );
    const entries = JSON.parse((await run(outboxCommand, ['--account', 'Home'], true)).out) as OutboxEntry[];
    assert.equal(entries.find((entry) => entry.id === queuedId)?.state, 'sent');
  });

  test('receive still fetches mail when the Outbox cannot be sent at all: the error on stderr, exit 3', async () => {
    const failingOutbox = async (): Promise<Core> => {
      const core = await open();
      const flush: Core['outbox']['flush'] = () => Promise.reject(new MailbagError('STORAGE', 'The Outbox could not be read.'));
      return { ...core, outbox: { ...core.outbox, flush } };
    };
    const { code, out, err } = await runCommand(receiveCommand, ['--account', 'Home'], { profileDir: profile(), openCore: failingOutbox });
    assert.equal(code, EXIT.PARTIAL, err + out);
    assert.match(err, /^mailbag: STORAGE: Home: the Outbox could not be sent: The Outbox could not be read\.$/m);
    assert.match(out, /^Home: /m, 'the receive ran and is summarized');
    assert.doesNotMatch(out, /^Home: failed/m);
  });

  test('exit codes: 3 partial, 4 when another Mailbag is sending the message', () => {
    const entry = { state: 'sending' } as OutboxEntry;
    assert.equal(exitCodeForResult(undefined, entry), EXIT.BUSY);
    assert.equal(
      exitCodeForResult({ id: 1, accountId: 'a', result: 'partial', state: 'sent', reason: null, reasonCode: null, reasonWords: null, recipients: [] }, entry),
      EXIT.PARTIAL,
    );
    assert.equal(
      exitCodeForResult(
        { id: 1, accountId: 'a', result: 'retrying', state: 'retrying', reason: null, reasonCode: null, reasonWords: null, recipients: [] },
        entry,
      ),
      EXIT.FAILURE,
    );
  });

  test('send --eml of an 8-bit message to a server without 8BITMIME: sent converted to 7 bits', async () => {
    assert.ok(!(smtp.options.extensions ?? []).includes('8BITMIME'));
    const eml = path.join(scratch, 'eight-bit.eml');
    const body = 'Grüße aus Köln — שלום\r\n';
    writeFileSync(
      eml,
      `From: ann@example.com\r\nTo: bob@example.test\r\nSubject: Eight bit\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}`,
    );
    const result = await run(sendCommand, ['--account', 'Home', '--eml', eml]);
    assert.equal(result.code, EXIT.SUCCESS, result.err);
    const data = smtp.transactions.at(-1)?.data;
    assert.ok(data !== undefined && !data.some((byte) => byte > 0x7f), 'only 7-bit bytes went over the wire');
    assert.match(data.toString('latin1'), /Content-Transfer-Encoding: quoted-printable/);
    assert.match(data.toString('latin1'), /Gr=C3=BC=C3=9Fe/);
  });
  test("outbox list shows each message's subject, in the table and in JSON", async () => {
    const queued = await run(sendCommand, ['--account', 'Refused', '--to', 'bob@example.test', '--subject', 'Subject for the list — ünïcode']);
    assert.equal(queued.code, EXIT.FAILURE);
    const listed = await run(outboxCommand, ['--account', 'Refused']);
    const rows = listed.out.split('\n').filter((line) => line.includes('failed'));
    assert.ok(
      rows.some((row) => /failed +1 +bob@example\.test +Subject for the list — ünïcode +The server refused/.test(row)),
      listed.out,
    );
    assert.ok(
      rows.some((row) => /bob@example\.test +No +The server refused/.test(row)),
      listed.out,
    );
    const entries = JSON.parse((await run(outboxCommand, ['--account', 'Refused'], true)).out) as Array<OutboxEntry & { subject: string | null }>;
    assert.ok(
      entries.every((entry) => entry.subject !== null && entry.subject !== ''),
      JSON.stringify(entries),
    );
  });

  test('a missing outgoing password is said in the user’s language, on stderr and in the list; --json keeps the English words', async () => {
    // The Home account with no password to send with: as if none was ever saved for its outgoing server.
    const withoutPassword = (): Promise<Core> =>
      createCore({
        profileDir: profile(),
        logger: silentLogger,
        keychain,
        wrapAccounts: (accounts) => ({ ...accounts, password: async () => undefined }),
      });
    const german = createTranslator('de');
    const arabic = createTranslator('ar');
    const context = { profileDir: profile(), openCore: withoutPassword };
    const sent = await runCommand(sendCommand, ['--account', 'Home', '--to', 'frank@example.test', '--subject', 'Kein Passwort'], {
      ...context,
      translator: german,
    });
    assert.equal(sent.code, EXIT.FAILURE);
    assert.ok(sent.err.includes(`mailbag: PASSWORD_NEEDED: ${german.t('outbox.passwordNeeded')}\n`), sent.err);
    assert.doesNotMatch(sent.err, /no saved password/);
    const listed = await runCommand(outboxCommand, ['--account', 'Home'], { ...context, translator: arabic });
    assert.ok(listed.out.includes(arabic.t('outbox.passwordNeeded')), listed.out);
    assert.doesNotMatch(listed.out, /no saved password/);
    const entries = JSON.parse((await runCommand(outboxCommand, ['--account', 'Home'], { ...context, json: true, translator: german })).out) as OutboxEntry[];
    const waiting = entries.find((entry) => entry.reasonCode === 'PASSWORD_NEEDED');
    assert.ok(waiting !== undefined, JSON.stringify(entries));
    assert.equal(waiting.reason, 'Mailbag has no saved password for the outgoing server of this account. Enter it to send.');
    assert.equal((await runCommand(outboxCommand, ['remove', String(waiting.id)], context)).code, EXIT.SUCCESS);
  });

  test('a message every recipient refused names them in the user’s language; each keeps the server’s words', async () => {
    const german = createTranslator('de');
    const context = { profileDir: profile(), openCore: open };
    const sent = await runCommand(sendCommand, ['--account', 'Home', '--to', 'nobody@example.test', '--subject', 'Niemand'], {
      ...context,
      translator: german,
    });
    assert.equal(sent.code, EXIT.FAILURE);
    assert.ok(sent.err.includes(`mailbag: SERVER_PERMANENT: ${german.t('outbox.notDeliveredTo', { addresses: 'nobody@example.test' })}\n`), sent.err);
    const entries = JSON.parse((await runCommand(outboxCommand, ['--account', 'Home'], { ...context, json: true, translator: german })).out) as OutboxEntry[];
    const refused = entries.find((entry) => entry.state === 'failed' && entry.recipients.every((recipient) => recipient.status === 'refused'));
    assert.ok(refused !== undefined, JSON.stringify(entries));
    const serverWords = refused.recipients[0]?.reason ?? '';
    assert.match(serverWords, /550 5\.1\.1 User unknown/);
    assert.equal(refused.reason, `Not delivered to nobody@example.test (${serverWords}).`, 'the English words stay in --json');
    // The sentence around the server's answer is said in German; the answer itself stays as the server sent it.
    const response = /^The server refused RCPT TO: (.*)$/s.exec(serverWords)?.[1];
    assert.ok(response !== undefined, serverWords);
    const germanWords = german.t('protocolError.serverRefusedCommand', { command: 'RCPT TO', response });
    assert.match(germanWords, /^Der Server hat RCPT TO abgelehnt: 550 5\.1\.1 User unknown/);
    const line = german.t('cli.send.refused', { address: 'nobody@example.test', reason: germanWords });
    assert.ok(sent.out.includes(line), sent.out);
    const listed = await runCommand(outboxCommand, ['--account', 'Home'], { ...context, translator: german });
    assert.ok(listed.out.includes(line), listed.out);
    assert.doesNotMatch(listed.out + sent.err, /Not delivered/);
    assert.equal((await runCommand(outboxCommand, ['remove', String(refused.id)], context)).code, EXIT.SUCCESS);
  });

  test('receive says in the user’s language why the Outbox could not send for want of the outgoing password', async () => {
    const smtpWithoutPassword = (): Promise<Core> =>
      createCore({
        profileDir: profile(),
        logger: silentLogger,
        keychain,
        wrapAccounts: (accounts) => ({ ...accounts, password: async (id, protocol) => (protocol === 'smtp' ? undefined : accounts.password(id, protocol)) }),
      });
    const core = await open();
    let queuedId: number;
    try {
      queuedId = (await core.outbox.queue(core.accounts.find('Home').id, { to: [{ address: 'gina@example.test' }], subject: 'Ohne Passwort', text: 'x\n' })).id;
    } finally {
      await core.close();
    }
    const arabic = createTranslator('ar');
    const result = await runCommand(receiveCommand, ['--account', 'Home'], { profileDir: profile(), openCore: smtpWithoutPassword, translator: arabic });
    const line = arabic.t('cli.receive.outboxMessageReason', { id: queuedId, result: 'failed', reason: arabic.t('outbox.passwordNeeded') });
    assert.ok(result.out.includes(line), result.out + result.err);
    assert.equal((await run(outboxCommand, ['remove', String(queuedId)])).code, EXIT.SUCCESS);
  });
});
