import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFolder, ensureDefaultFolders, folderIdForRole, FOLDER_ROLES, listFolderIdentities, listFolders } from '../../../electron/storage/folders';
import { ACCOUNT, openTestStore } from './store-fixture';

test('every account gets its six built-in folders once, and user folders after them', async () => {
  const { database } = await openTestStore();
  ensureDefaultFolders(database, ACCOUNT);
  ensureDefaultFolders(database, ACCOUNT);
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  assert.equal(folderIdForRole(database, ACCOUNT, 'inbox'), inbox);
  createFolder(database, ACCOUNT, '  Archive 2025 ');
  const folders = listFolders(database, ACCOUNT);
  assert.deepEqual(
    folders.map((folder) => folder.role),
    [...FOLDER_ROLES, null],
  );
  assert.equal(folders.at(-1)?.name, 'Archive 2025');
  assert.deepEqual(
    listFolderIdentities(database, ACCOUNT),
    folders.map(({ id, accountId, role, name }) => ({ id, accountId, role, name })),
    'the same folders in the same order, without counting',
  );
  assert.throws(
    () => createFolder(database, ACCOUNT, '   '),
    (error: Error & { code?: string }) => error.code === 'VALIDATION',
  );
  assert.throws(() => folderIdForRole(database, 'no-such-account', 'inbox'), /FOREIGN KEY|does not exist/);
  database.close();
});
