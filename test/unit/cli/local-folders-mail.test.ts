/**
 * Mail filed in Local Folders from the command line: `list --folder` and `search` find it by the folder's
 * path, and `account remove` neither counts nor deletes it.
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
  profile = mkdtempSync(path.join(os.tmpdir(), 'mailbag-local-mail-cli-'));
  ids = await homeAndWorkProfile(
    profile,
    [
      ['filed', 'home', 'Garden plan kept for years'],
      ['inbox', 'home', 'Garden party today'],
      ['work', 'work', 'Garden budget'],
    ],
    'Roses and tulips.',
  );
});

after(() => rmSync(profile, { recursive: true, force: true }));

const run = (...args: string[]) => runMailbag(['--profile', profile, ...args]);

async function listed(...args: string[]): Promise<number[]> {
  const { code, out, err } = await run('--json', ...args);
  assert.equal(code, 0, `${args.join(' ')}: ${out}${err}`);
  return (JSON.parse(out) as { messages: Array<{ id: number }> }).messages.map((message) => message.id);
}

test('list and search find mail in Local Folders by name and path, and removing its account keeps it', async () => {
  assert.equal((await run('folder', 'create', 'Archive', '--local')).code, 0);
  assert.equal((await run('folder', 'create', 'Garden', '--local', '--parent', 'Local Folders/Archive')).code, 0);
  assert.equal((await run('move', String(ids.filed), '--to', 'Local Folders/Archive/Garden')).code, 0);

  assert.deepEqual(await listed('list', '--folder', 'Local Folders/Archive/Garden'), [ids.filed]);
  assert.deepEqual(await listed('list', '--folder', 'local folders/archive/garden'), [ids.filed], 'case-insensitive');
  assert.deepEqual(await listed('list', '--folder', 'Garden'), [ids.filed]);
  assert.deepEqual(await listed('list', '--folder', 'Local Folders/Archive'), [], 'a folder is not its sub-folders');
  const narrowed = await run('list', '--folder', 'Garden', '--account', 'Work');
  assert.match(narrowed.err, /NOT_FOUND/, 'an account named keeps to its own folders, unless a Local Folders path is written');
  assert.deepEqual(await listed('list', '--folder', 'Local Folders/Archive/Garden', '--account', 'Work'), [ids.filed], 'a Local Folders path is always found');
  assert.deepEqual(await listed('search', 'garden', '--folder', 'Local Folders/Archive/Garden'), [ids.filed]);
  assert.deepEqual(await listed('search', 'in:"Local Folders/Archive/Garden" garden'), [ids.filed]);
  assert.deepEqual(await listed('search', 'in:garden roses'), [ids.filed]);
  assert.match((await run('list', '--folder', 'Local Folders/Nothing')).err, /NOT_FOUND/);

  const refused = await run('account', 'remove', 'Home');
  assert.notEqual(refused.code, 0);
  assert.match(`${refused.out}${refused.err}`, /1 message /, 'only the mail in the account’s own folders is counted');
  assert.equal((await run('account', 'remove', 'Home', '--yes')).code, 0);

  assert.deepEqual(await listed('list', '--folder', 'Local Folders/Archive/Garden'), [ids.filed]);
  assert.deepEqual(await listed('search', 'in:"Local Folders/Archive/Garden"'), [ids.filed]);
  assert.deepEqual(
    await listed('search', 'garden'),
    [ids.work, ids.filed].sort((a = 0, b = 0) => b - a),
  );
  const shown = await run('show', String(ids.filed));
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /Garden plan kept for years/);
  assert.match(shown.out, /Roses and tulips\./, 'its bytes are still here');
  const removed = await run('show', String(ids.inbox));
  assert.notEqual(removed.code, 0, 'the account’s own mail went with it');

  // Its account's Trash went with the account: such mail is never dropped by a plain delete.
  const plainDelete = await run('delete', String(ids.filed));
  assert.match(plainDelete.err, /VALIDATION.*--permanently/);
  assert.deepEqual(await listed('list', '--folder', 'Local Folders/Archive/Garden'), [ids.filed]);
  assert.equal((await run('delete', String(ids.filed), '--permanently', '--yes')).code, 0);
  assert.deepEqual(await listed('list', '--folder', 'Local Folders/Archive/Garden'), []);
});
