/**
 * Another program's folder tree into the store: folders placed by path (an account's top-level Inbox
 * and Trash are its built-in folders; Local Folders under a named folder; names cleaned; nesting
 * bounded), found again on a second import; a cancel keeps what was committed and the next run adds
 * only the rest; mail filed in Local Folders still belongs to its account.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importedFolderName, placeFolder } from '../../../../electron/jobs/import/folder-placement';
import { IMPORT_BATCH_MESSAGES } from '../../../../electron/jobs/import/import-messages';
import { importTrees, THUNDERBIRD_ROLES } from '../../../../electron/jobs/import/tree-import';
import { MAX_FOLDER_DEPTH } from '../../../../electron/storage/folder-tree';
import { ensureDefaultFolders, folderIdForRole } from '../../../../electron/storage/folders';
import { ACCOUNT, openTestStore } from '../../storage/store-fixture';

const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-tree-import-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('folder placement', () => {
  test('roles, nesting, Local Folders, cleaned names, the depth bound, and the same folders found again', async () => {
    const { database, store } = await openTestStore();
    try {
      ensureDefaultFolders(database, ACCOUNT);
      const account = { kind: 'account' } as const;
      assert.equal(placeFolder(database, ACCOUNT, account, ['Inbox'], THUNDERBIRD_ROLES), folderIdForRole(database, ACCOUNT, 'inbox'));
      const old = placeFolder(database, ACCOUNT, account, ['trash', 'Old'], THUNDERBIRD_ROLES);
      assert.equal(
        database.prepare<[number], { parent_id: number }>('select parent_id from folders where id = ?').get(old)?.parent_id,
        folderIdForRole(database, ACCOUNT, 'trash'),
      );
      const nested = placeFolder(database, ACCOUNT, account, ['Projects', 'مشروع'], THUNDERBIRD_ROLES);
      assert.equal(placeFolder(database, ACCOUNT, account, ['projects', 'مشروع'], THUNDERBIRD_ROLES), nested);
      const local = placeFolder(database, ACCOUNT, { kind: 'local', under: 'pop.example.com' }, ['Inbox'], THUNDERBIRD_ROLES);
      const row = database.prepare<[number], { account_id: string | null; name: string }>('select account_id, name from folders where id = ?').get(local);
      assert.deepEqual(row, { account_id: null, name: 'Inbox' });
      const deep = placeFolder(
        database,
        ACCOUNT,
        account,
        Array.from({ length: MAX_FOLDER_DEPTH + 4 }, (_, index) => `level ${index}`),
        THUNDERBIRD_ROLES,
      );
      assert.equal(database.prepare<[number], { name: string }>('select name from folders where id = ?').get(deep)?.name, `level ${MAX_FOLDER_DEPTH - 1}`);
      assert.equal(importedFolderName('a\u0000b\u202e\u2028'), 'a b\u202e');
      assert.equal(importedFolderName('\u0001'), 'Unnamed folder');
    } finally {
      await store.close();
      database.close();
    }
  });
});

describe('a tree import', () => {
  test('a cancel keeps what was committed; the next run adds only the rest, into Local Folders for the account', async () => {
    const mail = path.join(directory, 'Local Folders');
    mkdirSync(path.join(mail, 'Archive.sbd'), { recursive: true });
    const count = IMPORT_BATCH_MESSAGES + 20;
    const lines = Array.from(
      { length: count },
      (_, index) =>
        `From - Mon Nov 02 09:00:00 2026\nX-Mozilla-Status: 0001\nFrom: s${index}@example.com\nSubject: number ${index}\nMessage-ID: <${index}@example.com>\n\nbody ${index}\n\n`,
    );
    writeFileSync(path.join(mail, 'Archive'), lines.join(''));
    writeFileSync(path.join(mail, 'Archive.sbd', 'Small'), lines[0] ?? '');
    const { database, store } = await openTestStore();
    try {
      const job = {
        format: 'thunderbird',
        trees: [{ directory: mail, accountId: ACCOUNT, placement: { kind: 'local', under: null } }],
        databaseFile: '',
        rawDirectory: '',
      } as const;
      const controller = new AbortController();
      const first = await importTrees(database, store, job, {
        signal: controller.signal,
        onProgress: ({ messages }) => {
          if (messages >= IMPORT_BATCH_MESSAGES + 5) controller.abort();
        },
      });
      assert.equal(first.report.cancelled, true);
      assert.ok(first.report.imported >= IMPORT_BATCH_MESSAGES && first.report.imported < count, String(first.report.imported));
      const second = await importTrees(database, store, job, {});
      assert.equal(second.report.cancelled, false);
      assert.equal(second.mailboxes, 2);
      assert.equal(first.report.imported + second.report.imported, count);
      assert.equal(second.report.duplicates, first.report.imported + 1);
      const stored = database
        .prepare<[], { account_id: string; folder_account: string | null; total: number }>(
          'select m.account_id as account_id, f.account_id as folder_account, count(*) as total from messages m join folders f on f.id = m.folder_id group by 1, 2',
        )
        .all();
      assert.deepEqual(stored, [{ account_id: ACCOUNT, folder_account: null, total: count }]);
    } finally {
      await store.close();
      database.close();
    }
  });
});
