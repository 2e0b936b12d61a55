/**
 * `mailbag list` and `show` never let bidi controls from a message reorder what a terminal shows: a
 * sender name, an address, a subject or a file name prints its controls as visible code points.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { captureOutput, fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';

const RLO = '\u202E';
const ANY_BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const MESSAGE = Buffer.from(
  [
    `From: =?utf-8?b?${Buffer.from(`security@bank.example${RLO}`).toString('base64')}?= <security@evil.example>`,
    'To: ann@example.com',
    `Subject: =?utf-8?b?${Buffer.from(`Your ${RLO}eciovni`).toString('base64')}?=`,
    'Date: Mon, 2 Nov 2026 09:00:00 +0000',
    'Message-ID: <bidi@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See the file.',
    '--b',
    'Content-Type: application/octet-stream',
    "Content-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe",
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('MZ').toString('base64'),
    '--b--',
    '',
  ].join('\r\n'),
);

let scratch: string;
let profile: string;
let id = 0;

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-bidi-'));
  profile = path.join(scratch, 'profile');
  await fillProfile(profile, [['acc', 'Home', 'ann@example.com']], async (core) => {
    const outcome = await core.store.addMessage({ accountId: 'acc', folder: 'inbox' }, MESSAGE);
    assert.equal(outcome.status, 'stored');
    id = outcome.messageId;
  });
});
after(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  const io = captureOutput();
  const code = await runCli(['--profile', profile, ...args], io.streams, NO_KEYCHAIN_ENV);
  assert.equal(code, 0);
  return io.out();
}

test('list shows bidi controls in names and subjects as code points', async () => {
  const out = await run(['list']);
  assert.doesNotMatch(out, ANY_BIDI_CONTROL);
  assert.match(out, /security@bank\.example\[U\+202E\]/);
  assert.match(out, /Your \[U\+202E\]eciovni/);
});

test('show shows bidi controls in the sender, the subject and file names as code points', async () => {
  const out = await run(['show', String(id)]);
  assert.doesNotMatch(out, ANY_BIDI_CONTROL);
  assert.match(out, /^From: +security@bank\.example\[U\+202E\] <security@evil\.example>$/m);
  assert.match(out, /^Subject: +Your \[U\+202E\]eciovni$/m);
  assert.match(out, /invoice\[U\+202E\]fdp\.exe/);
});
