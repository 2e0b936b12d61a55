/**
 * `mailbag import`'s command line: usage mistakes exit 2, an unknown source or account exits 1 with
 * NOT_FOUND, and the default folder is named after the source.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderNameFor } from '../../../electron/cli/commands/import';
import { fillProfile, runMailbag } from '../../support/cli';

const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-import-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
const mbox = path.join(root, 'Old mail.mbox');
writeFileSync(mbox, 'From a@example.com Wed Nov  4 09:00:00 2026\nFrom: a@example.com\nSubject: hello\n\nbody\n');

describe('mailbag import on the command line', () => {
  test('the default folder is named after the file or folder', () => {
    assert.equal(folderNameFor('/home/ann/mail/Old mail.mbox'), 'Old mail');
    assert.equal(folderNameFor('/home/ann/Maildir/'), 'Maildir');
    assert.equal(folderNameFor('C:\\mail\\export.eml'), 'export');
  });

  test('usage mistakes exit 2 with the usage', async () => {
    const profile = path.join(root, 'usage');
    for (const args of [
      ['import'],
      ['import', 'pst', mbox],
      ['import', 'mbox'],
      ['import', 'eml', mbox, '--dialect', 'mboxrd'],
      ['import', 'mbox', mbox, '--dialect', 'babyl'],
    ]) {
      const result = await runMailbag(['--profile', profile, ...args]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.err, /Usage: mailbag import mbox\|eml\|maildir PATH/);
    }
  });

  test('thunderbird and eudora: usage mistakes exit 2, a folder that is not there exits 1 with NOT_FOUND', async () => {
    const profile = path.join(root, 'programs');
    for (const args of [
      ['import', 'thunderbird', '--bogus'],
      ['import', 'thunderbird', root, 'extra'],
      ['import', 'eudora'],
      ['import', 'eudora', root, '--mail'],
    ]) {
      const result = await runMailbag(['--profile', profile, ...args]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.err, /mailbag import eudora DIR/);
    }
    for (const program of ['thunderbird', 'eudora']) {
      const result = await runMailbag(['--profile', profile, 'import', program, path.join(root, 'not-there')]);
      assert.equal(result.code, 1, program);
      assert.match(result.err, /NOT_FOUND/);
    }
  });

  test('with no account, or several and none named, it says which account to use', async () => {
    const none = path.join(root, 'none');
    await fillProfile(none, [], async () => undefined);
    assert.match((await runMailbag(['--profile', none, 'import', 'mbox', mbox])).err, /no account to import into/);
    const two = path.join(root, 'two');
    await fillProfile(
      two,
      [
        ['a1', 'Ann', 'ann@example.com'],
        ['a2', 'Bob', 'bob@example.com'],
      ],
      async () => undefined,
    );
    const result = await runMailbag(['--profile', two, 'import', 'mbox', mbox]);
    assert.equal(result.code, 2);
    assert.match(result.err, /Name the account/);
    const named = await runMailbag(['--profile', two, 'import', 'mbox', mbox, '--account', 'bob@example.com']);
    assert.equal(named.code, 0, named.err);
    assert.match(named.out, /Imported 1 message into Old mail/);
    const list = await runMailbag(['--profile', two, 'list', '--folder', 'Old mail', '--account', 'Bob']);
    assert.match(list.out, /hello/);
  });

  test('a source or account that does not exist is NOT_FOUND', async () => {
    const profile = path.join(root, 'missing');
    await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async () => undefined);
    const source = await runMailbag(['--profile', profile, 'import', 'maildir', path.join(root, 'nowhere')]);
    assert.equal(source.code, 1);
    assert.match(source.err, /NOT_FOUND/);
    const account = await runMailbag(['--profile', profile, 'import', 'mbox', mbox, '--account', 'carol']);
    assert.equal(account.code, 1);
    assert.match(account.err, /NOT_FOUND/);
  });
});
