/** `mailbag receive` runs the message rules on the mail it fetched, before it ends. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createReceiveCommand } from '../../../electron/cli/commands/receive';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { createFolder, folderIdForRole } from '../../../electron/storage/folders';
import { addRule } from '../../../electron/storage/rules';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { loopbackAccount, runCommand } from '../../support/cli';

const USER = 'ann';
const PASSWORD = 'pop-secret';

let scratch: string;
before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-rules-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function message(subject: string, extra: readonly string[]): Buffer {
  return Buffer.from(
    [`From: shop@example.org`, 'To: ann@example.com', `Subject: ${subject}`, `Message-ID: <${subject.length}@x>`, ...extra, '', 'Hello.', ''].join('\r\n'),
  );
}

test('mail fetched by mailbag receive is filtered by the rules, and flagged junk goes to Junk', async () => {
  const server = await FakePop3Server.start({
    users: { [USER]: PASSWORD },
    messages: [
      { uid: 'u1', body: message('Your receipt', []) },
      { uid: 'u2', body: message('Dinner?', []) },
      { uid: 'u3', body: message('Winner', ['X-Spam-Flag: YES']) },
    ],
  });
  const profile = mkdtempSync(path.join(scratch, 'profile-'));
  const keychain = memoryKeychain();
  const openCore = () => createCore({ profileDir: profile, logger: silentLogger, keychain });
  try {
    let accountId = '';
    const setup = await openCore();
    try {
      const saved = await setup.accounts.save({
        settings: loopbackAccount({ name: 'Home', address: 'ann@example.com', user: USER, pop3: server }),
        pop3Password: PASSWORD,
      });
      accountId = saved.account.id;
      createFolder(setup.database, accountId, 'Receipts');
      addRule(setup.database, { name: 'Receipts', query: 'subject:receipt', actions: [{ kind: 'move', folder: 'Receipts' }], stop: false, accountId: null });
    } finally {
      await setup.close();
    }
    const result = await runCommand(
      createReceiveCommand(() => () => undefined),
      [],
      { profileDir: profile, openCore },
    );
    assert.equal(result.code, 0, result.out + result.err);
    const check = await openCore();
    try {
      const folderOf = (subject: string): number | undefined =>
        check.database.prepare<[string], number>('select folder_id from messages where subject = ?').pluck().get(subject);
      const named = check.database.prepare<[string], number>('select id from folders where name = ?').pluck().get('Receipts');
      assert.equal(folderOf('Your receipt'), named);
      assert.equal(folderOf('Dinner?'), folderIdForRole(check.database, accountId, 'inbox'));
      assert.equal(folderOf('Winner'), folderIdForRole(check.database, accountId, 'junk'));
      assert.equal(check.database.prepare('select count(*) from rules_pending').pluck().get(), 0);
    } finally {
      await check.close();
    }
  } finally {
    await server.close();
  }
});
