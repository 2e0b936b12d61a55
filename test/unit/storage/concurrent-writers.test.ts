import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../electron/storage/database';
import { ensureDefaultFolders } from '../../../electron/storage/folders';
import { startWorker } from '../../../electron/workers/start-worker';

const MESSAGES_PER_WRITER = 60;

function runWriter(directory: string, prefix: string): Promise<{ ok: boolean; message?: string }> {
  const worker = startWorker(path.join(__dirname, 'concurrent-writer.ts'), { workerData: { directory, prefix, count: MESSAGES_PER_WRITER } });
  return new Promise((resolve, reject) => {
    worker.once('message', (value: { ok: boolean; message?: string }) => resolve(value));
    worker.once('error', reject);
  }).finally(() => worker.terminate()) as Promise<{ ok: boolean; message?: string }>;
}

test('connections in several threads write at the same time without "database is locked"', { timeout: 60_000 }, async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-writers-'));
  const database = openDatabase(path.join(directory, 'mailbag.sqlite'));
  database.prepare('insert into accounts (id, name, email, created_at) values (?, ?, ?, ?)').run('a1', 'Home', 'ann@example.test', 1);
  ensureDefaultFolders(database, 'a1');
  try {
    const results = await Promise.all([runWriter(directory, 'first'), runWriter(directory, 'second'), runWriter(directory, 'third')]);
    assert.deepEqual(results, [{ ok: true }, { ok: true }, { ok: true }]);
    assert.deepEqual(database.prepare('select count(*) as count from messages').get(), { count: 3 * MESSAGES_PER_WRITER });
    assert.deepEqual(database.prepare('select count(*) as count from pop_journal').get(), { count: 3 * MESSAGES_PER_WRITER });
  } finally {
    database.close();
  }
});
