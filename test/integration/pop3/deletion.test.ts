/**
 * DELE against a real Dovecot: exactly the chosen maildir files disappear, and only once QUIT
 * commits them (RFC 1939 §6); RSET or a dropped connection deletes nothing.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, beforeEach, describe, test } from 'node:test';
import { Pop3Error } from '../../../electron/protocols/pop3';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { TEST_MAIL_SIZES, type GeneratedMessage } from '../../servers/maildir';
import { assertSameBytes, openMailbox, SERVER_TEST_TIMEOUT_MS } from './support';

const MESSAGE_COUNT = 40;

describe('deleting messages on Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  const servers: DovecotServer[] = [];
  let server: DovecotServer;
  let messages: GeneratedMessage[];
  let originals: Map<string, Buffer>;

  beforeEach(async () => {
    server = await startDovecot();
    servers.push(server);
    messages = await server.generateMessages({ count: MESSAGE_COUNT, seed: 41, sizes: TEST_MAIL_SIZES });
    originals = new Map(await Promise.all(messages.map(async (message) => [message.baseName, await readFile(message.path)] as const)));
  });
  after(() => Promise.all(servers.map((each) => each.stop())));

  async function remainingNames(): Promise<string[]> {
    return (await server.listMessages()).map((entry) => entry.baseName);
  }

  async function assertUntouched(names: readonly string[]): Promise<void> {
    const files = new Map((await server.listMessages()).map((entry) => [entry.baseName, entry.path]));
    for (const name of names) {
      const file = files.get(name);
      assert.ok(file !== undefined, `${name} is gone`);
      assertSameBytes(await readFile(file), originals.get(name) ?? Buffer.alloc(0), name);
    }
  }

  for (const mode of ['pipelined', 'lock-step'] as const) {
    test(`${mode} DELE of chosen messages removes exactly their files after QUIT`, async () => {
      const chosen = [1, 2, 7, 13, 20, 39, 40];
      const session = await openMailbox(server, 'tls', { forceLockStep: mode === 'lock-step' });
      try {
        const outcomes = await session.deleteMany(chosen);
        assert.deepEqual(
          outcomes.map((outcome) => [outcome.item, outcome.ok]),
          chosen.map((number) => [number, true]),
        );
        // Nothing is removed before QUIT.
        assert.equal((await remainingNames()).length, MESSAGE_COUNT);
        await session.quit();
      } finally {
        session.close();
      }
      const expected = messages.filter((_, index) => !chosen.includes(index + 1)).map((message) => message.baseName);
      assert.deepEqual(await remainingNames(), expected);
      await assertUntouched(expected);

      const again = await openMailbox(server, 'none');
      try {
        assert.deepEqual(
          (await again.uidl()).entries.map((entry) => entry.uid),
          expected,
        );
      } finally {
        await again.quit();
      }
    });
  }

  test('single DELE, then a DELE of the same message is refused and the session goes on', async () => {
    const session = await openMailbox(server, 'none');
    try {
      await session.dele(5);
      await assert.rejects(session.dele(5), (error: unknown) => {
        assert.ok(error instanceof Pop3Error, String(error));
        assert.match(error.response ?? '', /^-ERR/);
        return true;
      });
      assert.equal(session.state, 'transaction');
      assert.equal((await session.stat()).count, MESSAGE_COUNT - 1);
      await session.quit();
    } finally {
      session.close();
    }
    assert.deepEqual(
      await remainingNames(),
      messages.filter((_, index) => index !== 4).map((message) => message.baseName),
    );
  });

  test('RSET unmarks everything: QUIT after it deletes nothing', async () => {
    const session = await openMailbox(server, 'none');
    try {
      await session.deleteMany([3, 4, 5]);
      await session.rset();
      await session.quit();
    } finally {
      session.close();
    }
    assert.equal((await remainingNames()).length, MESSAGE_COUNT);
    await assertUntouched(messages.map((message) => message.baseName));
  });

  test('a connection dropped without QUIT deletes nothing', async () => {
    const session = await openMailbox(server, 'none');
    await session.deleteMany([1, 2, 3]);
    session.close();
    // A new session can only start once Dovecot has ended the old one and released its lock.
    const next = await openMailbox(server, 'none');
    try {
      assert.equal((await next.stat()).count, MESSAGE_COUNT);
    } finally {
      await next.quit();
    }
    assert.equal((await remainingNames()).length, MESSAGE_COUNT);
  });
});
