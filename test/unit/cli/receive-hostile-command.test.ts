/**
 * `mailbag receive` against a server that answers DELE twice and sends escape sequences: the run fails
 * with PROTOCOL_ERROR (exit 1), says nothing was deleted, and prints the server's words safely.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createReceiveCommand } from '../../../electron/cli/commands/receive';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { doubleAnswer, rewriteListing } from '../../fakes/pop3/faults';
import { loopbackAccount, runCommand } from '../../support/cli';
import { testMessage } from '../jobs/receive/support';

const USER = 'ann';
const PASSWORD = 'pop-secret';

let scratch: string;
before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-hostile-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

async function receiveWith(server: FakePop3Server): Promise<{ code: number; out: string; err: string }> {
  const profile = mkdtempSync(path.join(scratch, 'profile-'));
  const keychain = memoryKeychain();
  const openCore = () => createCore({ profileDir: profile, logger: silentLogger, keychain });
  const core = await openCore();
  try {
    await core.accounts.save({ settings: loopbackAccount({ name: 'Home', address: 'home@example.com', user: USER, pop3: server }), pop3Password: PASSWORD });
  } finally {
    await core.close();
  }
  return runCommand(
    createReceiveCommand(() => () => undefined),
    [],
    { profileDir: profile, openCore },
  );
}

test('DELE answered twice: exit 1 with PROTOCOL_ERROR, no deletion reported, the server keeps every message', async () => {
  // Lock-step, so the extra answer is seen before QUIT is ever sent (pipelined, QUIT may already be on its way).
  const server = await FakePop3Server.start({
    users: { [USER]: PASSWORD },
    pipelining: false,
    messages: [1, 2, 3].map((index) => ({ uid: `uid-${index}`, body: testMessage(index) })),
  });
  try {
    doubleAnswer(server, 'DELE', '1');
    const result = await receiveWith(server);
    assert.equal(result.code, 1, result.out + result.err);
    assert.match(result.err, /PROTOCOL_ERROR/);
    assert.doesNotMatch(result.out, /deleted on the server/);
    assert.equal(server.messages.length, 3);
  } finally {
    await server.close();
  }
});

test('a UIDL line with escape sequences: the rest arrives, the warning shows the line safely, exit 0', async () => {
  const server = await FakePop3Server.start({
    users: { [USER]: PASSWORD },
    messages: [1, 2, 3].map((index) => ({ uid: `uid-${index}`, body: testMessage(index) })),
  });
  try {
    rewriteListing(server, 'UIDL', (lines) => lines.map((line) => (line.startsWith('2 ') ? '2 evil\x1b]0;pwned\x07' : line)));
    const result = await receiveWith(server);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /^Home: 2 new, 1 skipped \(the server’s listing could not be understood\); deleted on the server: 2 after download$/m);
    assert.match(result.out, /message 2: PROTOCOL_ERROR: Message 2 was skipped: .*evil\\x1b\]0;pwned\\x07/);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(result.out + result.err, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.deepEqual(
      server.messages.map((message) => message.uid),
      ['uid-2'],
    );
  } finally {
    await server.close();
  }
});
