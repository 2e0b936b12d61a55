/**
 * The no-secret-on-disk check after setup, send and receive, against the real Postfix and Dovecot with
 * a real keychain: `account add` (both sign-ins checked), `account doctor --round-trip` (a message sent
 * through Postfix, received over POP3 and deleted), and a receive run, each its own process. No file of
 * the profile and nothing any of them printed holds the password as text, base64 or hex — and the
 * doctor's test message was neither stored nor left on the server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostfix, TEST_DOMAIN, type PostfixServer } from '../../servers/postfix';
import { startSecretService, type SecretService } from '../../servers/secret-service';
import { COMMAND_TIMEOUT_MS, filesUnder, keychainMailbag, secretForms, started } from './cli-process';

const PASSWORD = 'R0und-Tr1p=n0t-0n-d1sk';
/** Messages waiting in the mailbox for the receive run. */
const WAITING_MESSAGES = 3;

let secretService: SecretService | undefined;
let server: PostfixServer | undefined;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-secrets-send-'));

before(async () => {
  secretService = await startSecretService();
  server = await startPostfix({ password: PASSWORD });
});
after(async () => {
  await Promise.all([secretService?.stop(), server?.stop()]);
  rmSync(scratch, { recursive: true, force: true });
});

const mailbag = keychainMailbag(() => secretService);

test(
  'after add, a doctor round trip (which sends) and a receive, neither the profile nor any output holds the password',
  { timeout: 5 * COMMAND_TIMEOUT_MS },
  async () => {
    const postfix = started(server);
    const profile = path.join(scratch, 'profile');
    const add = await mailbag(
      profile,
      [
        'account',
        'add',
        '--name',
        'Home',
        '--email',
        `${postfix.user}@${TEST_DOMAIN}`,
        '--pop3',
        `${postfix.host}:${postfix.dovecot.tlsPort}`,
        '--pop3-security',
        'tls',
        '--pop3-user',
        postfix.user,
        '--smtp',
        `${postfix.host}:${postfix.submissionPort}`,
        '--smtp-security',
        'starttls',
        '--ca',
        postfix.dovecot.certificates.caPath,
        '--leave-on-server',
        'forever',
        '--password-stdin',
      ],
      `${PASSWORD}\n`,
    );
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /sign-in checked/);
    assert.match(add.stdout, /Password saved in the system keychain/);

    const doctor = await mailbag(profile, ['account', 'doctor', 'Home', '--round-trip']);
    assert.equal(doctor.code, 0, `${doctor.stdout}${doctor.stderr}\n${await postfix.readLogs()}`);
    assert.match(doctor.stdout, /\[ok {2}\] Round trip: test message sent to yourself/);
    assert.match(doctor.stdout, /\[ok {2}\] Round trip: test message received \(and deleted from the server\)/);
    assert.match(
      doctor.stdout,
      /C: AUTH SCRAM-SHA-256 <redacted>/,
      'the transcript shows the SMTP sign-in (SCRAM-SHA-256, the engine’s first choice), redacted',
    );
    assert.equal((await postfix.dovecot.listMessages()).length, 0, 'the test message is not left on the server');

    await postfix.dovecot.generateMessages({ count: WAITING_MESSAGES, seed: 8 });
    const receive = await mailbag(profile, [profile, 'Home'], '', path.join('test', 'integration', 'cli', 'receive-child.ts'));
    assert.equal(receive.code, 0, receive.stderr);
    const outcome = JSON.parse(receive.stdout) as { status: string; summary: { newMessages: number } };
    assert.deepEqual(
      [outcome.status, outcome.summary.newMessages],
      ['completed', WAITING_MESSAGES],
      'only the waiting messages were received, not the test message',
    );

    const files = filesUnder(profile);
    assert.ok(
      files.some(({ file }) => file.endsWith('.sqlite')),
      'the profile holds the database',
    );
    assert.ok(
      files.some(({ file }) => file.includes(`${path.sep}mail${path.sep}`)),
      'the received mail is in the profile',
    );
    for (const { file, bytes } of files) {
      for (const form of secretForms(PASSWORD)) assert.equal(bytes.includes(form), false, `${file} contains the password`);
      assert.equal(bytes.includes(Buffer.from('mailbag-round-trip.')), false, `${file} mentions the doctor's test message`);
    }
    for (const output of [add.stdout, add.stderr, doctor.stdout, doctor.stderr, receive.stdout, receive.stderr]) {
      for (const form of secretForms(PASSWORD)) assert.ok(!output.includes(form.toString()), 'an output contains the password');
    }
  },
);
