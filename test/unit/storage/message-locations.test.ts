/** Where stored messages are (account, folder, role), and a folder's message ids, read in bounded statements. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderIdForRole } from '../../../electron/storage/folders';
import { countMessages, countMessagesWithParseProblems } from '../../../electron/storage/message-counts';
import { locateMessages, messageIdsInFolder } from '../../../electron/storage/message-locations';
import { headersOnlyUidl } from '../../../electron/storage/pop-journal';
import { ACCOUNT, mail, openTestStore } from './store-fixture';

test('messages are located by id across folders; unknown ids are left out, however many are asked for', async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (let index = 0; index < 3; index += 1) {
    const outcome = await store.addMessage(
      { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `U${index}`, state: 'downloaded' } },
      mail({ subject: `M${index}` }),
    );
    assert.equal(outcome.status, 'stored');
    if (outcome.status === 'stored') ids.push(outcome.messageId);
  }
  const trash = folderIdForRole(database, ACCOUNT, 'trash');
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  const [first, second, third] = ids;
  assert.ok(first !== undefined && second !== undefined && third !== undefined);
  store.moveMessages([second], trash);
  // More ids than one statement takes: the lookup is split, and the unknown ones simply are not found.
  const asked = [first, ...Array.from({ length: 1200 }, (_unused, index) => 1_000_000 + index), second, third];
  const located = locateMessages(database, asked).sort((left, right) => left.id - right.id);
  assert.deepEqual(located, [
    { id: first, accountId: ACCOUNT, folderId: inbox, role: 'inbox' },
    { id: second, accountId: ACCOUNT, folderId: trash, role: 'trash' },
    { id: third, accountId: ACCOUNT, folderId: inbox, role: 'inbox' },
  ]);
  assert.deepEqual(messageIdsInFolder(database, trash), [second]);
  assert.deepEqual(
    messageIdsInFolder(database, inbox).sort((left, right) => left - right),
    [first, third],
  );
  assert.equal(countMessages(database), 3);
  assert.equal(countMessagesWithParseProblems(database), 0);
  await store.close();
  database.close();
});

test('a message stored with its headers only is found in the journal by its UIDL; a complete one is not', async () => {
  const { database, store } = await openTestStore();
  const partial = await store.addMessage(
    { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'P1', state: 'headers-only' } },
    Buffer.from('Subject: h\r\n\r\n'),
  );
  const full = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'F1', state: 'downloaded' } }, mail({ subject: 'Full' }));
  assert.ok(partial.status === 'stored' && full.status === 'stored');
  assert.equal(headersOnlyUidl(database, ACCOUNT, partial.messageId), 'P1');
  assert.equal(headersOnlyUidl(database, 'other-account', partial.messageId), undefined);
  assert.equal(headersOnlyUidl(database, ACCOUNT, full.messageId), undefined);
  await store.close();
  database.close();
});
