/**
 * `mailbag folder list|create|rename|delete`, `move`, `flag` and `delete`, run in process on a profile
 * with two accounts whose messages were stored through the message store.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homeAndWorkProfile, runMailbag } from '../../support/cli';

let profile: string;
let ids: Record<string, number> = {};

before(async () => {
  profile = mkdtempSync(path.join(os.tmpdir(), 'mailbag-folder-cli-'));
  ids = await homeAndWorkProfile(profile, [
    ['plan', 'home', 'Garden plan'],
    ['bill', 'home', 'Water bill'],
    ['note', 'home', 'Note to self'],
    ['memo', 'work', 'Quarterly memo'],
  ]);
});

after(() => rmSync(profile, { recursive: true, force: true }));

const run = (...args: string[]) => runMailbag(['--profile', profile, ...args]);
const id = (key: string): string => String(ids[key]);

interface JsonFolder {
  id: number;
  accountId: string | null;
  parentId: number | null;
  name: string;
  unread: number;
  total: number;
}

async function tree(): Promise<{ accounts: Array<{ accountId: string; folders: JsonFolder[] }>; localFolders: JsonFolder[] }> {
  const { code, out } = await run('--json', 'folder', 'list');
  assert.equal(code, 0);
  return JSON.parse(out) as Awaited<ReturnType<typeof tree>>;
}

async function folderOfMessage(key: string): Promise<string> {
  const { code, out } = await run('--json', 'show', id(key));
  assert.equal(code, 0, out);
  const shown = JSON.parse(out) as { folderId: number };
  const all = await tree();
  const folders = [...all.accounts.flatMap((account) => account.folders), ...all.localFolders];
  return folders.find((folder) => folder.id === shown.folderId)?.name ?? '?';
}

test('folder create, list, rename and delete, in an account, nested and in Local Folders', async () => {
  assert.equal((await run('folder', 'create', 'Projects')).code, 2, 'two accounts: say which');
  assert.equal((await run('folder', 'create', 'Projects', '--account', 'Home')).code, 0);
  assert.equal((await run('folder', 'create', 'Alpha', '--parent', 'Projects')).code, 0);
  assert.equal((await run('folder', 'create', 'Projects', '--account', 'Work')).code, 0);
  assert.equal((await run('folder', 'create', 'Archive', '--local')).code, 0);
  const duplicate = await run('folder', 'create', 'projects', '--account', 'home');
  assert.equal(duplicate.code, 2);
  assert.match(duplicate.err, /VALIDATION: There is already a folder called projects/);
  const listed = await run('folder', 'list');
  assert.equal(listed.code, 0);
  assert.match(listed.out, /^ID\s+ACCOUNT\s+FOLDER\s+UNREAD\s+TOTAL$/m);
  assert.match(listed.out, /\bHome\s+Inbox\s+3\s+3$/m);
  assert.match(listed.out, /\bHome\s+Projects\/Alpha\s+0\s+0$/m);
  assert.match(listed.out, /\bLocal Folders\s+Archive\s+0\s+0$/m);
  const ambiguous = await run('folder', 'rename', 'Projects', 'Plans');
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.err, /in Home, Work: name the account with --account/);
  assert.equal((await run('folder', 'rename', 'Projects', 'Plans', '--account', 'Work')).code, 0);
  assert.equal((await run('folder', 'rename', 'Inbox', 'Mine', '--account', 'Work')).code, 2, 'built-in folders keep their names');
  assert.equal((await run('folder', 'rename', 'Nowhere', 'X')).code, 1);
  const all = await tree();
  assert.deepEqual(
    all.accounts.find((account) => account.accountId === 'work')?.folders.map((folder) => folder.name),
    ['Inbox', 'Drafts', 'Outbox', 'Sent', 'Trash', 'Junk', 'Plans'],
  );
  assert.deepEqual(
    all.localFolders.map((folder) => folder.name),
    ['Archive'],
  );
  assert.equal((await run('folder', 'delete', 'Plans', '--account', 'Work', '--yes')).code, 0);
  assert.equal((await run('folder', 'delete', 'Trash', '--account', 'Work', '--yes')).code, 2);
});

test('move, flag and delete by id; deleting a folder asks first, naming the count, then moves its mail to Trash', async () => {
  const moved = await run('move', id('plan'), id('bill'), '--to', 'Projects/Alpha');
  assert.equal(moved.code, 0, moved.err);
  assert.match(moved.out, /Moved 2 messages to Projects\/Alpha\./);
  assert.equal(await folderOfMessage('plan'), 'Alpha');
  assert.equal((await run('move', id('note'), '--to', 'Local Folders/Archive')).code, 0);
  assert.equal(await folderOfMessage('note'), 'Archive');
  assert.equal((await run('move', id('memo'), '--to', 'Projects/Alpha')).code, 1, 'not in the Work account');
  assert.equal((await run('move', '999999', '--to', 'Inbox')).code, 1);
  assert.equal((await run('move', id('memo'))).code, 2);

  assert.equal((await run('flag', id('plan'), '--read', '--flagged')).code, 0);
  const flagged = JSON.parse((await run('--json', 'show', id('plan'))).out) as { seen: boolean; flagged: boolean };
  assert.deepEqual([flagged.seen, flagged.flagged], [true, true]);
  assert.equal((await run('flag', id('plan'), '--unread', '--unflagged')).code, 0);
  const cleared = JSON.parse((await run('--json', 'show', id('plan'))).out) as { seen: boolean; flagged: boolean };
  assert.deepEqual([cleared.seen, cleared.flagged], [false, false]);
  assert.equal((await run('flag', id('plan'))).code, 2);
  assert.equal((await run('flag', id('plan'), '--read', '--unread')).code, 2);
  assert.equal((await run('flag', 'x')).code, 2);

  const asked = await run('folder', 'delete', 'Projects', '--account', 'Home');
  assert.equal(asked.code, 2);
  assert.match(asked.err, /Deleting “Projects” moves 2 messages to Trash \(with 1 sub-folder\)\. Run again with --yes/);
  assert.equal(await folderOfMessage('plan'), 'Alpha', 'nothing happened without --yes');
  const deleted = await run('--json', 'folder', 'delete', 'Projects', '--account', 'Home', '--yes');
  assert.equal(deleted.code, 0);
  assert.equal((JSON.parse(deleted.out) as { movedToTrash: number }).movedToTrash, 2);
  assert.equal(await folderOfMessage('plan'), 'Trash');

  const trashed = await run('delete', id('memo'), id('plan'));
  assert.equal(trashed.code, 0);
  assert.match(trashed.out, /Moved 1 message to Trash\.\nAlready in Trash: \d+/);
  assert.equal(await folderOfMessage('memo'), 'Trash');
  const unconfirmed = await run('delete', id('memo'), '--permanently');
  assert.equal(unconfirmed.code, 2);
  assert.match(unconfirmed.err, /deletes 1 message for good/);
  assert.equal((await run('delete', id('memo'), '--yes')).code, 2);
  const copied = await run('--json', 'move', id('note'), '--to', 'Inbox', '--account', 'Home', '--copy');
  assert.equal(copied.code, 0, copied.err);
  const [copy] = (JSON.parse(copied.out) as { copies: number[] }).copies;
  const gone = await run('--json', 'delete', id('memo'), id('note'), '--permanently', '--yes');
  assert.equal(gone.code, 0);
  assert.deepEqual(JSON.parse(gone.out), { deleted: 2 });
  assert.equal((await run('show', id('memo'))).code, 1);
  assert.equal((await run('show', id('plan'))).code, 0, 'others stay');
  const raw = await run('show', String(copy));
  assert.equal(raw.code, 0, 'the copy outlives its original');
  assert.match(raw.out, /Note to self/);
  ids.copy = copy ?? 0;
  assert.equal(await folderOfMessage('copy'), 'Inbox');
});
