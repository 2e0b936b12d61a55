/**
 * Child process of the no-secret-on-disk test: a receive run of one account of a profile, the way
 * Send/Receive does it, with the password read from the keychain through the account service. Prints
 * the outcome as one JSON line. Arguments: PROFILE ACCOUNT.
 */
import path from 'node:path';
import { receivePolicyOf } from '../../../shared/accounts';
import { createCore, DATABASE_FILE_NAME } from '../../../electron/main/core';
import { pop3ConnectOptions } from '../../../electron/services/account-login';
import { silentLogger } from '../../../electron/services/logger';
import { runReceiveJob } from '../../../electron/jobs/receive/run-receive-job';

/** Folder of the raw messages inside the profile, for this test. */
const RAW_FOLDER = 'mail';

async function main(): Promise<void> {
  const [profileDir, reference] = process.argv.slice(2);
  if (profileDir === undefined || reference === undefined) throw new Error('usage: receive-child PROFILE ACCOUNT');
  const core = await createCore({ profileDir, logger: silentLogger });
  try {
    const account = core.accounts.find(reference);
    const settings = account.settings;
    const password = await core.accounts.password(account.id, 'pop3');
    if (settings === null || password === undefined) throw new Error('the account has no settings or no saved password');
    const outcome = await runReceiveJob(
      {
        accountId: account.id,
        databaseFile: path.join(profileDir, DATABASE_FILE_NAME),
        rawDirectory: path.join(profileDir, RAW_FOLDER),
        connection: pop3ConnectOptions(settings),
        credentials: { username: settings.incoming.username, password },
        policy: receivePolicyOf(settings.policy),
      },
      new AbortController().signal,
      () => {},
    );
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
