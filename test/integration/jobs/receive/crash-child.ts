/**
 * The process the crash-safety test kills: opens the profile's store like the app does, runs one
 * delete-after-download receive from the given server, and prints each phase so the test can pick
 * its moment. Usage: tsx crash-child.ts PROFILE PORT ACCOUNT
 */
import path from 'node:path';
import { openDatabase } from '../../../../electron/storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME } from '../../../../electron/storage/message-store';
import { receiveAccount } from '../../../../electron/jobs/receive/receive-account';

const [profile = '', port = '0', accountId = ''] = process.argv.slice(2);

async function main(): Promise<void> {
  const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
  const store = await openMessageStore({ database, rawDirectory: path.join(profile, RAW_DIRECTORY_NAME) });
  process.stdout.write('ready\n');
  const outcome = await receiveAccount({
    accountId,
    store,
    connection: { host: '127.0.0.1', port: Number(port), security: 'none', allowInsecureAuth: true },
    credentials: { username: 'ann', password: 'secret' },
    policy: { leaveOnServer: { mode: 'never' }, headersOnly: false, sizeLimitBytes: null },
    batchMessages: 50,
    onProgress: (progress) => process.stdout.write(`phase ${progress.phase} ${progress.messagesDone}\n`),
  });
  process.stdout.write(`outcome ${outcome.status}\n`);
  await store.close();
  database.close();
}

void main();
