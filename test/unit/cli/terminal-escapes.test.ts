/**
 * Text from mail and from servers never drives the terminal: `list`, `show`, `server transcript`,
 * `account doctor` and errors show control characters visibly, `--json` escapes them, and `show --raw`
 * writes raw bytes to a terminal only with `--force`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatStep } from '../../../electron/cli/commands/account';
import { englishWords } from '../../../shared/i18n/english';
import { runCli } from '../../../electron/cli/run';
import { saveTranscript } from '../../../electron/storage/server-mailbox-records';
import { captureOutput, fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';

const TEST_TIMEOUT_MS = 60_000;

/** Everything a terminal may act on (C0 but line feed, DEL, C1). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** A hostile message: escape sequences in an encoded-word subject, a sender name, and the body. */
const HOSTILE = Buffer.from(
  [
    // RFC 2047 Q-encoding carries ESC ]0; (set window title) and BEL past any header filter.
    'From: =?utf-8?q?Bank=1B[2J=C2=9B31m?= <bank@example.com>',
    'To: ann@example.com',
    'Subject: =?utf-8?q?Invoice=1B]0;pwned=07_due?=',
    'Date: Mon, 2 Nov 2026 09:00:00 +0000',
    'Message-ID: <hostile@example.com>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Dear customer,\x1b]8;;http://evil.example/\x07click here\x1b]8;;\x07 and \x1b[1A\x1b[2Kthat line is gone.\x07',
    'Tab\tstays, so does the line break.',
    '',
  ].join('\r\n'),
  'latin1',
);

describe('control characters from mail and servers on the terminal', { timeout: TEST_TIMEOUT_MS }, () => {
  let scratch: string;
  let profile: string;
  let id = 0;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-escapes-'));
    profile = path.join(scratch, 'profile');
    await fillProfile(profile, [['acc-home', 'Home', 'ann@example.com']], async (core) => {
      const outcome = await core.store.addMessage({ accountId: 'acc-home', folder: 'inbox' }, HOSTILE);
      assert.equal(outcome.status, 'stored');
      id = outcome.messageId;
      saveTranscript(core.database, 'acc-home', {
        kind: 'send-receive',
        startedAt: 1,
        endedAt: 2,
        omitted: 0,
        lines: [
          { direction: 'server', text: '+OK Ready\x1b]0;owned\x07\x9b2J', time: 1 },
          { direction: 'client', text: 'CAPA', time: 1 },
        ],
      });
    });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const run = async (args: string[], tty = false) => {
    const io = captureOutput({ stdoutIsTTY: tty });
    const code = await runCli(['--profile', profile, ...args], io.streams, NO_KEYCHAIN_ENV);
    return { code, out: io.out(), err: io.err(), bytes: io.bytes() };
  };

  test('list shows the subject and sender with their control characters visible', async () => {
    const result = await run(['list']);
    assert.equal(result.code, 0, result.err);
    assert.doesNotMatch(result.out, RAW_CONTROLS);
    assert.match(result.out, /Invoice\\x1b\]0;pwned\\x07 due/);
    assert.match(result.out, /Bank\\x1b\[2J\\x9b31m/);
  });

  test('show keeps line breaks and tabs but shows every other control character', async () => {
    const result = await run(['show', String(id)]);
    assert.equal(result.code, 0, result.err);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(result.out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(result.out, /Subject: +Invoice\\x1b\]0;pwned\\x07 due/);
    assert.match(result.out, /\\x1b\]8;;http:\/\/evil\.example\/\\x07click here/);
    assert.match(result.out, /Tab\tstays, so does the line break\.\n/);
  });

  test('--json escapes every control character and still reads back to the exact text', async () => {
    for (const args of [
      ['--json', 'list'],
      ['--json', 'show', String(id)],
    ]) {
      const result = await run(args);
      assert.equal(result.code, 0, result.err);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(result.out.trimEnd(), /[\u0000-\u001f\u007f-\u009f]/, args.join(' '));
      assert.match(result.out, /\\u001b\]0;pwned\\u0007/);
      assert.match(JSON.stringify(JSON.parse(result.out)), /Invoice\\u001b\]0;pwned\\u0007 due/);
    }
    const shown = JSON.parse((await run(['--json', 'show', String(id)])).out) as { from: { name: string } };
    assert.equal(shown.from.name, 'Bank\x1b[2J\x9b31m', 'the C1 character survives the round trip');
  });

  test('show --raw refuses a terminal without --force, and writes the exact bytes with it or into a pipe', async () => {
    const refused = await run(['show', String(id), '--raw'], true);
    assert.equal(refused.code, 2);
    assert.equal(refused.bytes.length, 0);
    assert.equal(refused.out, '');
    assert.match(refused.err, /terminal/);
    assert.match(refused.err, /--force/);
    assert.match(refused.err, new RegExp(`mailbag show ${id} --raw > message\\.eml`));
    const forced = await run(['show', String(id), '--raw', '--force'], true);
    assert.equal(forced.code, 0, forced.err);
    assert.ok(forced.bytes.equals(HOSTILE));
    const piped = await run(['show', String(id), '--raw']);
    assert.equal(piped.code, 0, piped.err);
    assert.ok(piped.bytes.equals(HOSTILE));
  });

  test('server transcript shows what the server sent with its control characters visible', async () => {
    const result = await run(['server', 'transcript', 'Home']);
    assert.equal(result.code, 0, result.err);
    assert.doesNotMatch(result.out, RAW_CONTROLS);
    assert.match(result.out, /S: \+OK Ready\\x1b\]0;owned\\x07\\x9b2J/);
  });
});

test('account doctor steps show server text with control characters visible', () => {
  const text = formatStep(
    {
      id: 'pop3-tls',
      title: 'POP3 encryption',
      status: 'failed',
      summary: 'The server said: -ERR \x1b]8;;http://evil.example/\x07re-enter your password\x1b]8;;\x07',
      facts: [{ name: 'Greeting', value: '+OK \x9b2J\x1b[31mready' }],
    },
    englishWords(),
  );
  assert.doesNotMatch(text, RAW_CONTROLS);
  assert.match(text, /\\x1b\]8;;http:\/\/evil\.example\/\\x07re-enter/);
  assert.match(text, /\\x9b2J\\x1b\[31mready/);
});
