import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountSettingsSchema, ACCOUNT_ID_PATTERN, type AccountSettings } from '../../../shared/accounts';
import { MailbagError } from '../../../shared/errors';
import { createAccountService, newAccountId, type LoginVerifier } from '../../../electron/services/accounts';
import { createCredentialStore } from '../../../electron/services/credentials/credential-store';
import { openDatabase } from '../../../electron/storage/database';
import { sampleSettings } from '../../fakes/account-settings';
import { memoryKeychain } from '../../fakes/memory-keychain';

const GOOD = 'the-right-password';
const SMTP_GOOD = 'the-smtp-password';

function setup(options: { smtp?: boolean; commands?: Record<string, string> } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-accounts-'));
  const database = openDatabase(path.join(dir, 'mailbag.sqlite'));
  const keychain = memoryKeychain();
  const credentials = createCredentialStore({ profileDir: dir, keychain });
  const logins: string[] = [];
  const verifyPop3: LoginVerifier = async (_settings, password) => {
    logins.push(`pop3:${password}`);
    if (password !== GOOD) throw new MailbagError('AUTH_FAILED');
  };
  const verifySmtp: LoginVerifier = async (settings, password) => {
    logins.push(`smtp:${password}`);
    const expected = settings.outgoing.credentials === 'same' ? GOOD : SMTP_GOOD;
    if (password !== expected) throw new MailbagError('AUTH_FAILED');
  };
  let clock = 1_000;
  const commandsRun: string[] = [];
  const runPasswordCommand = async (command: string): Promise<string> => {
    commandsRun.push(command);
    const password = options.commands?.[command];
    if (password === undefined) throw new MailbagError('PASSWORD_COMMAND', 'The password command failed (exit status 1).');
    return password;
  };
  const accounts = createAccountService({
    database,
    credentials,
    verifyPop3,
    ...(options.smtp === false ? {} : { verifySmtp }),
    now: () => (clock += 1),
    runPasswordCommand,
  });
  return { database, keychain, credentials, accounts, logins, commandsRun };
}

const settings = (overrides: Parameters<typeof sampleSettings>[0] = {}): AccountSettings => accountSettingsSchema.parse(sampleSettings(overrides));

test('new account ids are random, URL-safe and valid credential keys', () => {
  const ids = new Set(Array.from({ length: 50 }, () => newAccountId()));
  assert.equal(ids.size, 50);
  for (const id of ids) assert.match(id, ACCOUNT_ID_PATTERN);
});

test('an account is created only after the login with its password succeeded, and the password goes to the keychain only', async () => {
  const { accounts, keychain, database, logins } = setup();
  await assert.rejects(accounts.save({ settings: settings(), pop3Password: 'wrong' }), { code: 'AUTH_FAILED' });
  assert.equal(accounts.list().length, 0);
  assert.equal(keychain.entries.size, 0);

  const saved = await accounts.save({ settings: settings(), pop3Password: GOOD });
  assert.deepEqual(logins, ['pop3:wrong', `pop3:${GOOD}`, `smtp:${GOOD}`]);
  assert.equal(saved.passwordStorage?.backend, 'keychain');
  assert.equal(saved.smtpVerified, true);
  assert.equal(saved.account.name, 'Home');
  assert.equal(saved.account.address, 'ann@example.com');
  assert.deepEqual(saved.account.settings, settings());
  assert.deepEqual([...keychain.entries.values()], [GOOD]);
  const row = JSON.stringify(database.prepare('select * from accounts').all());
  assert.ok(!row.includes(GOOD), 'no password in SQLite');
  assert.equal(await accounts.password(saved.account.id, 'smtp'), GOOD, 'SMTP signs in with the POP3 password');
});

test('find by id, name or address (any case); unknown is NOT_FOUND and names are unique', async () => {
  const { accounts } = setup();
  const home = (await accounts.save({ settings: settings(), pop3Password: GOOD })).account;
  const work = (await accounts.save({ settings: settings({ name: 'Work', address: 'ann@work.example' }), pop3Password: GOOD })).account;
  assert.equal(accounts.find(home.id).id, home.id);
  assert.equal(accounts.find('work').id, work.id);
  assert.equal(accounts.find('ANN@WORK.EXAMPLE').id, work.id);
  assert.throws(() => accounts.find('nobody'), { code: 'NOT_FOUND' });
  assert.throws(() => accounts.get('missing'), { code: 'NOT_FOUND' });
  await assert.rejects(accounts.save({ settings: settings({ name: 'HOME' }), pop3Password: GOOD }), { code: 'VALIDATION' });
  assert.deepEqual(
    accounts.list().map((account) => account.name),
    ['Home', 'Work'],
  );
});

