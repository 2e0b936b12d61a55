import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { acquireWriterLock, processIsRunning, releaseWriterLock, WRITER_LOCK_FILE } from '../../../electron/storage/writer-lock';
import { ACCOUNT, mail, openTestStore, temporaryProfile } from '../../unit/storage/store-fixture';

test('while another running process holds the writer lock, opening the store collects no garbage', async () => {
  const profile = temporaryProfile();
  const raw = path.join(profile, 'messages');
  mkdirSync(path.join(raw, 'packs'), { recursive: true });
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    assert.ok(other.pid !== undefined && processIsRunning(other.pid));
    writeFileSync(path.join(raw, WRITER_LOCK_FILE), `${other.pid}\n`);
    writeFileSync(path.join(raw, 'packs', 'in-flight-of-the-other-process.pack'), 'MAILBAG PACK 1\r\n');
    const { database, store } = await openTestStore(profile);
    assert.equal(store.holdsWriterLock, false);
    assert.deepEqual(readdirSync(path.join(raw, 'packs')), ['in-flight-of-the-other-process.pack'], 'the other process’s batch is left alone');
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Still works' }));
    assert.equal(outcome.status, 'stored', 'storing mail does not need the lock');
    database.close();
  } finally {
    other.kill('SIGKILL');
    await once(other, 'exit');
  }
  const { database, store } = await openTestStore(profile);
  assert.equal(store.holdsWriterLock, true, 'a lock whose process ended is taken over');
  assert.ok(!readdirSync(path.join(raw, 'packs')).includes('in-flight-of-the-other-process.pack'));
  await store.close();
  assert.ok(!readdirSync(raw).includes(WRITER_LOCK_FILE), 'closing gives the lock back');
  database.close();
});

test('the lock is free, then this process’s, and released only by its holder', async () => {
  const raw = temporaryProfile();
  assert.equal(await acquireWriterLock(raw), 'acquired');
  assert.equal(await acquireWriterLock(raw), 'shared', 'taking it again in the same process');
  await releaseWriterLock(raw);
  assert.deepEqual(readdirSync(raw), []);
  assert.equal(processIsRunning(0), false);
});

test('reopening in a process that already holds the lock spares young orphans (another thread may own them)', async () => {
  const { profile, database, store } = await openTestStore();
  const batch = store.beginBatch();
  await batch.addMessage(mail({ subject: 'In progress in another thread' }));
  await batch.writer.sync();
  database.close();
  const again = await openTestStore(profile);
  assert.equal(again.store.holdsWriterLock, true);
  assert.equal(readdirSync(path.join(profile, 'messages', 'packs')).length, 1);
  await batch.abort();
  again.database.close();
});
