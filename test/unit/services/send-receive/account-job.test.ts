import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema, type Account, type AccountSettings } from '../../../../shared/accounts';
import type { AccountService } from '../../../../electron/services/accounts';
import { receiveJobForAccount } from '../../../../electron/services/send-receive/account-job';
import { sampleSettings } from '../../../fakes/account-settings';
import { errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';

const accountSettings = (): AccountSettings => accountSettingsSchema.parse(sampleSettings());

const paths = { databaseFile: '/profile/mailbag.sqlite', rawDirectory: '/profile/messages' };

function account(settings: AccountSettings | null): Account {
  return { id: 'a1', name: 'Home', address: 'ann@example.test', settings, messageCount: 0, createdAt: 1, updatedAt: 1 };
}

function accountsWith(password: string | undefined): AccountService {
  return { password: async () => password } as unknown as AccountService;
}

test('a job carries the account’s server, saved password and leave-on-server policy', async () => {
  const settings = accountSettings();
  const job = await receiveJobForAccount(accountsWith('s3cret'), account(settings), paths);
  assert.equal(job.accountId, 'a1');
  assert.equal(job.databaseFile, paths.databaseFile);
  assert.equal(job.connection.host, settings.incoming.host);
  assert.equal(job.connection.port, settings.incoming.port);
  assert.equal(job.connection.security, settings.incoming.security);
  assert.equal(job.credentials.username, settings.incoming.username);
  assert.equal(job.credentials.password, 's3cret');
  assert.deepEqual(job.policy.leaveOnServer, settings.policy.leaveOnServer);
  assert.doesNotThrow(() => structuredClone(job), 'the job must cross to a worker');
});

test('no saved password asks for one; incomplete settings ask for setup', async () => {
  await assert.rejects(receiveJobForAccount(accountsWith(undefined), account(accountSettings()), paths), { code: 'PASSWORD_NEEDED' });
  await assert.rejects(receiveJobForAccount(accountsWith('x'), account(null), paths), { code: 'VALIDATION' });
});

test('the missing password and the setup to redo are said in the reader’s language, English in the message', async () => {
  const missing = await receiveJobForAccount(accountsWith(undefined), account(accountSettings()), paths).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(missing instanceof MailbagError);
  const data = missing.toData();
  assert.equal(data.message, 'Mailbag has no saved password for “Home”. Enter it to receive mail.');
  assert.equal(errorMessageIn(createTranslator('de').t, data), 'Mailbag hat kein gespeichertes Passwort für „Home“. Geben Sie es ein, um E-Mails abzurufen.');
  assert.equal(errorMessageIn(createTranslator('ar').t, data), 'لا توجد لدى Mailbag كلمة مرور محفوظة للحساب «Home». أدخلها لاستلام البريد.');
  const incomplete = await receiveJobForAccount(accountsWith('x'), account(null), paths).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(incomplete instanceof MailbagError);
  assert.equal(incomplete.message, 'The account “Home” needs to be set up again before it can receive mail.');
  assert.equal(errorMessageIn(createTranslator('de').t, incomplete.toData()), 'Das Konto „Home“ muss neu eingerichtet werden, bevor es E-Mails abrufen kann.');
});
