/**
 * A parse worker started to index beside a download runs its thread at a lower priority than the rest
 * of the process (Linux schedules each thread by its own nice value), so the download gets a core
 * first; one started for indexing in full keeps the process's priority. The test machine runs Linux;
 * elsewhere the whole process would be lowered, so nothing is lowered there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { BACKGROUND_NICE_STEP, lowerThreadPriority } from '../../../electron/workers/thread-priority';
import { startParseWorker } from '../../../electron/workers/parse-client';
import { ACCOUNT, mail, openTestStore } from '../storage/store-fixture';

/** The nice value of every thread of this process (field 19 of /proc/self/task/ID/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((task) => {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

async function niceValuesWith(priority: 'normal' | 'background'): Promise<number[]> {
  const { database, store } = await openTestStore();
  const stored = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Prioritized', body: 'words' }));
  assert.ok(stored.status === 'stored');
  const parser = startParseWorker(undefined, priority);
  try {
    // Once it has answered, the worker has set its priority (it does so before it reads any request).
    const [result] = await parser.parse([{ messageId: stored.messageId, source: store.rawSource(stored.messageId) }]);
    assert.equal(result?.parsed.subject, 'Prioritized');
    return threadNiceValues();
  } finally {
    await parser.close();
    await store.close();
    database.close();
  }
}

test('a parse worker beside a download runs at a lower priority than the process; one in full does not', { timeout: 30_000 }, async () => {
  assert.equal(process.platform, 'linux', 'the test machine runs Linux');
  const base = getPriority(0);
  const lowered = Math.min(19, base + BACKGROUND_NICE_STEP);
  assert.ok(lowered > base, 'the process is not already as nice as can be');
  assert.ok((await niceValuesWith('background')).includes(lowered), 'one thread is lowered');
  assert.ok(!(await niceValuesWith('normal')).includes(lowered), 'no thread is lowered');
  assert.equal(getPriority(0), base, 'the main thread keeps its priority');
});

test('elsewhere than Linux, where it would lower the whole process, the priority is left alone', () => {
  const base = getPriority(0);
  assert.equal(lowerThreadPriority('darwin'), false);
  assert.equal(lowerThreadPriority('win32'), false);
  assert.equal(getPriority(0), base);
});