test('references name every account as list does, and findReference finds as find does, without a message count', async () => {
  const { accounts } = setup();
  const home = (await accounts.save({ settings: settings(), pop3Password: GOOD })).account;
  const work = (await accounts.save({ settings: settings({ name: 'Work', address: 'ann@work.example' }), pop3Password: GOOD })).account;
  await accounts.save({ settings: settings({ name: 'Work again', address: 'ann@work.example' }), pop3Password: GOOD });
  assert.deepEqual(
    accounts.references(),
    accounts.list().map(({ id, name, address }) => ({ id, name, address })),
  );
  assert.deepEqual(accounts.findReference('WORK'), { id: work.id, name: 'Work', address: 'ann@work.example' });
  assert.deepEqual(accounts.findReference(home.id), { id: home.id, name: 'Home', address: 'ann@example.com' });
  assert.deepEqual(accounts.find('ann@example.com'), home);
  assert.throws(() => accounts.findReference('nobody'), { code: 'NOT_FOUND' });
  assert.throws(() => accounts.findReference('ann@work.example'), { code: 'VALIDATION' });
});

test('two accounts with the same address are told apart by name or id, not by the address', async () => {
  const { accounts } = setup();
  await accounts.save({ settings: settings(), pop3Password: GOOD });
  await accounts.save({ settings: settings({ name: 'Home again' }), pop3Password: GOOD });
  assert.throws(() => accounts.find('ann@example.com'), { code: 'VALIDATION' });
});

test('a separate SMTP password is checked with its own login and stored under smtp', async () => {
  const { accounts, keychain } = setup();
  const separate = settings({ outgoing: { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'ann-out', credentials: 'separate' } });
  await assert.rejects(accounts.save({ settings: separate, pop3Password: GOOD }), { code: 'VALIDATION' });
  await assert.rejects(accounts.save({ settings: separate, pop3Password: GOOD, smtpPassword: 'nope' }), { code: 'AUTH_FAILED' });
  assert.equal(accounts.list().length, 0);
  assert.equal(keychain.entries.size, 0, 'the POP3 password of an account that was not created is removed again');
  const saved = await accounts.save({ settings: separate, pop3Password: GOOD, smtpPassword: SMTP_GOOD });
  assert.equal(await accounts.password(saved.account.id, 'smtp'), SMTP_GOOD);
  assert.equal(await accounts.password(saved.account.id, 'pop3'), GOOD);
});

test('without an SMTP engine a separate SMTP password is refused rather than stored unchecked', async () => {
  const { accounts, keychain } = setup({ smtp: false });
  const separate = settings({ outgoing: { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'ann-out', credentials: 'separate' } });
  await assert.rejects(accounts.save({ settings: separate, pop3Password: GOOD, smtpPassword: SMTP_GOOD }));
  assert.equal(keychain.entries.size, 0);
  const same = await accounts.save({ settings: settings(), pop3Password: GOOD });
  assert.equal(same.smtpVerified, false);
});

test('update: settings change without a password; a new password replaces the old only after it worked', async () => {
  const { accounts, keychain } = setup();
  const { account } = await accounts.save({ settings: settings(), pop3Password: GOOD });
  const moved = settings({ incoming: { host: 'pop3.example.com', port: 110, security: 'starttls', username: 'ann', auth: 'auto' } });
  const updated = await accounts.save({ id: account.id, settings: moved });
  assert.equal(updated.passwordStorage, null);
  assert.equal(updated.account.settings?.incoming.host, 'pop3.example.com');
  assert.ok(updated.account.updatedAt > account.updatedAt);
  assert.equal(updated.account.createdAt, account.createdAt);
  await assert.rejects(accounts.save({ id: account.id, settings: moved, pop3Password: 'typo' }), { code: 'AUTH_FAILED' });
  assert.equal(await accounts.password(account.id, 'pop3'), GOOD);
  assert.equal(keychain.entries.size, 1);
  await assert.rejects(accounts.save({ id: 'no-such-id', settings: moved }), { code: 'NOT_FOUND' });
});

