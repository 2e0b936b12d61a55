import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FolderTreeView, TreeFolderView } from '../../../../shared/folder-ops';
import {
  LOCAL_FOLDERS_KEY,
  buildTreeRows,
  filterTargets,
  folderDeletion,
  folderKey,
  folderPath,
  folderTargets,
  unifiedUnread,
  windowNaming,
} from '../../../../renderer/state/folder-tree';
import { createTranslator } from '../../../../shared/i18n/catalogs';

const english = createTranslator('en').t;

function folder(id: number, name: string, options: Partial<TreeFolderView> = {}): TreeFolderView {
  return { id, accountId: 'a1', parentId: null, role: null, name, total: 0, unread: 0, ...options };
}

const VIEW: FolderTreeView = {
  accounts: [
    {
      accountId: 'a1',
      accountName: 'Alice',
      folders: [
        folder(7, 'Projects', { total: 2 }),
        folder(8, 'Alpha', { parentId: 7, total: 3, unread: 1 }),
        folder(9, 'Beta', { parentId: 8, total: 4 }),
        folder(1, 'Inbox', { role: 'inbox', unread: 5 }),
        folder(2, 'Trash', { role: 'trash' }),
        folder(3, 'Outbox', { role: 'outbox' }),
        folder(4, 'Drafts', { role: 'drafts' }),
        folder(5, 'Archivó', {}),
      ],
    },
    { accountId: 'b2', accountName: 'Bob', folders: [folder(11, 'Inbox', { accountId: 'b2', role: 'inbox', unread: 2 })] },
  ],
  localFolders: [folder(20, 'Archive', { accountId: null }), folder(21, 'Old', { accountId: null, parentId: 20 })],
};

function shape(rows: ReturnType<typeof buildTreeRows>): string[] {
  return rows.map(
    (row) => `${'  '.repeat(row.level - 1)}${row.kind === 'folder' ? row.folder.name : row.kind === 'heading' ? `[${row.name}]` : 'Inbox (all accounts)'}`,
  );
}

test('the tree nests sub-folders under their parents, built-in folders first, then Local Folders', () => {
  assert.deepEqual(shape(buildTreeRows(VIEW, new Set())), [
    'Inbox (all accounts)',
    '[Alice]',
    '  Inbox',
    '  Drafts',
    '  Outbox',
    '  Trash',
    '  Archivó',
    '  Projects',
    '    Alpha',
    '      Beta',
    '[Bob]',
    '  Inbox',
    '[Local Folders]',
    '  Archive',
    '    Old',
  ]);
  assert.equal(unifiedUnread(VIEW), 7);
  const alpha = buildTreeRows(VIEW, new Set()).find((row) => row.key === folderKey(8));
  assert.ok(alpha?.kind === 'folder');
  assert.equal(alpha.parentKey, folderKey(7));
  assert.equal(alpha.hasChildren, true);
  assert.equal(alpha.expanded, true);
});

test('collapsing a folder or a heading hides what is below it, and only that', () => {
  const rows = shape(buildTreeRows(VIEW, new Set([folderKey(7), LOCAL_FOLDERS_KEY])));
  assert.ok(rows.includes('  Projects'));
  assert.ok(!rows.includes('    Alpha'));
  assert.ok(rows.includes('[Local Folders]'));
  assert.ok(!rows.includes('  Archive'));
  const projects = buildTreeRows(VIEW, new Set([folderKey(7)])).find((row) => row.key === folderKey(7));
  assert.ok(projects?.kind === 'folder' && projects.hasChildren && !projects.expanded);
});

test('a folder whose parent is missing is shown at the top instead of being lost', () => {
  const view: FolderTreeView = { accounts: [{ accountId: 'a1', accountName: 'Alice', folders: [folder(30, 'Orphan', { parentId: 999 })] }], localFolders: [] };
  assert.deepEqual(shape(buildTreeRows(view, new Set())), ['Inbox (all accounts)', '[Alice]', '  Orphan', '[Local Folders]']);
  assert.deepEqual(shape(buildTreeRows(view, new Set(), false)), ['Inbox (all accounts)', '[Alice]', '  Orphan']);
});

