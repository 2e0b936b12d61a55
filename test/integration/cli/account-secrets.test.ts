/**
 * The no-secret-on-disk check: after `account add` with a real keychain (a private Secret Service),
 * an `account doctor` and a receive run that sign in with the saved password, in separate processes
 * as a user would run them, no file of the profile holds the password as text, base64 or hex.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { startSecretService, type SecretService } from '../../servers/secret-service';
import { COMMAND_TIMEOUT_MS, filesUnder, keychainMailbag, secretForms, started } from './cli-process';

const PASSWORD = 'N0-Disk-F0r-Me=pop3-secret';

let secretService: SecretService | undefined;
let dovecot: DovecotServer | undefined;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-secrets-'));

before(async () => {
  secretService = await startSecretService();
  dovecot = await startDovecot({ password: PASSWORD });
});
after(async () => {
  await Promise.all([secretService?.stop(), dovecot?.stop()]);
  rmSync(scratch, { recursive: true, force: true });
});

const mailbag = keychainMailbag(() => secretService);

test('account add and doctor keep the password in the keychain and nowhere in the profile', { timeout: 4 * COMMAND_TIMEOUT_MS }, async () => {
  const profile = path.join(scratch, 'profile');
  const server = started(dovecot);
  const add = await mailbag(
    profile,
    [
      'account',
      'add',
      '--name',
      'Home',
      '--email',
      'test@example.test',
      '--pop3',
      `127.0.0.1:${server.tlsPort}`,
      '--pop3-security',
      'tls',
      '--pop3-user',
      server.user,
      '--smtp',
      '127.0.0.1:1',
      '--smtp-security',
      'tls',
      '--ca',
      server.certificates.caPath,
      '--password-stdin',
    ],
    `${PASSWORD}\n`,
  );
  // No SMTP server listens on port 1: the account is saved, and exit code 3 says sending is not verified.
  assert.equal(add.code, 3, add.stderr);
  assert.match(add.stdout, /Outgoing: .*NOT verified/);
  assert.match(add.stdout, /Password saved in the system keychain/);

  const doctor = await mailbag(profile, ['account', 'doctor', 'Home', '--incoming-only']);
  assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
  assert.match(doctor.stdout, /\[ok {2}\] Incoming sign-in: Signed in as test/, 'the saved password came back from the keychain');

  await server.generateMessages({ count: 3, seed: 6 });
  const receive = await mailbag(profile, [profile, 'Home'], '', path.join('test', 'integration', 'cli', 'receive-child.ts'));
  assert.equal(receive.code, 0, receive.stderr);
  const outcome = JSON.parse(receive.stdout) as { status: string; summary: { newMessages: number } };
  assert.deepEqual([outcome.status, outcome.summary.newMessages], ['completed', 3], receive.stdout);

  const files = filesUnder(profile);
  assert.ok(
    files.some(({ file }) => file.endsWith('.sqlite')),
    'the profile holds the database',
  );
  for (const { file, bytes } of files) {
    for (const form of secretForms(PASSWORD)) assert.equal(bytes.includes(form), false, `${file} contains the password`);
  }
  assert.ok(
    files.some(({ file }) => file.includes(`${path.sep}mail${path.sep}`)),
    'the received mail is in the profile',
  );
  for (const output of [add.stdout, add.stderr, doctor.stdout, doctor.stderr, receive.stdout, receive.stderr]) {
    for (const form of secretForms(PASSWORD)) assert.ok(!output.includes(form.toString()), 'the output contains the password');
  }

  const refused = await mailbag(profile, ['account', 'remove', 'Home']);
  assert.equal(refused.code, 2, 'the account has mail stored here');
  const remove = await mailbag(profile, ['account', 'remove', 'Home', '--yes']);
  assert.equal(remove.code, 0, remove.stderr);
  const again = await mailbag(profile, ['--json', 'account', 'list']);
  assert.deepEqual(JSON.parse(again.stdout), []);
});
