/** How every job opens the profile's store, and keeps its transcript. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { keepTranscript, openJobStore } from '../../../electron/jobs/job-store';
import { runReceiveJob } from '../../../electron/jobs/receive/run-receive-job';
import { runServerMailboxJob } from '../../../electron/jobs/server-mailbox/run-server-mailbox-job';
import type { ReceiveJob } from '../../../electron/jobs/receive/receive-job';
import type { ServerMailboxJob } from '../../../electron/jobs/server-mailbox/server-mailbox-job';
import { RAW_DIRECTORY_NAME } from '../../../electron/storage/message-store';
import { temporaryProfile } from '../storage/store-fixture';

function unopenable(): { databaseFile: string; rawDirectory: string } {
  const profile = temporaryProfile();
  // A file where the raw folder must be: the database opens, the store does not.
  const rawDirectory = path.join(profile, RAW_DIRECTORY_NAME);
  writeFileSync(rawDirectory, 'not a folder');
  return { databaseFile: path.join(profile, 'mailbag.sqlite'), rawDirectory };
}

test('a job opens the store of a profile, and a store that cannot be opened is STORAGE data, never a throw', async () => {
  const profile = temporaryProfile();
  const opened = await openJobStore({ databaseFile: path.join(profile, 'mailbag.sqlite'), rawDirectory: path.join(profile, RAW_DIRECTORY_NAME) });
  assert.ok(opened.ok);
  opened.value.database.close();
  const failed = await openJobStore(unopenable());
  assert.equal(failed.ok, false);
  assert.equal(!failed.ok && failed.error.code, 'STORAGE');
});

test('the receive and Server mailbox jobs end with that STORAGE error when their store cannot be opened', async () => {
  const paths = unopenable();
  const receive = await runReceiveJob({ ...paths, accountId: 'a' } as unknown as ReceiveJob, new AbortController().signal, () => undefined);
  assert.equal(receive.status, 'failed');
  assert.equal(receive.status === 'failed' && receive.error.code, 'STORAGE');
  assert.equal(receive.status === 'failed' && receive.error.retryable, false);
  const mailbox = await runServerMailboxJob({ ...paths, accountId: 'a' } as unknown as ServerMailboxJob, new AbortController().signal);
  assert.deepEqual(mailbox.ok ? undefined : mailbox.error.code, 'STORAGE');
});

test('a transcript that cannot be kept changes nothing', async () => {
  const profile = temporaryProfile();
  const opened = await openJobStore({ databaseFile: path.join(profile, 'mailbag.sqlite'), rawDirectory: path.join(profile, RAW_DIRECTORY_NAME) });
  assert.ok(opened.ok);
  opened.value.database.close();
  assert.doesNotThrow(() => keepTranscript(opened.value.database, 'a', { kind: 'send-receive', startedAt: 1, endedAt: 2, omitted: 0, lines: [] }));
});
