import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FolderTreeView, TreeFolderView } from '../../../../../shared/folder-ops';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { describeRuleActions } from '../../../../../shared/rules';
import {
  blankRule,
  draftOf,
  missingInForm,
  ruleFolderLabel,
  ruleFolderTargets,
  ruleInWindowWords,
  ruleInputOf,
} from '../../../../../renderer/views/settings/rule-form';

const english = createTranslator('en').t;

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
    ruleFolderTargets(view, 'b', english).map((target) => target.path),
    ['Inbox', 'Receipts', 'Local Folders/Archive'],
  );
  assert.deepEqual(
    ruleFolderTargets(view, null, english)
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

test('a rule keeps the stored path it names, while the editor and the list word a built-in folder by its role', () => {
  const view: FolderTreeView = {
    accounts: [
      {
        accountId: 'a',
        accountName: 'A',
        folders: [folder(1, 'a', 'Inbox', 'inbox'), folder(2, 'a', 'Trash', 'trash'), folder(3, 'a', 'Lists'), folder(4, 'a', 'Inbox', null, 3)],
      },
    ],
    localFolders: [folder(6, null, 'Archive')],
  };
  const german = createTranslator('de').t;
  const targets = ruleFolderTargets(view, 'a', german);
  assert.deepEqual(
    targets.map((target) => [target.path, target.label]),
    [
      ['Inbox', 'Posteingang'],
      ['Trash', 'Papierkorb'],
      ['Lists', 'Lists'],
      ['Lists/Inbox', 'Lists/Inbox'],
      ['Local Folders/Archive', 'Lokale Ordner/Archive'],
    ],
  );
  assert.equal(ruleFolderLabel(view, 'a', 'trash', german), 'Papierkorb', 'a role as `mailbag rules add --move trash` keeps it');
  assert.equal(ruleFolderLabel(view, 'a', 'TRASH', german), 'Papierkorb');
  assert.equal(ruleFolderLabel(view, 'a', 'Lists/Inbox', german), 'Lists/Inbox', 'a user folder called Inbox is no Inbox');
  assert.equal(ruleFolderLabel(view, 'a', 'Gone', german), 'Gone');
  assert.equal(ruleFolderLabel(null, 'a', 'Trash', german), 'Trash');
  const rule = {
    id: 1,
    name: 'Old',
    query: 'older:1y',
    accountId: 'a',
    actions: [{ kind: 'move' as const, folder: 'Trash' }],
    stop: false,
    position: 1,
    enabled: true,
  };
  const worded = ruleInWindowWords(rule, view, german);
  assert.match(describeRuleActions(worded, german), /Papierkorb/);
  assert.deepEqual(rule.actions, [{ kind: 'move', folder: 'Trash' }], 'the rule itself keeps the stored name');
});
