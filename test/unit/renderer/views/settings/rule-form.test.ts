import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FolderTreeView, TreeFolderView } from '../../../../../shared/folder-ops';
import { blankRule, draftOf, missingInForm, ruleFolderTargets, ruleInputOf } from '../../../../../renderer/views/settings/rule-form';

function folder(id: number, accountId: string | null, name: string, role: TreeFolderView['role'] = null, parentId: number | null = null): TreeFolderView {
  return { id, accountId, parentId, role, name, total: 0, unread: 0 };
}

test('the form becomes the rule the store checks, with a server delete only when confirmed', () => {
  const draft = { ...blankRule({ name: ' Lists ', query: 'header:list-id:x', accountId: 'a' }), actions: [{ key: 'move' as const, folder: '' }] };
  assert.equal(missingInForm(draft), 'rules.needFolder');
  const ready = {
    ...draft,
    actions: [
      { key: 'move' as const, folder: 'Lists' },
      { key: 'mark-read' as const, folder: '' },
    ],
    stop: true,
  };
  assert.equal(missingInForm(ready), null);
  assert.deepEqual(ruleInputOf(ready), {
    name: 'Lists',
    query: 'header:list-id:x',
    accountId: 'a',
    actions: [{ kind: 'move', folder: 'Lists' }, { kind: 'mark-read' }],
    stop: true,
  });
  const server = { ...ready, actions: [{ key: 'server:delete' as const, folder: '' }] };
  assert.equal(missingInForm(server), 'rules.needConfirm');
  const mixed = { ...server, confirmedServerDelete: true, actions: [...server.actions, { key: 'flag' as const, folder: '' }] };
  assert.equal(missingInForm(mixed), 'rules.serverAlone', 'a server rule cannot also act on downloaded mail, said before main refuses it');
  assert.deepEqual(ruleInputOf({ ...server, confirmedServerDelete: true }).actions, [{ kind: 'server', mode: 'delete' }]);
  const saved = draftOf({
    id: 4,
    name: 'Drop',
    query: 'larger:5M',
    accountId: null,
    actions: [{ kind: 'server', mode: 'delete' }],
    stop: false,
    position: 1,
    enabled: true,
  });
  assert.deepEqual([saved.id, saved.actions, saved.confirmedServerDelete], [4, [{ key: 'server:delete', folder: '' }], true]);
});

test('a rule of one account picks its folders and Local Folders; a rule of all accounts each shared path once', () => {
  const view: FolderTreeView = {
    accounts: [
      { accountId: 'a', accountName: 'A', folders: [folder(1, 'a', 'Inbox', 'inbox'), folder(2, 'a', 'Lists'), folder(3, 'a', 'Outbox', 'outbox')] },
      { accountId: 'b', accountName: 'B', folders: [folder(4, 'b', 'Inbox', 'inbox'), folder(5, 'b', 'Receipts')] },
    ],
    localFolders: [folder(6, null, 'Archive')],
  };
  assert.deepEqual(
    ruleFolderTargets(view, 'b').map((target) => target.path),
    ['Inbox', 'Receipts', 'Local Folders/Archive'],
  );
  assert.deepEqual(
    ruleFolderTargets(view, null)
      .map((target) => target.path)
      .sort(),
    ['Inbox', 'Lists', 'Local Folders/Archive', 'Receipts'],
  );
});

test('a forward needs its address and a reply its text; both keep their template when edited again', () => {
  const base = blankRule({ name: 'Away', query: 'to:me@example.com' });
  const forward = { ...base, actions: [{ key: 'forward' as const, folder: '', address: ' ', template: 'FYI' }] };
  assert.equal(missingInForm(forward), 'rules.needAddress');
  const reply = { ...base, actions: [{ key: 'reply' as const, folder: '', template: '  ' }] };
  assert.equal(missingInForm(reply), 'rules.needReplyText');
  const ready = {
    ...base,
    actions: [
      { key: 'forward' as const, folder: '', address: ' carol@example.org ', template: 'FYI, {sender} wrote' },
      { key: 'reply' as const, folder: '', template: 'Hello {sender}, I am away.' },
    ],
  };
  assert.equal(missingInForm(ready), null);
  const input = ruleInputOf(ready);
  assert.deepEqual(input.actions, [
    { kind: 'forward', to: 'carol@example.org', template: 'FYI, {sender} wrote' },
    { kind: 'reply', template: 'Hello {sender}, I am away.' },
  ]);
  const again = draftOf({ ...input, id: 2, accountId: null, position: 1, enabled: true });
  assert.deepEqual(again.actions, [
    { key: 'forward', folder: '', address: 'carol@example.org', template: 'FYI, {sender} wrote' },
    { key: 'reply', folder: '', template: 'Hello {sender}, I am away.' },
  ]);
});
