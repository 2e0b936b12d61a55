import { test } from 'node:test';
import assert from 'node:assert/strict';
import { folderIdForRole } from '../../../electron/storage/folders';
import {
  createTreeFolder,
  deleteTreeFolder,
  folderSubtree,
  listTreeFolders,
  markFolderRead,
  MAX_FOLDER_DEPTH,
  renameTreeFolder,
  validFolderName,
} from '../../../electron/storage/folder-tree';
import { copyMessages } from '../../../electron/storage/message-copy';
import { moveMessages } from '../../../electron/storage/message-queries';
import type { MessageStore } from '../../../electron/storage/message-store';
import { ACCOUNT, inlineParser, mail, openTestStore } from './store-fixture';

async function add(store: MessageStore, bytes: Buffer): Promise<number> {
  const { messageId } = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, bytes);
  assert.ok(messageId !== null, 'stored');
  return messageId;
}

const isCode = (code: string) => (error: Error & { code?: string }) => error.code === code;

test('folder names: trimmed, not empty, bounded, without control characters', () => {
  assert.equal(validFolderName('  Projects 2026 '), 'Projects 2026');
  assert.equal(validFolderName('Προϊόντα / 会議'), 'Προϊόντα / 会議');
  for (const bad of ['', '   ', 'x'.repeat(201), 'a\u0000b', 'tab\there', 'new\nline', 'esc\u001b[31m', 'c1\u0085', 'sep\u2028arator']) {
    assert.throws(() => validFolderName(bad), isCode('VALIDATION'), JSON.stringify(bad));
  }
  assert.equal(validFolderName('x'.repeat(200)).length, 200);
});

test('user folders nest in an account and in Local Folders; siblings never share a name', async () => {
  const { database } = await openTestStore();
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  const projects = createTreeFolder(database, { accountId: ACCOUNT, name: 'Projects' });
  const alpha = createTreeFolder(database, { accountId: ACCOUNT, parentId: projects, name: 'Alpha' });
  const underInbox = createTreeFolder(database, { accountId: ACCOUNT, parentId: inbox, name: 'Alpha' });
  const local = createTreeFolder(database, { accountId: null, name: 'Archive' });
  const localChild = createTreeFolder(database, { accountId: null, parentId: local, name: 'Projects' });
  assert.throws(() => createTreeFolder(database, { accountId: ACCOUNT, name: 'projects' }), isCode('VALIDATION'), 'case does not make another name');
  assert.throws(() => createTreeFolder(database, { accountId: ACCOUNT, parentId: projects, name: 'ALPHA' }), isCode('VALIDATION'));
  assert.throws(() => createTreeFolder(database, { accountId: ACCOUNT, parentId: local, name: 'X' }), isCode('VALIDATION'), 'a parent of another tree');
  assert.throws(() => createTreeFolder(database, { accountId: ACCOUNT, parentId: 99_999, name: 'X' }), isCode('NOT_FOUND'));
  assert.throws(() => createTreeFolder(database, { accountId: 'nobody', name: 'X' }), isCode('NOT_FOUND'));
  assert.throws(
    () => createTreeFolder(database, { accountId: ACCOUNT, parentId: folderIdForRole(database, ACCOUNT, 'outbox'), name: 'X' }),
    isCode('VALIDATION'),
  );
  let parent = alpha;
  for (let level = 2; level < MAX_FOLDER_DEPTH; level += 1)
    parent = createTreeFolder(database, { accountId: ACCOUNT, parentId: parent, name: `Level ${level}` });
  assert.throws(() => createTreeFolder(database, { accountId: ACCOUNT, parentId: parent, name: 'Too deep' }), isCode('VALIDATION'));

  const tree = listTreeFolders(database, ACCOUNT);
  assert.deepEqual(
    tree.slice(0, 6).map((folder) => folder.role),
    ['inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk'],
  );
  assert.equal(tree.find((folder) => folder.id === alpha)?.parentId, projects);
  assert.equal(tree.find((folder) => folder.id === underInbox)?.parentId, inbox);
  assert.deepEqual(
    listTreeFolders(database, null).map((folder) => [folder.name, folder.accountId, folder.parentId]),
    [
      ['Archive', null, null],
      ['Projects', null, local],
    ],
  );

  renameTreeFolder(database, alpha, '  Beta ');
  assert.equal(listTreeFolders(database, ACCOUNT).find((folder) => folder.id === alpha)?.name, 'Beta');
  renameTreeFolder(database, alpha, 'beta');
  assert.equal(listTreeFolders(database, ACCOUNT).find((folder) => folder.id === alpha)?.name, 'beta', 'its own name in other case');
  createTreeFolder(database, { accountId: ACCOUNT, parentId: projects, name: 'Gamma' });
  assert.throws(() => renameTreeFolder(database, alpha, 'GAMMA'), isCode('VALIDATION'), 'a sibling has the name');
  renameTreeFolder(database, underInbox, 'Gamma');
  renameTreeFolder(database, localChild, 'Alpha');
  assert.throws(() => renameTreeFolder(database, projects, ''), isCode('VALIDATION'));
  assert.throws(() => renameTreeFolder(database, 99_999, 'X'), isCode('NOT_FOUND'));
  for (const role of ['inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk'] as const) {
    const builtIn = folderIdForRole(database, ACCOUNT, role);
    assert.throws(() => renameTreeFolder(database, builtIn, 'Mine'), isCode('VALIDATION'), role);
    assert.throws(() => deleteTreeFolder(database, builtIn), isCode('VALIDATION'), role);
  }
  database.close();
});

