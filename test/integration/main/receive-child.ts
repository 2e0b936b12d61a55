/**
 * A Mailbag process that receives the first account of a profile and indexes beside the download (as
 * `mailbag receive` does, with the machine's spare core taken as given), for the test that kills a
 * process mid-receive. Usage: receive-child.ts PROFILE PASSWORD
 */
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { receiveJobForAccount } from '../../../electron/services/send-receive';
import { memoryKeychain } from '../../fakes/memory-keychain';

async function main(): Promise<void> {
  const [profileDir, password] = process.argv.slice(2);
  if (profileDir === undefined || password === undefined) throw new Error('usage: receive-child.ts PROFILE PASSWORD');
  const core = await createCore({ profileDir, logger: silentLogger, keychain: memoryKeychain(), indexWhenReceived: false, spareCoreForIndexing: () => true });
  try {
    const account = core.accounts.list()[0];
    if (account === undefined) throw new Error('The profile has no account.');
    const job = await receiveJobForAccount(
      { password: () => Promise.resolve(password), accessToken: () => Promise.reject(new Error('The account signs in with a password.')) },
      account,
      core.paths,
    );
    await core.sendReceive.start(job);
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
