/**
 * `mailbag account add|list|doctor|remove`, run in process against a real Dovecot (POP3) and a fake
 * SMTP server on 127.0.0.1, with the keychain unreachable (passwords kept for the session only).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../../electron/cli/run';
import { DATABASE_FILE_NAME } from '../../../electron/main/core';
import type { Account } from '../../../shared/accounts';
import type { DoctorReport } from '../../../shared/doctor';
import { createTranslator } from '../../../shared/i18n/catalogs';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { tlsFixture } from '../../fakes/pop3/tls-fixture';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/smtp-server';
import { captureOutput, NO_KEYCHAIN_ENV } from '../../support/cli';

const TEST_TIMEOUT_MS = 120_000;
/** The command line's output, with a standard input that ends after `input` (or stays open without it), a terminal or not. */
function io(input?: string, options: { tty?: boolean } = {}) {
  return captureOutput({ stdin: { ...(input === undefined ? {} : { text: input }), isTTY: options.tty === true } });
}

describe('mailbag account', { timeout: TEST_TIMEOUT_MS }, () => {
  let dovecot: DovecotServer;
  let smtp: FakeSmtpServer;
  let profile: string;
  let caFile: string;
  let addFlags: string[];

  before(async () => {
    dovecot = await startDovecot();
    const fixture = tlsFixture();
    smtp = await startFakeSmtpServer({
      tls: 'starttls',
      certificate: fixture.server,
      extensions: ['SIZE 1000000', 'STARTTLS', 'AUTH PLAIN LOGIN'],
      auth: { user: dovecot.user, password: dovecot.password },
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-account-'));
    profile = path.join(dir, 'profile');
    caFile = path.join(dir, 'test-cas.pem');
    writeFileSync(caFile, `${dovecot.certificates.caPem}\n${fixture.ca}`);
    addFlags = [
      '--email',
      'test@example.test',
      '--pop3',
      `127.0.0.1:${dovecot.tlsPort}`,
      '--pop3-security',
      'tls',
      '--pop3-user',
      dovecot.user,
      '--smtp',
      `127.0.0.1:${smtp.port}`,
      '--smtp-security',
      'starttls',
      '--ca',
      caFile,
      '--leave-on-server',
      '30',
      '--size-limit',
      '2048',
      '--password-stdin',
    ];
  });
  after(async () => {
    await smtp.close();
    await dovecot.stop();
  });

  const run = (args: string[], input?: string, options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) => {
    const capture = io(input, options);
    return runCli(['--profile', profile, ...args], capture.streams, { ...NO_KEYCHAIN_ENV, ...options.env }).then((code) => ({
      code,
      out: capture.out(),
      err: capture.err(),
    }));
  };

  test('add signs in first: a wrong password adds nothing (exit 1, AUTH_FAILED)', async () => {
    const result = await run(['account', 'add', '--name', 'Home', ...addFlags], 'wrong password\n');
    assert.equal(result.code, 1, result.err);
    assert.match(result.err, /AUTH_FAILED/);
    assert.ok(!result.err.includes('wrong password'));
    const list = await run(['--json', 'account', 'list']);
    assert.deepEqual(JSON.parse(list.out), []);
  });

  test('add with flags and the password on stdin: saved after POP3 and SMTP sign-ins, keychain warning stated', async () => {
    const result = await run(['--json', 'account', 'add', '--name', 'Home', ...addFlags], `${dovecot.password}\n`);
    assert.equal(result.code, 0, result.err);
    const saved = JSON.parse(result.out) as SaveAccountResult;
    assert.equal(saved.account.name, 'Home');
    assert.equal(saved.smtpVerified, true);
    assert.equal(saved.passwordStorage?.backend, 'session');
    assert.equal(saved.passwordStorage?.warning?.code, 'KEYCHAIN_UNAVAILABLE');
    assert.deepEqual(saved.account.settings?.policy.leaveOnServer, { mode: 'days', days: 30 });
    assert.equal(saved.account.settings?.policy.sizeLimitKb, 2048);
    assert.equal(saved.account.settings?.outgoing.port, smtp.port);
    assert.equal(saved.account.settings?.outgoing.credentials, 'same');
    assert.ok(!result.out.includes(dovecot.password) && !result.err.includes(dovecot.password));
  });

  test('list shows the account as a table and as JSON', async () => {
    const text = await run(['account', 'list']);
    assert.equal(text.code, 0);
    assert.match(text.out, /^NAME +ADDRESS +INCOMING \(POP3\)/);
    assert.match(text.out, new RegExp(`Home +test@example\\.test +127\\.0\\.0\\.1:${dovecot.tlsPort} tls .*kept on the server for 30 days +0`));
    const json = JSON.parse((await run(['--json', 'account', 'list'])).out) as Account[];
    assert.equal(json.length, 1);
    assert.equal(json[0]?.address, 'test@example.test');
  });

  test('a second account with the same name is refused', async () => {
    const result = await run(['account', 'add', '--name', 'home', ...addFlags], `${dovecot.password}\n`);
    assert.equal(result.code, 2);
    assert.match(result.err, /VALIDATION: An account called "home" already exists/);
  });

  test('doctor: step lines, exit 0 when every step passes; exit 1 when the sign-in fails', async () => {
    const good = await run(['account', 'doctor', 'Home', '--password-stdin'], `${dovecot.password}\n`);
    assert.equal(good.code, 0, good.out + good.err);
    assert.match(good.out, /^\[ok {2}\] Incoming server encryption \(TLS\): Encrypted with TLSv1/m);
    assert.match(good.out, /^\[ok {2}\] Incoming sign-in: Signed in as test/m);
    assert.match(good.out, /^\[ok {2}\] Outgoing server \(EHLO, STARTTLS, sign-in, size limit\)/m);
    assert.match(good.out, /UIDL +yes/);
    assert.match(good.out, /Transcript \(passwords redacted\):/);
    assert.ok(!good.out.includes(dovecot.password));

    const bad = await run(['--json', 'account', 'doctor', 'test@example.test', '--password-stdin', '--incoming-only'], 'not-the-password\n');
    assert.equal(bad.code, 1);
    const report = JSON.parse(bad.out) as DoctorReport;
    assert.equal(report.ok, false);
    assert.equal(report.steps.find((step) => step.id === 'pop3-login')?.error?.code, 'AUTH_FAILED');
    assert.ok(report.steps.every((step) => step.id.startsWith('pop3-')));
  });

  test('doctor in German and Arabic: the capability, TLS and SMTP rows in the language of LANG; --json the same in every language', async () => {
    const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    /** A row of a step's table as the doctor prints it: the name, padding, then the value. */
    const row = (name: string, value: string): RegExp => new RegExp(`^ +${escape(name)} +${escape(value)}$`, 'm');
    for (const [LANG, locale] of [
      ['de_DE.UTF-8', 'de'],
      ['ar_EG.UTF-8', 'ar'],
    ] as const) {
      const { t } = createTranslator(locale);
      const result = await run(['account', 'doctor', 'Home', '--password-stdin'], `${dovecot.password}\n`, { env: { LANG } });
      assert.equal(result.code, 0, result.out + result.err);
      // Dovecot lists its capabilities: UIDL and TOP as announced, with what they mean.
      assert.match(result.out, row('UIDL', t('doctor.fact.yes')));
      assert.match(result.out, row('PIPELINING', t('doctor.fact.yes')));
      assert.match(result.out, row('STLS', t('doctor.cap.stlsNotNeeded')));
      // The certificates: issued for 127.0.0.1 by the test CA given with --ca.
      assert.match(result.out, row(t('setup.fact.chainTrusted'), t('doctor.fact.yes')));
      assert.match(result.out, row(t('setup.fact.nameMatches'), t('doctor.fact.yes')));
      // The SMTP server announces SIZE 1000000 and signs in with PLAIN.
      assert.match(result.out, row(t('doctor.fact.sizeLimit'), t('doctor.smtp.sizeKb', { kilobytes: Math.floor(1_000_000 / 1024) })));
      assert.match(result.out, row(t('doctor.fact.signedInWith'), 'PLAIN'));
      assert.match(result.out, new RegExp(`^ +${escape(t('doctor.fact.encryption'))} +TLSv1\\.[23]$`, 'm'));
      const report = result.out.slice(0, result.out.indexOf(t('cli.account.transcript')));
      assert.doesNotMatch(report, /\b(yes|not needed|Signed in with|SIZE limit)\b/, 'no English row is left');
      // The transcript's own notes are in the language too; the servers' lines stay as received.
      const transcript = result.out.slice(result.out.indexOf(t('cli.account.transcript')));
      assert.match(transcript, new RegExp(`^ +\\* ${escape(t('doctor.transcript.tlsEstablished'))}$`, 'm'));
      const [stepStart = ''] = t('doctor.transcript.step', { title: t('doctor.title.pop3Dns'), status: 'ok', summary: '\u0000' }).split('\u0000');
      assert.match(transcript, new RegExp(`^ +\\* ${escape(stepStart)}`, 'm'));
      assert.doesNotMatch(transcript, /^ +\* (Checking|Connecting to|TLS established|Encrypted with)\b/m, 'no English note is left');
      assert.match(transcript, /^ +S: \+OK/m);
    }
    const steps = async (env: NodeJS.ProcessEnv) => {
      const result = await run(['--json', 'account', 'doctor', 'Home', '--password-stdin'], `${dovecot.password}\n`, { env });
      const report = JSON.parse(result.out) as DoctorReport;
      return JSON.stringify({ steps: report.steps, notes: report.transcript.filter((line) => line.startsWith('* ')) });
    };
    const english = await steps({ LANG: 'C' });
    assert.match(english, /"\* Checking POP3 server 127\.0\.0\.1 port \d+ \(tls\)"/);
    assert.match(english, /"\* TLS established"/);
    assert.match(english, /"name":"UIDL","value":"yes","meaning":"Unique message ids/);
    assert.equal(await steps({ LANG: 'de_DE.UTF-8' }), english);
    assert.equal(await steps({ LANG: 'ar_EG.UTF-8' }), english);
  });

  test('doctor without a saved password (no keychain) skips the sign-in', async () => {
    const result = await run(['account', 'doctor', 'Home', '--incoming-only']);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /^\[skip\] Incoming sign-in: No password/m);
  });

  test('add --password-command: no password typed or stored; doctor and receive sign in with the command’s output', async () => {
    const secretFile = path.join(path.dirname(caFile), 'pop3 password');
    writeFileSync(secretFile, `${dovecot.password}\nignored second line\n`);
    const flags = addFlags.filter((flag) => flag !== '--password-stdin');
    const addPiped = (command: string) => run(['account', 'add', '--name', 'Piped', ...flags, '--email', 'piped@example.test', '--password-command', command]);
    const wrong = await addPiped('cat /nonexistent/mailbag-pw');
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /PASSWORD_COMMAND: The password command failed \(exit status 1\)/);
    const shell = await addPiped(`cat '${secretFile}' | head -1`);
    assert.equal(shell.code, 2, shell.err);
    assert.match(shell.err, /runs without a shell/);
    const added = await addPiped(`cat '${secretFile}'`);
    assert.equal(added.code, 0, added.err);
    assert.match(added.out, /The password comes from the password command each time; it is not stored\./);
    assert.ok(!added.out.includes(dovecot.password) && !added.err.includes(dovecot.password));
    const doctor = await run(['account', 'doctor', 'Piped', '--incoming-only']);
    assert.equal(doctor.code, 0, doctor.out);
    assert.match(doctor.out, /^\[ok {2}\] Incoming sign-in: Signed in as test/m);
    const received = await run(['receive', '--account', 'Piped']);
    assert.equal(received.code, 0, received.out + received.err);
    assert.doesNotMatch(received.out + received.err, /PASSWORD_NEEDED/);
    await run(['account', 'remove', 'Piped', '--yes']);
  });

  test('interactive add on a terminal asks for what is missing, including the leave-on-server question', async () => {
    const answers = ['ann@example.test', 'Asked', `127.0.0.1:${dovecot.tlsPort}`, `127.0.0.1:${smtp.port}`, 'n', dovecot.password, ''].join('\n');
    const result = await run(
      ['--json', 'account', 'add', '--pop3-security', 'tls', '--pop3-user', dovecot.user, '--smtp-security', 'starttls', '--ca', caFile],
      answers,
      { tty: true },
    );
    assert.equal(result.code, 0, result.err);
    assert.match(result.err, /E-mail address: /);
    assert.match(result.err, /Do you also read this mail on a phone or in webmail\? \(Y\/n\)/);
    assert.match(result.err, /Password for test: /);
    assert.ok(!result.err.includes(dovecot.password), 'the typed password is not echoed');
    const saved = JSON.parse(result.out) as SaveAccountResult;
    assert.equal(saved.account.name, 'Asked');
    assert.deepEqual(saved.account.settings?.policy.leaveOnServer, { mode: 'never' });
  });

  test('usage: no password argument exists, missing fields without a terminal, no stdin password', async () => {
    const withArgument = await run(['account', 'add', '--name', 'X', ...addFlags, '--password', 'secret']);
    assert.equal(withArgument.code, 2);
    assert.match(withArgument.err, /Unknown option '--password'/);
    const missing = await run(['account', 'add', '--password-stdin'], 'pw\n');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Missing --email, --name, --pop3, --smtp/);
    const noTerminal = await run(['account', 'add', '--name', 'X', '--email', 'x@example.test']);
    assert.equal(noTerminal.code, 2);
    assert.match(noTerminal.err, /--password-stdin/);
    const unknown = await run(['account', 'frob']);
    assert.equal(unknown.code, 2);
    assert.equal((await run(['account', 'doctor', 'nobody', '--incoming-only'])).code, 1);
  });

  test('remove: with mail stored here it needs --yes, then the account and its mail are gone', async () => {
    const account = (JSON.parse((await run(['--json', 'account', 'list'])).out) as Account[]).find((candidate) => candidate.name === 'Home');
    assert.ok(account !== undefined);
    const database = new Database(path.join(profile, DATABASE_FILE_NAME));
    database.prepare("insert into folders (id, account_id, role, name, created_at) values (100, ?, 'inbox', 'Inbox', 1)").run(account.id);
    database
      .prepare("insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date) values (?, 100, 'large/x.eml', 1, 'h', 1, 1)")
      .run(account.id);
    database.close();

    const refused = await run(['account', 'remove', 'Home']);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /1 message stored on this computer.*--yes/);
    const removed = await run(['account', 'remove', 'Home', '--yes']);
    assert.equal(removed.code, 0, removed.err);
    assert.match(removed.out, /Account "Home" removed, with its saved passwords and 1 message stored here/);
    const names = (JSON.parse((await run(['--json', 'account', 'list'])).out) as Account[]).map((candidate) => candidate.name);
    assert.deepEqual(names, ['Asked']);
    assert.equal((await run(['account', 'remove', 'Asked'])).code, 0);
    assert.equal((await run(['account', 'remove', 'Asked'])).code, 1);
  });
});
