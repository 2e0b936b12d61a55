/**
 * The folder operations through a real core: the tree with Local Folders and unread counts, user
 * folders created, renamed and deleted (their mail to Trash), built-in folders refused, copies that
 * outlive their original, a folder marked read, deletion for good, and bad input refused as data.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { crlf, openMailFixture, startServer, type MailFixture } from './mail-fixture';

let server: FakePop3Server;
let fixture: MailFixture;
let accountId: string;

before(async () => {
  server = await startServer([]);
  fixture = await openMailFixture();
  accountId = await fixture.addAccount(server, { leaveOnServer: { mode: 'forever' } });
});

after(async () => {
  await fixture.dispose();
  await server.close();
});

async function store(subject: string): Promise<number> {
  const bytes = crlf([
    'From: Bob <bob@example.org>',
    'To: ann@example.com',
    `Subject: ${subject}`,
    'Date: Tue, 03 Mar 2026 10:00:00 +0000',
    '',
    `About ${subject}.`,
  ]);
  const { messageId } = await fixture.core.store.addMessage({ accountId, folder: 'inbox' }, bytes);
  assert.ok(messageId !== null);
  return messageId;
}

function codeOf(result: { ok: true } | { ok: false; error: { code: string } }): string {
  return result.ok ? 'ok' : result.error.code;
}

test('folders are created in an account, inside a folder and in Local Folders, and listed with unread counts', async () => {
  const { id: projects } = await fixture.value('createFolder', { accountId, name: 'Projects' });
  const { id: alpha } = await fixture.value('createFolder', { accountId, parentId: projects, name: 'Alpha' });
  const { id: archive } = await fixture.value('createFolder', { accountId: null, name: 'Archive' });
  const first = await store('First plan');
  await store('Second plan');
  await fixture.value('moveMessages', { ids: [first], folderId: alpha });
  const tree = await fixture.value('listFolderTree');
  const folders = tree.accounts.find((entry) => entry.accountId === accountId)?.folders ?? [];
  assert.deepEqual(
    folders.map((folder) => folder.name),
    ['Inbox', 'Drafts', 'Outbox', 'Sent', 'Trash', 'Junk', 'Alpha', 'Projects'],
  );
  assert.deepEqual(
    folders.filter((folder) => folder.role === null).map(({ id, parentId, unread, total }) => ({ id, parentId, unread, total })),
    [
      { id: alpha, parentId: projects, unread: 1, total: 1 },
      { id: projects, parentId: null, unread: 0, total: 0 },
    ],
  );
  assert.deepEqual(
    tree.localFolders.map((folder) => [folder.id, folder.name, folder.accountId]),
    [[archive, 'Archive', null]],
  );
  assert.equal(codeOf(await fixture.call('createFolder', { accountId, name: 'projects' })), 'VALIDATION');
  assert.equal(codeOf(await fixture.call('createFolder', { accountId, name: 'bad\u0007bell' })), 'VALIDATION');
  assert.equal(codeOf(await fixture.call('createFolder', { accountId: 'nobody', name: 'X' })), 'NOT_FOUND');
  assert.ok(
    fixture.events.some((event) => event.name === 'mailChanged'),
    'the change is announced',
  );
});

test('renaming and deleting: user folders only; deletion moves the mail to Trash and says how many', async () => {
  const { id: travel } = await fixture.value('createFolder', { accountId, name: 'Travel' });
  const ids = [await store('Tickets'), await store('Hotel')];
  await fixture.value('moveMessages', { ids, folderId: travel });
  assert.deepEqual(await fixture.value('renameFolder', { folderId: travel, name: 'Trips' }), { id: travel });
  const tree = await fixture.value('listFolderTree', { accountId });
  const folders = tree.accounts[0]?.folders ?? [];
  assert.equal(folders.find((folder) => folder.id === travel)?.name, 'Trips');
  const inbox = folders.find((folder) => folder.role === 'inbox');
  const trash = folders.find((folder) => folder.role === 'trash');
  assert.ok(inbox !== undefined && trash !== undefined);
  assert.equal(codeOf(await fixture.call('renameFolder', { folderId: inbox.id, name: 'Mine' })), 'VALIDATION');
  assert.equal(codeOf(await fixture.call('deleteFolder', { folderId: trash.id })), 'VALIDATION');
  assert.deepEqual(await fixture.value('deleteFolder', { folderId: travel }), { movedToTrash: 2 });
  for (const id of ids) assert.equal((await fixture.value('getMessage', { id })).folderId, trash.id);
  assert.equal(codeOf(await fixture.call('deleteFolder', { folderId: travel })), 'NOT_FOUND');
});

test('a copy outlives its original deleted for good; marking a folder read clears its unread count', async () => {
  const { id: keep } = await fixture.value('createFolder', { accountId: null, name: 'Keep' });
  const original = await store('Contract draft');
  const { copies } = await fixture.value('copyMessages', { ids: [original], folderId: keep });
  assert.equal(copies.length, 1);
  assert.deepEqual(await fixture.value('deleteMessagesPermanently', { ids: [original] }), { deleted: 1 });
  assert.equal(codeOf(await fixture.call('getMessage', { id: original })), 'NOT_FOUND');
  const raw = await fixture.value('getRawMessage', { id: copies[0] ?? 0 });
  assert.match(Buffer.from(raw.base64, 'base64').toString('utf8'), /Subject: Contract draft/);
  const unread = async (): Promise<number | undefined> => (await fixture.value('listFolderTree')).localFolders.find((folder) => folder.id === keep)?.unread;
  assert.equal(await unread(), 1);
  assert.deepEqual(await fixture.value('markFolderRead', { folderId: keep }), { changed: 1 });
  assert.equal(await unread(), 0);
  assert.equal(codeOf(await fixture.call('markFolderRead', { folderId: 999_999 })), 'NOT_FOUND');
});

test('the places and flags of messages are read for undo, leaving out unknown ids', async () => {
  const { id: later } = await fixture.value('createFolder', { accountId, name: 'Later' });
  const first = await store('State one');
  const second = await store('State two');
  await fixture.value('moveMessages', { ids: [second], folderId: later });
  await fixture.value('setMessageFlags', { ids: [first], seen: true, flagged: true });
  const { messages } = await fixture.value('messageStates', { ids: [first, second, 999_999] });
  const inbox = (await fixture.value('listFolderTree')).accounts[0]?.folders.find((folder) => folder.role === 'inbox')?.id;
  assert.deepEqual(
    [...messages].sort((left, right) => left.id - right.id),
    [
      { id: first, folderId: inbox, seen: true, flagged: true },
      { id: second, folderId: later, seen: false, flagged: false },
    ],
  );
});

test('bad folder input is refused as data before any handler runs', async () => {
  const cases: Array<[Parameters<MailFixture['call']>[0], unknown]> = [
    ['createFolder', { name: 'No tree given' }],
    ['createFolder', { accountId: null, name: '' }],
    ['createFolder', { accountId: null, name: 'x'.repeat(201) }],
    ['createFolder', { accountId: null, parentId: 0, name: 'X' }],
    ['renameFolder', { folderId: 1 }],
    ['deleteFolder', { folderId: -1 }],
    ['copyMessages', { ids: [], folderId: 1 }],
    ['markFolderRead', { folderId: 'Inbox' }],
    ['deleteMessagesPermanently', { ids: [1.5] }],
    ['listFolderTree', { accountId: '' }],
    ['messageStates', { ids: [] }],
    ['messageStates', { ids: ['1'] }],
  ];
  for (const [name, input] of cases) assert.equal(codeOf(await fixture.call(name, input)), 'VALIDATION', `${name} ${JSON.stringify(input)}`);
});
