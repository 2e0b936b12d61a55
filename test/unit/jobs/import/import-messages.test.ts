/**
 * The import into the store: whole batches committed, a cancel in the middle keeping every message
 * read so far, a second run adding only what is missing, and flags set on the stored rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { IMPORT_BATCH_MESSAGES, importMessages } from '../../../../electron/jobs/import/import-messages';
import type { MailboxItem } from '../../../../electron/jobs/import/mbox-reader';
import { folderIdForRole } from '../../../../electron/storage/folders';
import { ACCOUNT, openTestStore } from '../../storage/store-fixture';

const TOTAL = IMPORT_BATCH_MESSAGES * 2 + 50;
const CANCEL_AFTER = IMPORT_BATCH_MESSAGES + 100;

function message(index: number): MailboxItem {
  const bytes = Buffer.from(`From: s${index}@example.com\r\nSubject: number ${index}\r\nMessage-ID: <${index}@example.com>\r\n\r\nbody ${index}\r\n`);
  return { kind: 'message', message: { offset: index * 100, bytes, seen: index % 2 === 0, flagged: index % 3 === 0, answered: index % 5 === 0 } };
}

async function* messages(count: number, afterEach?: (index: number) => void): AsyncGenerator<MailboxItem> {
  for (let index = 0; index < count; index += 1) {
    yield message(index);
    afterEach?.(index + 1);
  }
}

test('a cancel keeps what was read, and the next run adds only the rest, with read, flagged and replied marks', async () => {
  const { profile, database, store } = await openTestStore();
  try {
    const folderId = folderIdForRole(database, ACCOUNT, 'inbox');
    const controller = new AbortController();
    const first = await importMessages(
      store,
      { accountId: ACCOUNT, folderId },
      messages(TOTAL, (done) => {
        if (done === CANCEL_AFTER) controller.abort();
      }),
      { signal: controller.signal },
    );
    assert.deepEqual([first.imported, first.cancelled], [CANCEL_AFTER, true]);
    const count = (): number => (database.prepare('select count(*) as n from messages').get() as { n: number }).n;
    assert.equal(count(), CANCEL_AFTER);

    const second = await importMessages(store, { accountId: ACCOUNT, folderId }, messages(TOTAL));
    assert.deepEqual([second.imported, second.duplicates, second.cancelled], [TOTAL - CANCEL_AFTER, CANCEL_AFTER, false]);
    assert.equal(count(), TOTAL);
    const flags = database.prepare('select sum(seen) as seen, sum(flagged) as flagged, sum(answered) as answered from messages').get() as Record<
      string,
      number
    >;
    assert.deepEqual(flags, { seen: Math.ceil(TOTAL / 2), flagged: Math.ceil(TOTAL / 3), answered: Math.ceil(TOTAL / 5) });
  } finally {
    await store.close();
    database.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