test('deleting a folder moves the mail of it and its sub-folders to Trash, counts it, and removes the folders', async () => {
  const { database, store } = await openTestStore();
  const projects = createTreeFolder(database, { accountId: ACCOUNT, name: 'Projects' });
  const alpha = createTreeFolder(database, { accountId: ACCOUNT, parentId: projects, name: 'Alpha' });
  const local = createTreeFolder(database, { accountId: null, name: 'Kept' });
  const ids: number[] = [];
  for (let index = 0; index < 5; index += 1) ids.push(await add(store, mail({ subject: `M${index}` })));
  store.moveMessages(ids.slice(0, 2), projects);
  store.moveMessages(ids.slice(2, 4), alpha);
  store.moveMessages(ids.slice(4), local);
  assert.deepEqual(folderSubtree(database, projects), [projects, alpha]);
  assert.deepEqual(deleteTreeFolder(database, projects), { movedToTrash: 4, folders: [projects, alpha] });
  const trash = folderIdForRole(database, ACCOUNT, 'trash');
  assert.deepEqual(
    ids.map((id) => store.getMessage(id).folderId),
    [trash, trash, trash, trash, local],
  );
  assert.equal(
    listTreeFolders(database, ACCOUNT).some((folder) => folder.id === projects || folder.id === alpha),
    false,
  );
  assert.deepEqual(deleteTreeFolder(database, local), { movedToTrash: 1, folders: [local] }, 'Local Folders mail goes to the Trash of its account');
  assert.equal(store.getMessage(ids[4] ?? 0).folderId, trash);
  assert.throws(() => deleteTreeFolder(database, projects), isCode('NOT_FOUND'));
  database.close();
});

