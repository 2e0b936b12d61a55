/**
 * A batch may file an account's new message straight into a Local Folder (a folder of no account),
 * as an import of another program's Local Folders does, but never into another account's folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailbagError } from '../../../shared/errors';
import { createTreeFolder } from '../../../electron/storage/folder-tree';
import { folderIdForRole } from '../../../electron/storage/folders';
import { ACCOUNT, mail, openTestStore } from './store-fixture';

test("a message of an account is committed into a Local Folder, and refused in another account's folder", async () => {
  const { database, store } = await openTestStore();
  try {
    store.ensureDefaultFolders(ACCOUNT);
    database.prepare("insert into accounts (id, name, email, created_at) values ('other', 'Other', 'o@example.com', 1)").run();
    store.ensureDefaultFolders('other');
    const local = createTreeFolder(database, { accountId: null, name: 'Archive' });
    const batch = store.beginBatch();
    const message = await batch.addMessage(mail({ subject: 'filed locally' }));
    const [outcome] = await batch.commit([{ accountId: ACCOUNT, folder: { folderId: local }, message }]);
    assert.equal(outcome?.status, 'stored');
    const row = database
      .prepare<[], { account_id: string; folder_id: number }>("select account_id, folder_id from messages where subject = 'filed locally'")
      .get();
    assert.deepEqual(row, { account_id: ACCOUNT, folder_id: local });

    const refused = store.beginBatch();
    const other = await refused.addMessage(mail({ subject: 'wrong account' }));
    await assert.rejects(
      refused.commit([{ accountId: ACCOUNT, folder: { folderId: folderIdForRole(database, 'other', 'inbox') }, message: other }]),
      (error: unknown) => error instanceof MailbagError && error.code === 'NOT_FOUND',
    );
  } finally {
    await store.close();
    database.close();
  }
});
