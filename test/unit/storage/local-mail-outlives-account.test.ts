import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAccountsTable } from '../../../electron/storage/accounts-table';
import { createTreeFolder } from '../../../electron/storage/folder-tree';
import { copyMessages } from '../../../electron/storage/message-copy';
import { moveMessages } from '../../../electron/storage/message-queries';
import { RAW_DIRECTORY_NAME } from '../../../electron/storage/message-store';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from './store-fixture';

/** Over the size that gets a raw file of its own. */
const LARGE_BODY = 'y'.repeat(1_100_000);

test('removing an account keeps its mail filed in Local Folders, bytes and all, also through raw maintenance', async () => {
  const { database, store, profile } = await openTestStore();
  const batch = store.beginBatch();
  const written = [];
  for (let index = 0; index < 6; index += 1) written.push(await batch.addMessage(mail({ subject: `Small ${index}`, body: `filed words ${index}` })));
  written.push(await batch.addMessage(mail({ subject: 'Large one', body: LARGE_BODY })));
  const outcomes = await batch.commit(written.map((message) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message })));
  const ids = outcomes.map((outcome) => (outcome.status === 'stored' ? outcome.messageId : -1));
  const [kept, , , , , , large] = ids;
  assert.ok(kept !== undefined && large !== undefined && !ids.includes(-1));
  await store.indexPending(inlineParser);

  const archive = createTreeFolder(database, { accountId: null, name: 'Archive' });
  const nested = createTreeFolder(database, { accountId: null, parentId: archive, name: 'Old' });
  moveMessages(database, [kept], archive);
  const [largeCopy] = await copyMessages(database, path.join(profile, RAW_DIRECTORY_NAME), [large], nested);
  assert.ok(largeCopy !== undefined);
  const keptBytes = await store.readRawMessage(kept);
  const largeBytes = await store.readRawMessage(large);

  const accounts = openAccountsTable(database);
  assert.equal(accounts.messageCount(ACCOUNT), 6, 'the count of what removal deletes leaves out Local Folders');
  // While the account exists, its filed mail still names it (the duplicate safety net sees it).
  assert.deepEqual(store.findStoredCopies(ACCOUNT, keptBytes.length, store.getMessage(kept).sha256), [kept]);

  accounts.remove(ACCOUNT);
  assert.deepEqual(
    database.prepare('select id, account_id, folder_id from messages order by id').all(),
    [
      { id: kept, account_id: null, folder_id: archive },
      { id: largeCopy, account_id: null, folder_id: nested },
    ],
    'only the mail in the account’s own folders went',
  );
  assert.ok((await store.readRawMessage(kept)).equals(keptBytes));
  assert.ok((await store.readRawMessage(largeCopy)).equals(largeBytes));

  await store.collectGarbage({ minimumAgeMs: 0 });
  const compacted = await store.compact();
  assert.equal(compacted.messagesMoved, 1, 'the kept message left its sparse pack');
  await store.collectGarbage({ minimumAgeMs: 0 });
  assert.ok((await store.readRawMessage(kept)).equals(keptBytes), 'readable after compaction and collection');
  assert.ok((await store.readRawMessage(largeCopy)).equals(largeBytes));
  assert.deepEqual((await store.checkRawFiles()).missing, []);

  assert.equal(store.getMessage(kept).accountId, null);
  assert.deepEqual(
    store.listMessages(archive, {}).messages.map((message) => message.id),
    [kept],
  );
  assert.deepEqual(foundIds(store, 'filed'), [kept], 'full-text search still finds it');
  assert.deepEqual(foundIds(store, 'in:Archive'), [kept]);
  assert.deepEqual(foundIds(store, 'in:"Local Folders/Archive"'), [kept]);
  assert.deepEqual(foundIds(store, 'in:"local folders/archive/old"'), [largeCopy]);
  assert.deepEqual(foundIds(store, 'in:Old'), [largeCopy]);
  assert.deepEqual(foundIds(store, 'in:"Archive/Old"'), [largeCopy]);
});

test('search in: names nested account folders by path, and a Local Folders path never an account’s folder', async () => {
  const { database, store } = await openTestStore();
  const { messageId } = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Alpha plans' }));
  assert.ok(messageId !== null);
  const projects = createTreeFolder(database, { accountId: ACCOUNT, name: 'Projects' });
  const alpha = createTreeFolder(database, { accountId: ACCOUNT, parentId: projects, name: 'Alpha' });
  moveMessages(database, [messageId], alpha);
  await store.indexPending(inlineParser);
  assert.deepEqual(foundIds(store, 'in:projects/alpha'), [messageId]);
  assert.deepEqual(foundIds(store, 'in:"Local Folders/Projects/Alpha"'), []);
  assert.deepEqual(foundIds(store, 'in:Projects'), [], 'a folder is not its sub-folders');
});
