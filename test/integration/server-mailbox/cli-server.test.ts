/**
 * `mailbag server list|fetch|delete|keep|transcript` against a real Dovecot: the same operations as the
 * panel, for scripts. Deleting asks for --yes after naming the messages and whether a copy is here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { defaultPolicy } from '../../../shared/accounts';
import type { ServerMailboxActionResult, ServerMailboxListing } from '../../../shared/server-mailbox';
import { UsageError } from '../../../electron/cli/command';
import { serverCommand } from '../../../electron/cli/commands/server';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import type { GeneratedMessage } from '../../servers/maildir';
import { aliceOnDovecot } from '../../servers/test-accounts';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { runCommand } from '../../support/cli';

const TEST_TIMEOUT_MS = 90_000;

describe('mailbag server on Dovecot', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  let scratch: string;
  let messages: GeneratedMessage[];
  const keychain = memoryKeychain();
  const open = (): Promise<Core> => createCore({ profileDir: path.join(scratch, 'profile'), logger: silentLogger, keychain });

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-server-'));
    server = await startDovecot();
    messages = await server.generateMessages({ count: 3, seed: 21, sizes: [{ weight: 1, minBytes: 1_000, maxBytes: 4_000 }] });
    const core = await open();
    try {
      await core.accounts.save({ settings: aliceOnDovecot(server, { policy: defaultPolicy(true) }), pop3Password: server.password });
    } finally {
      await core.close();
    }
  });
  after(async () => {
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const run = (args: string[], json = false) => runCommand(serverCommand, args, { profileDir: path.join(scratch, 'profile'), openCore: open, json });

  const [first, second, third] = [0, 1, 2];

  test('list prints every message with its state and the totals', async () => {
    const text = await run(['list', 'Alice']);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /3 messages on the server/);
    for (const message of messages) assert.match(text.out, new RegExp(`${message.baseName}.*Not yet downloaded`));
    const json = await run(['list', 'Alice', '--sort', 'size'], true);
    const listing = JSON.parse(json.out) as ServerMailboxListing;
    assert.equal(
      listing.totals.bytes,
      messages.reduce((sum, message) => sum + message.pop3Size, 0),
    );
    assert.deepEqual(
      listing.messages.map((message) => message.size),
      [...messages].map((message) => message.pop3Size).sort((left, right) => right - left),
    );
  });

  test('fetch downloads a message, delete asks for --yes and then deletes only what it names', async () => {
    const target = messages[first];
    const other = messages[second];
    assert.ok(target !== undefined && other !== undefined);
    const fetched = await run(['fetch', 'Alice', target.baseName], true);
    assert.equal(fetched.code, 0, fetched.err);
    assert.equal((JSON.parse(fetched.out) as ServerMailboxActionResult).downloaded, 1);

    const asked = await run(['delete', 'Alice', target.baseName, other.baseName]);
    assert.equal(asked.code, 2);
    assert.match(asked.err, /Delete 2 messages from the server\?/);
    assert.match(asked.err, new RegExp(`${target.baseName}.*a copy is stored here`));
    assert.match(asked.err, new RegExp(`${other.baseName}.*NO copy is stored here`));
    assert.equal((await server.listMessages()).length, 3, 'nothing deleted without --yes');

    const deleted = await run(['delete', 'Alice', other.baseName, '--yes']);
    assert.equal(deleted.code, 0, deleted.err);
    assert.match(deleted.out, /Deleted from the server: 1 message/);
    assert.deepEqual((await server.listMessages()).map((entry) => entry.baseName).sort(), [messages[first]?.baseName, messages[third]?.baseName].sort());
  });

  test('keep marks a message as kept forever; transcript shows the session without the password', async () => {
    const kept = messages[third];
    assert.ok(kept !== undefined);
    const keep = await run(['keep', 'Alice', kept.baseName], true);
    assert.equal(keep.code, 0, keep.err);
    const listing = (JSON.parse(keep.out) as ServerMailboxActionResult).listing;
    assert.equal(listing.messages.find((message) => message.uidl === kept.baseName)?.keptForever, true);
    const transcript = await run(['transcript', 'Alice']);
    assert.equal(transcript.code, 0, transcript.err);
    assert.match(transcript.out, /C: UIDL/);
    assert.ok(!transcript.out.includes(server.password));
    await assert.rejects(run(['delete', 'Alice']), UsageError, 'no ID is a usage mistake (exit 2 with the usage)');
  });
});
