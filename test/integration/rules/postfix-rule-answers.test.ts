/**
 * Rules that answer mail, end to end against a real Postfix and Dovecot: mail arrives over SMTP, is
 * fetched by `mailbag receive`, a reply rule and a forward rule run on it, and the answers go out
 * through the Outbox and Postfix — the reply to the person once (Auto-Submitted, In-Reply-To), the
 * forward to its address once with the original attached, and nothing to the sender of a bounce, also
 * when Send/Receive runs again and fetches the answers themselves. Mail is kept on the server, so
 * every delivery stays countable.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { defaultPolicy } from '../../../shared/accounts';
import { receiveCommand } from '../../../electron/cli/commands/receive';
import { rulesCommand } from '../../../electron/cli/commands/rules';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { startPostfix, type PostfixServer } from '../../servers/postfix';
import { aliceOnPostfix } from '../../servers/test-accounts';
import { runCommand } from '../../support/cli';
import { POSTFIX_TEST_TIMEOUT_MS } from '../smtp/support';

/** Time allowed for a delivery that must not happen, before concluding it did not. */
const NO_DELIVERY_WAIT_MS = 2_000;
/** Bound on one SMTP exchange of the test's own sender. */
const SMTP_TIMEOUT_MS = 20_000;

const PERSON = [
  'From: Bob Builder <bob@example.test>',
  'To: Alice <alice@example.test>',
  'Subject: Quote for the kitchen',
  'Date: Tue, 03 Nov 2026 10:00:00 +0000',
  'Message-ID: <kitchen-quote@example.test>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Could you send me the quote?',
  '',
].join('\r\n');

const BOUNCE = [
  'From: Mail Delivery System <MAILER-DAEMON@example.test>',
  'To: Alice <alice@example.test>',
  'Subject: Undelivered Mail Returned to Sender',
  'Date: Tue, 03 Nov 2026 10:05:00 +0000',
  'Message-ID: <bounce-1@example.test>',
  'Auto-Submitted: auto-replied',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain',
  '',
  'Your message could not be delivered.',
  '--b1',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; example.test',
  '',
  'Final-Recipient: rfc822; nobody@example.test',
  'Action: failed',
  'Status: 5.1.1',
  '--b1--',
  '',
].join('\r\n');

/** Hands a message to Postfix's plain port as another mail server would (a null reverse-path for a bounce). */
async function deliver(server: PostfixServer, from: string, raw: string): Promise<void> {
  const connection = new SMTPConnection({
    host: server.host,
    port: server.plainPort,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  await new Promise<void>((resolve, reject) => {
    connection.once('error', reject);
    connection.connect(() => {
      connection.send({ from, to: ['alice@example.test'] }, raw, (error) => {
        connection.quit();
        if (error) reject(error);
        else resolve();
      });
    });
  });
}

function headerOf(message: ParsedMail, name: string): string {
  const value = message.headers.get(name);
  return typeof value === 'string' ? value : JSON.stringify(value ?? '');
}

describe('Rules that reply and forward, through Postfix', { timeout: POSTFIX_TEST_TIMEOUT_MS * 2 }, () => {
  let server: PostfixServer;
  let scratch: string;
  const keychain = memoryKeychain();
  const open = (): Promise<Core> => createCore({ profileDir: path.join(scratch, 'profile'), logger: silentLogger, keychain });
  const run = (command: typeof rulesCommand, args: string[]) => runCommand(command, args, { profileDir: path.join(scratch, 'profile'), openCore: open });

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-rule-answers-'));
    server = await startPostfix();
    const core = await open();
    try {
      const saved = await core.accounts.save({
        settings: aliceOnPostfix(server, { displayName: 'Alice', policy: defaultPolicy(true) }),
        pop3Password: server.password,
      });
      assert.equal(saved.smtpVerified, true, JSON.stringify(saved.smtpError));
    } finally {
      await core.close();
    }
  });
  after(async () => {
    await server?.stop();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  test('the person gets one reply and the forward arrives once; the bounce gets nothing', async () => {
    const template = path.join(scratch, 'reply.txt');
    writeFileSync(template, 'Hello {sender},\n\nthanks for “{subject}” of {date}. I am away until Monday.\n');
    const reply = await run(rulesCommand, ['add', '--name', 'Away', '--when', 'to:alice@example.test', '--reply-template', template]);
    assert.equal(reply.code, 0, reply.err);
    const forward = await run(rulesCommand, ['add', '--name', 'To Carol', '--when', 'from:bob@example.test', '--forward', 'carol@example.test']);
    assert.equal(forward.code, 0, forward.err);

    await deliver(server, 'bob@example.test', PERSON);
    await deliver(server, '', BOUNCE);
    await server.waitForDeliveries(2);

    const received = await runCommand(receiveCommand, ['--account', 'Alice'], { profileDir: path.join(scratch, 'profile'), openCore: open });
    assert.equal(received.code, 0, `${received.out}\n${received.err}\n${await server.readLogs()}`);
    const delivered = await Promise.all((await server.waitForDeliveries(4)).map((bytes) => simpleParser(bytes)));
    const answers = delivered.filter((message) => message.subject !== 'Quote for the kitchen' && message.subject !== 'Undelivered Mail Returned to Sender');
    assert.equal(answers.length, 2, answers.map((message) => message.subject).join(', '));

    const answer = answers.find((message) => message.subject === 'Re: Quote for the kitchen');
    assert.ok(answer !== undefined, 'the reply arrived');
    assert.equal(answer.to !== undefined && !Array.isArray(answer.to) ? answer.to.value[0]?.address : undefined, 'bob@example.test');
    assert.equal(headerOf(answer, 'auto-submitted'), 'auto-replied');
    assert.equal(answer.inReplyTo, '<kitchen-quote@example.test>');
    assert.match(answer.text ?? '', /^Hello Bob Builder,\n\nthanks for “Quote for the kitchen” of Tue, 03 Nov 2026 10:00:00 GMT\. I am away until Monday\./);

    const forwarded = answers.find((message) => message.subject === 'Fwd: Quote for the kitchen');
    assert.ok(forwarded !== undefined, 'the forward arrived');
    assert.equal(forwarded.to !== undefined && !Array.isArray(forwarded.to) ? forwarded.to.value[0]?.address : undefined, 'carol@example.test');
    const attached = forwarded.attachments.find((attachment) => attachment.contentType === 'message/rfc822');
    assert.ok(attached !== undefined, 'the original is attached');
    assert.match(attached.content.toString('utf8'), /Could you send me the quote\?/);

    // Send/Receive again: the answers themselves arrive (the test's mailboxes share one maildir) and
    // are never answered (Auto-Submitted), and nothing is sent a second time.
    const again = await runCommand(receiveCommand, ['--account', 'Alice'], { profileDir: path.join(scratch, 'profile'), openCore: open });
    assert.equal(again.code, 0, `${again.out}\n${again.err}`);
    await new Promise((resolve) => setTimeout(resolve, NO_DELIVERY_WAIT_MS));
    assert.equal((await server.listDelivered()).length, 4, 'nothing more was sent');

    const core = await open();
    try {
      const states = core.database
        .prepare<[], { kind: string; state: string; reason: string | null }>('select kind, state, reason from rule_answers order by kind, state')
        .all();
      assert.deepEqual(
        states.map((row) => [row.kind, row.state]),
        [
          ['forward', 'queued'],
          ['reply', 'queued'],
          ['reply', 'skipped'],
        ],
      );
      assert.deepEqual(
        core.outbox.list().map((entry) => entry.state),
        ['sent', 'sent'],
      );
    } finally {
      await core.close();
    }
  });
});