test('invalid settings are refused as VALIDATION with the field named', async () => {
  const { accounts } = setup();
  const bad = { ...settings(), incoming: { ...settings().incoming, port: 0 } } as AccountSettings;
  await assert.rejects(
    accounts.save({ settings: bad, pop3Password: GOOD }),
    (error: MailbagError) => error.code === 'VALIDATION' && /incoming\.port/.test(error.detail ?? ''),
  );
  await assert.rejects(accounts.save({ settings: settings() }), { code: 'VALIDATION' });
});

test('remove deletes the passwords; with mail stored here it needs deleteLocalMail, and the mail goes with it', async () => {
  const { accounts, keychain, database } = setup();
  const { account } = await accounts.save({ settings: settings(), pop3Password: GOOD });
  database.prepare("insert into folders (id, account_id, role, name, created_at) values (1, ?, 'inbox', 'Inbox', 1)").run(account.id);
  database
    .prepare("insert into messages (id, account_id, folder_id, raw_file, size, sha256, received_at, sort_date) values (7, ?, 1, 'large/m.eml', 1, 'h', 1, 1)")
    .run(account.id);
  assert.equal(accounts.get(account.id).messageCount, 1);
  await assert.rejects(
    accounts.remove(account.id, { deleteLocalMail: false }),
    (error: MailbagError) => error.code === 'VALIDATION' && /1 message stored/.test(error.message),
  );
  assert.equal(accounts.list().length, 1);
  assert.equal(keychain.entries.size, 1);
  assert.deepEqual(await accounts.remove(account.id, { deleteLocalMail: true }), { deletedMessages: 1 });
  assert.equal(accounts.list().length, 0);
  assert.equal(keychain.entries.size, 0);
  assert.deepEqual(database.prepare('select count(*) as count from messages').get(), { count: 0 });
  await assert.rejects(accounts.remove(account.id, { deleteLocalMail: true }), { code: 'NOT_FOUND' });
});

test('remove keeps the account’s mail filed in Local Folders and neither counts nor asks about it', async () => {
  const { accounts, database } = setup();
  const { account } = await accounts.save({ settings: settings(), pop3Password: GOOD });
  database
    .prepare("insert into folders (id, account_id, role, name, created_at) values (1, ?, 'inbox', 'Inbox', 1), (2, null, null, 'Archive', 1)")
    .run(account.id);
  const insert = database.prepare(
    "insert into messages (id, account_id, folder_id, raw_file, size, sha256, received_at, sort_date) values (?, ?, ?, ?, 1, 'h', 1, 1)",
  );
  insert.run(7, account.id, 2, 'large/filed.eml');
  assert.equal(accounts.get(account.id).messageCount, 0, 'mail in Local Folders is not the account’s to delete');
  assert.deepEqual(await accounts.remove(account.id, { deleteLocalMail: false }), { deletedMessages: 0 }, 'nothing to confirm');
  assert.deepEqual(database.prepare('select id, account_id, folder_id from messages').all(), [{ id: 7, account_id: null, folder_id: 2 }]);

  const { account: second } = await accounts.save({ settings: settings(), pop3Password: GOOD });
  database.prepare("insert into folders (id, account_id, role, name, created_at) values (3, ?, 'inbox', 'Inbox', 1)").run(second.id);
  insert.run(8, second.id, 3, 'large/inbox.eml');
  insert.run(9, second.id, 2, 'large/filed-too.eml');
  assert.equal(accounts.get(second.id).messageCount, 1);
  await assert.rejects(
    accounts.remove(second.id, { deleteLocalMail: false }),
    (error: MailbagError) => error.code === 'VALIDATION' && /has 1 message stored/.test(error.message),
  );
  assert.deepEqual(await accounts.remove(second.id, { deleteLocalMail: true }), { deletedMessages: 1 });
  assert.deepEqual(database.prepare('select id, account_id from messages order by id').all(), [
    { id: 7, account_id: null },
    { id: 9, account_id: null },
  ]);
});

