import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration024AccountFolderIndex } from '../../../../electron/storage/migrations/024-account-folder-index';
import { openAccountsTable } from '../../../../electron/storage/accounts-table';
import { createTreeFolder } from '../../../../electron/storage/folder-tree';
import { ACCOUNT, mail, openTestStore } from '../store-fixture';

function indexNames(db: Database.Database): string[] {
  return db
    .prepare<[], string>("select name from sqlite_master where type = 'index' and tbl_name = 'messages' and name like 'messages_account%' order by name")
    .pluck()
    .all();
}

test('024 replaces the index of messages by account with one that also holds their folder', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version < migration024AccountFolderIndex.version),
  );
  assert.deepEqual(indexNames(db), ['messages_account']);
  migrate(db, MIGRATIONS);
  assert.deepEqual(indexNames(db), ['messages_account_folder']);
  // Lookups by account alone still go through an index.
  const plan = db.prepare<[string], { detail: string }>('explain query plan select id from messages where account_id = ?').all('a');
  assert.ok(
    plan.some((step) => step.detail.includes('INDEX messages_account_folder')),
    JSON.stringify(plan),
  );
  db.close();
});

test("an account's message count leaves out mail in local folders and is read from the index alone", async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (const subject of ['One', 'Two', 'Three']) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject }));
    if (outcome.status !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
    ids.push(outcome.messageId);
  }
  const local = createTreeFolder(database, { accountId: null, parentId: null, name: 'Kept here' });
  store.moveMessages([ids[0] ?? 0], local);
  assert.equal(openAccountsTable(database).messageCount(ACCOUNT), 2);
  assert.equal(openAccountsTable(database).messageCount('another-account'), 0);
  const plan = database
    .prepare<[string], { detail: string }>(
      'explain query plan select count(*) as count from messages where account_id = ? and folder_id not in (select id from folders where account_id is null)',
    )
    .all(ACCOUNT);
  assert.ok(
    plan.some((step) => step.detail.includes('COVERING INDEX messages_account_folder')),
    JSON.stringify(plan),
  );
  database.close();
});