test('a copy keeps its own bytes: it outlives the deleted original, in a pack and in a file of its own', async () => {
  const { database, store } = await openTestStore();
  const archive = createTreeFolder(database, { accountId: null, name: 'Archive' });
  const small = mail({ subject: 'Small one', body: 'short' });
  const large = mail({ subject: 'Large one', body: 'x'.repeat(1_300_000) });
  const smallId = await add(store, small);
  const largeId = await add(store, large);
  store.setFlags([smallId], { seen: true, flagged: true });
  const copies = await copyMessages(database, store.rawDirectory, [smallId, largeId], archive);
  assert.equal(copies.length, 2);
  assert.equal(store.getMessage(copies[0] ?? 0).folderId, archive);
  assert.equal(store.getMessage(copies[0] ?? 0).flagged, true, 'flags are copied');
  assert.equal(store.getMessage(copies[0] ?? 0).subject, 'Small one', 'listed at once');
  await assert.rejects(copyMessages(database, store.rawDirectory, [99_999], archive), isCode('NOT_FOUND'));
  await store.compact({ maxLiveRatio: 1 });
  assert.ok((await store.readRawMessage(smallId)).equals(small), 'a record two rows share is compacted for both');
  assert.ok((await store.readRawMessage(copies[0] ?? 0)).equals(small));
  assert.equal(await store.deleteMessagesPermanently([smallId, largeId]), 2);
  await store.collectGarbage({ minimumAgeMs: 0 });
  await store.compact({ maxLiveRatio: 1 });
  assert.ok((await store.readRawMessage(copies[0] ?? 0)).equals(small));
  assert.ok((await store.readRawMessage(copies[1] ?? 0)).equals(large));
  assert.deepEqual((await store.checkRawFiles()).missing, []);
  database.close();
});

test('flags and folders survive rebuild-index; a folder is marked read at once; deletion for good removes the row', async () => {
  const { database, store } = await openTestStore();
  const projects = createTreeFolder(database, { accountId: ACCOUNT, name: 'Projects' });
  const ids: number[] = [];
  for (let index = 0; index < 3; index += 1) ids.push(await add(store, mail({ subject: `Note ${index}` })));
  const [first = 0, second = 0, third = 0] = ids;
  store.moveMessages([first, second], projects);
  store.setFlags([first], { flagged: true, answered: true, forwarded: true });
  store.setFlags([second], { seen: true });
  await store.rebuildIndex(inlineParser);
  const row = database.prepare<[number], { folder_id: number; flagged: number; answered: number; forwarded: number; seen: number }>(
    'select folder_id, flagged, answered, forwarded, seen from messages where id = ?',
  );
  assert.deepEqual({ ...row.get(first) }, { folder_id: projects, flagged: 1, answered: 1, forwarded: 1, seen: 0 });
  assert.deepEqual({ ...row.get(second) }, { folder_id: projects, flagged: 0, answered: 0, forwarded: 0, seen: 1 });
  assert.equal(listTreeFolders(database, ACCOUNT).find((folder) => folder.id === projects)?.unread, 1);
  assert.equal(markFolderRead(database, projects), 1);
  assert.equal(markFolderRead(database, projects), 0);
  assert.equal(store.getMessage(third).seen, false, 'other folders keep their flags');
  assert.equal(listTreeFolders(database, ACCOUNT).find((folder) => folder.id === projects)?.unread, 0);
  assert.throws(() => markFolderRead(database, 99_999), isCode('NOT_FOUND'));
  assert.equal(await store.deleteMessagesPermanently([third]), 1);
  assert.throws(() => store.getMessage(third), isCode('NOT_FOUND'));
  database.close();
});

test('10,000 messages move in one transaction: all of them, or none when one cannot move', async () => {
  const { database } = await openTestStore();
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  const archive = createTreeFolder(database, { accountId: null, name: 'Archive' });
  database.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'bench.pack', 1)").run();
  const insert = database.prepare(
    "insert into messages (account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date) values (?, ?, 1, ?, 10, 'x', 1, 1)",
  );
  const ids = database
    .transaction(() => Array.from({ length: 10_000 }, (_, index) => Number(insert.run(ACCOUNT, inbox, index * 100).lastInsertRowid)))
    .immediate();
  const inFolder = (folder: number): number =>
    database.prepare<[number], { count: number }>('select count(*) as count from messages where folder_id = ?').get(folder)?.count ?? -1;
  assert.throws(() => moveMessages(database, [...ids, 99_999_999], archive), isCode('NOT_FOUND'));
  assert.equal(inFolder(inbox), 10_000, 'nothing moved when one message could not');
  assert.equal(moveMessages(database, ids, archive), 10_000);
  assert.equal(inFolder(archive), 10_000);
  assert.equal(inFolder(inbox), 0);
  database.close();
});
