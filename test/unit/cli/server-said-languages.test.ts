/**
 * A mail server's refusal on the command line: the label before the server's own words ("Server
 * said:") is said in the language LANG names, the server's words kept as sent; `--json` prints the same
 * English document in every language.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../electron/cli/run';
import { EXIT } from '../../../electron/cli/exit-codes';
import { FakePop3Server } from '../../fakes/pop3-server';
import { answerWith } from '../../fakes/pop3/faults';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/smtp-server';
import { captureOutput, loopbackAccountAddArgs, NO_KEYCHAIN_ENV } from '../../support/cli';

const TEST_TIMEOUT_MS = 60_000;
const USER = 'ann';
const PASSWORD = 'pop-secret';
const REFUSAL = '-ERR [SYS/PERM] mailbox is broken';
const LANGUAGES = ['C', 'de_DE.UTF-8', 'ar_EG.UTF-8'] as const;

function message(index: number): string {
  return `From: sender${index}@example.org\r\nTo: ann@example.test\r\nSubject: Server message ${index}\r\nMessage-ID: <server-${index}@example.org>\r\n\r\nBody ${index}.\r\n`;
}

describe('a server’s refusal on the command line', { timeout: TEST_TIMEOUT_MS }, () => {
  let scratch: string;
  let pop3: FakePop3Server;
  let smtp: FakeSmtpServer;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-server-said-'));
    pop3 = await FakePop3Server.start({ users: { [USER]: PASSWORD }, messages: [1, 2].map((index) => ({ uid: `uid-${index}`, body: message(index) })) });
    smtp = await startFakeSmtpServer({ extensions: ['SIZE 1000000'] });
    const added = await run(
      loopbackAccountAddArgs({
        name: 'Alice',
        email: 'ann@example.test',
        user: USER,
        pop3: { host: '127.0.0.1', port: pop3.port },
        smtpPort: smtp.port,
        extra: ['--smtp-auth', 'none', '--leave-on-server', 'forever'],
      }),
      'C',
    );
    assert.equal(added.code, EXIT.SUCCESS, added.err);
  });
  after(async () => {
    await Promise.all([pop3.close(), smtp.close()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  async function run(args: readonly string[], lang: string): Promise<{ code: number; out: string; err: string }> {
    const io = captureOutput({ stdin: { text: `${PASSWORD}\n` } });
    const code = await runCli(['--profile', path.join(scratch, 'profile'), ...args], io.streams, { ...NO_KEYCHAIN_ENV, LANG: lang });
    return { code, out: io.out(), err: io.err() };
  }

  test('a message the server refuses to hand over names the server’s words after a label in German and Arabic; --json stays the same', async (t) => {
    const retr = pop3.handlerFor('RETR');
    answerWith(pop3, 'RETR', REFUSAL);
    t.after(() => retr !== undefined && pop3.handle('RETR', retr));
    const receive = ['receive', '--account', 'Alice', '--password-stdin'];
    const english = await run(receive, 'C');
    const german = await run(receive, 'de_DE.UTF-8');
    const arabic = await run(receive, 'ar_EG.UTF-8');
    assert.ok(english.out.includes(`(Server said: ${REFUSAL})`), english.out + english.err);
    assert.ok(german.out.includes(`(Antwort des Servers: ${REFUSAL})`), german.out);
    assert.ok(arabic.out.includes(`(قال الخادم: ${REFUSAL})`), arabic.out);
    assert.doesNotMatch(german.out + arabic.out, /Server said/);

    const documents: string[] = [];
    for (const lang of LANGUAGES) documents.push((await run(['--json', ...receive], lang)).out);
    assert.ok(documents[0]?.includes(`"detail":"Server said: ${REFUSAL}"`), documents[0]);
    assert.doesNotMatch(documents[0] ?? '', /"detailWords"|"words"/);
    assert.ok(
      documents.every((document) => document === documents[0]),
      'the same JSON in every language',
    );
  });

  test('a message the server refuses to delete names it and the server’s words after a label in German and Arabic; --json stays the same', async () => {
    answerWith(pop3, 'DELE', REFUSAL);
    const args = ['server', 'delete', 'Alice', 'uid-1', '--yes', '--password-stdin'];
    const german = await run(args, 'de_DE.UTF-8');
    assert.ok(german.out.includes(`Nachricht uid-1: `), german.out + german.err);
    assert.ok(german.out.includes(`(Antwort des Servers: ${REFUSAL})`), german.out);
    const arabic = await run(args, 'ar_EG.UTF-8');
    assert.ok(arabic.out.includes(`قال الخادم: ${REFUSAL}`), arabic.out);
    assert.doesNotMatch(german.out + arabic.out, /Server said/);

    const documents: string[] = [];
    // The listing says when it was made: the one thing that differs from one run to the next.
    for (const lang of LANGUAGES) documents.push((await run(['--json', ...args], lang)).out.replace(/"listedAt":\d+/, '"listedAt":0'));
    assert.ok(documents[0]?.includes(`"detail":"Message uid-1: Server said: ${REFUSAL}"`), documents[0]);
    assert.ok(
      documents.every((document) => document === documents[0]),
      'the same JSON in every language',
    );
  });
});