test('an account stored before settings existed is listed with settings null', () => {
  const { accounts, database } = setup();
  database.prepare("insert into accounts (id, name, email, created_at) values ('legacy', 'Legacy', 'old@example.com', 5)").run();
  const [legacy] = accounts.list();
  assert.equal(legacy?.settings, null);
  assert.equal(legacy?.updatedAt, 0);
});

test('with the same password, an SMTP refusal is reported but the POP3-proven password is saved', async () => {
  const { keychain } = setup();
  const elsewhere = settings({ outgoing: { host: 'smtp.example.com', port: 465, security: 'tls', username: 'someone-else', credentials: 'same' } });
  const failing = createAccountService({
    database: setupDatabase(),
    credentials: createCredentialStore({ profileDir: mkdtempSync(path.join(os.tmpdir(), 'mailbag-accounts-')), keychain }),
    verifyPop3: async () => {},
    verifySmtp: async () => {
      throw new MailbagError('AUTH_FAILED');
    },
  });
  const saved = await failing.save({ settings: elsewhere, pop3Password: GOOD });
  assert.equal(saved.smtpVerified, false);
  assert.equal(saved.smtpError?.code, 'AUTH_FAILED');
  assert.equal(await failing.password(saved.account.id, 'pop3'), GOOD);
});

function setupDatabase() {
  return openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-accounts-')), 'mailbag.sqlite'));
}

test('an account with a password command is proven by a login with its output, stores nothing, and every sign-in asks the command', async () => {
  const { accounts, keychain, logins, commandsRun } = setup({ commands: { 'pass show mail/ann': GOOD, 'pass show wrong': 'nope' } });
  await assert.rejects(accounts.save({ settings: settings({ passwordCommand: 'pass show wrong' }) }), { code: 'AUTH_FAILED' });
  await assert.rejects(accounts.save({ settings: settings({ passwordCommand: 'pass show missing' }) }), { code: 'PASSWORD_COMMAND' });
  assert.equal(accounts.list().length, 0);
  const saved = await accounts.save({ settings: settings({ passwordCommand: 'pass show mail/ann' }) });
  assert.equal(saved.passwordStorage, null);
  assert.equal(saved.smtpVerified, true);
  assert.equal(keychain.entries.size, 0, 'the password is never stored');
  assert.deepEqual(logins.slice(-2), [`pop3:${GOOD}`, `smtp:${GOOD}`]);
  commandsRun.length = 0;
  assert.equal(await accounts.password(saved.account.id, 'pop3'), GOOD);
  assert.equal(await accounts.password(saved.account.id, 'smtp'), GOOD, 'SMTP with the same password asks the command too');
  assert.deepEqual(commandsRun, ['pass show mail/ann', 'pass show mail/ann']);
  assert.match(accountSettingsSchema.safeParse(sampleSettings({ passwordCommand: 'pass show x | head -1' })).error?.message ?? '', /runs without a shell/);
});

test('an account with a password command and its own SMTP password takes the SMTP one from the keychain', async () => {
  const { accounts } = setup({ commands: { 'pass show mail/ann': GOOD } });
  const separate = settings({ passwordCommand: 'pass show mail/ann' });
  const saved = await accounts.save({ settings: { ...separate, outgoing: { ...separate.outgoing, credentials: 'separate' } }, smtpPassword: SMTP_GOOD });
  assert.equal(await accounts.password(saved.account.id, 'pop3'), GOOD);
  assert.equal(await accounts.password(saved.account.id, 'smtp'), SMTP_GOOD);
});

test('settings being edited resolve their own password command, before they are saved', async () => {
  const { accounts } = setup({ commands: { 'pass show edited': 'from-the-edited-command' } });
  const saved = await accounts.save({ settings: settings(), pop3Password: GOOD });
  assert.equal(await accounts.passwordFor(settings({ passwordCommand: 'pass show edited' }), 'pop3', saved.account.id), 'from-the-edited-command');
  assert.equal(await accounts.passwordFor(settings(), 'pop3', saved.account.id), GOOD, 'no command: the saved password');
  assert.equal(await accounts.passwordFor(settings(), 'pop3'), undefined, 'a new account without a command has none yet');
});