test('paths name the parents, and Local Folders as the command line does', () => {
  const beta = VIEW.accounts[0]?.folders.find((candidate) => candidate.id === 9);
  assert.ok(beta !== undefined);
  assert.equal(folderPath(VIEW, beta), 'Projects/Alpha/Beta');
  assert.equal(folderPath(VIEW, folder(21, 'Old', { accountId: null, parentId: 20 })), 'Local Folders/Archive/Old');
});

test('deleting a folder counts its messages and its sub-folders’ messages', () => {
  assert.deepEqual(folderDeletion(VIEW, 7), { messages: 9, subFolders: 2 });
  assert.deepEqual(folderDeletion(VIEW, 9), { messages: 4, subFolders: 0 });
  assert.deepEqual(folderDeletion(VIEW, 999), { messages: 0, subFolders: 0 });
});

test('Move to… offers the account’s folders and Local Folders, not the Outbox, Drafts or where the mail is', () => {
  const targets = folderTargets(VIEW, new Set(['a1']), 1, english).map((target) => target.path);
  assert.deepEqual(targets, ['Trash', 'Archivó', 'Projects', 'Projects/Alpha', 'Projects/Alpha/Beta', 'Local Folders/Archive', 'Local Folders/Archive/Old']);
  // Mail of several accounts at once can only go to Local Folders together.
  assert.deepEqual(
    folderTargets(VIEW, new Set(['a1', 'b2']), null, english).map((target) => target.path),
    ['Local Folders/Archive', 'Local Folders/Archive/Old'],
  );
});

test('typing filters the paths by every word, ignoring case and accents', () => {
  const targets = folderTargets(VIEW, new Set(['a1']), null, english);
  assert.deepEqual(
    filterTargets(targets, 'ARCHIVO').map((target) => target.path),
    ['Archivó'],
  );
  assert.deepEqual(
    filterTargets(targets, 'proj bet').map((target) => target.path),
    ['Projects/Alpha/Beta'],
  );
  assert.deepEqual(
    filterTargets(targets, 'archive').map((target) => target.path),
    ['Local Folders/Archive', 'Local Folders/Archive/Old'],
  );
  assert.equal(filterTargets(targets, '  ').length, targets.length);
  assert.deepEqual(filterTargets(targets, 'nothing like it'), []);
});

test('the window words built-in folders by their role in paths, targets and the filter; stored paths stay as main finds them', () => {
  const arabic = createTranslator('ar').t;
  const view: FolderTreeView = {
    accounts: [
      { accountId: 'a1', accountName: 'Alice', folders: [folder(1, 'Inbox', { role: 'inbox' }), folder(7, 'Projects'), folder(8, 'Inbox', { parentId: 7 })] },
    ],
    localFolders: [folder(20, 'Archive', { accountId: null })],
  };
  const nested = view.accounts[0]?.folders.find((candidate) => candidate.id === 8);
  assert.ok(nested !== undefined);
  assert.equal(folderPath(view, nested, windowNaming(arabic)), 'Projects/Inbox', 'a user folder called Inbox keeps its name');
  assert.equal(folderPath(view, folder(20, 'Archive', { accountId: null }), windowNaming(arabic)), 'المجلدات المحلية/Archive');
  const targets = folderTargets(view, new Set(['a1']), null, arabic);
  assert.deepEqual(
    targets.map((target) => [target.path, target.label]),
    [
      ['Inbox', 'البريد الوارد'],
      ['Projects', 'Projects'],
      ['Projects/Inbox', 'Projects/Inbox'],
      ['Local Folders/Archive', 'المجلدات المحلية/Archive'],
    ],
  );
  assert.deepEqual(
    filterTargets(targets, 'الوارد').map((target) => target.path),
    ['Inbox'],
  );
  assert.deepEqual(
    filterTargets(targets, 'inbox').map((target) => target.path),
    ['Projects/Inbox'],
    'the filter reads what the window shows',
  );
});
