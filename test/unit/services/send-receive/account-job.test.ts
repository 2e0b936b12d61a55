import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema, type Account, type AccountSettings } from '../../../../shared/accounts';
import type { AccountService } from '../../../../electron/services/accounts';
import { receiveJobForAccount } from '../../../../electron/services/send-receive/account-job';
import { sampleSettings } from '../../../fakes/account-settings';

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
