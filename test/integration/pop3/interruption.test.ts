/**
 * A retrieval from a real Dovecot that is cancelled, or whose server goes away, in the middle of a
 * message: the session ends promptly, only complete messages exist as files, nothing is deleted,
 * and the mailbox opens again at once.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Pop3Error } from '../../../electron/protocols/pop3';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { readExpectedMessage, TEST_MAIL_SIZES, type GeneratedMessage } from '../../servers/maildir';
import { assertSameBytes, DurableFileSink, openMailbox, SERVER_TEST_TIMEOUT_MS } from './support';

const MESSAGE_COUNT = 40;
/** The message during whose download the interruption happens: a large one, so it lands inside it. */
const INTERRUPTED_MESSAGE = 12;
const INTERRUPTED_SIZE = 1_500_000;
/**
 * When the server dies, what it already sent still arrives (the kernel keeps it in socket buffers,
 * several MB on loopback), so the message it dies in must be far larger than those buffers.
 */
const HUGE_SIZE = 24_000_000;
/** How soon a cancelled session must have given up. */
const CANCEL_BOUND_MS = 2_000;

/** What each generated message must arrive as, read before any server goes away. */
let expected = new Map<string, Buffer>();

/**
 * A durable file sink that calls `onFirstChunk` when the first bytes of its message arrive, and takes
 * no more bytes until what it returns has settled (so the engine cannot read ahead meanwhile).
 */
class TrippingSink extends DurableFileSink {
  private tripped = false;
  constructor(
    filePath: string,
    private readonly onFirstChunk: () => Promise<void> | void,
  ) {
    super(filePath);
  }
  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    if (this.tripped) {
      super._writev(chunks, callback);
      return;
    }
    this.tripped = true;
    Promise.resolve(this.onFirstChunk()).then(() => super._writev(chunks, callback), callback);
  }
}

/** Checks the store: every finished file is exactly its message, and the interrupted one never finished. */
async function assertOnlyCompleteMessages(directory: string, messages: readonly GeneratedMessage[]): Promise<number> {
  const names = await readdir(directory);
  const complete = names.filter((name) => !name.endsWith('.part'));
  for (const name of complete) {
    const index = messages.findIndex((message) => message.baseName === name);
    assert.ok(index >= 0, `unexpected file ${name}`);
    assert.ok(index + 1 < INTERRUPTED_MESSAGE, `message ${index + 1} was stored although it came after the interruption`);
    assertSameBytes(await readFile(path.join(directory, name)), expected.get(name) ?? Buffer.alloc(0), name);
  }
  return complete.length;
}

describe('an interrupted retrieval from Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  const servers: DovecotServer[] = [];
  let workDirectory: string;
  let store: string;
  before(async () => {
    workDirectory = await mkdtemp(path.join(os.tmpdir(), 'mailbag-interrupt-'));
  });
  beforeEach(async (context) => {
    store = path.join(workDirectory, context.name.replace(/\W+/g, '-'));
    await rm(store, { recursive: true, force: true });
    await mkdir(store);
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(workDirectory, { recursive: true, force: true });
  });

  async function serverWithMail(largeSize = INTERRUPTED_SIZE): Promise<{ server: DovecotServer; messages: GeneratedMessage[] }> {
    const server = await startDovecot();
    servers.push(server);
    const before = await server.generateMessages({ count: INTERRUPTED_MESSAGE - 1, seed: 61, sizes: TEST_MAIL_SIZES });
    const large = await server.generateMessages({
      count: 1,
      seed: 62,
      sizes: [{ weight: 1, minBytes: largeSize, maxBytes: largeSize }],
    });
    const rest = await server.generateMessages({ count: MESSAGE_COUNT - INTERRUPTED_MESSAGE, seed: 63, sizes: TEST_MAIL_SIZES });
    const messages = [...before, ...large, ...rest];
    expected = new Map(await Promise.all(messages.map(async (message) => [message.baseName, await readExpectedMessage(message.path)] as const)));
    return { server, messages };
  }

  for (const security of ['none', 'tls'] as const) {
    test(`cancelling mid-message over ${security} ends the session promptly and leaves the mailbox as it was`, async () => {
      const { server, messages } = await serverWithMail();
      const controller = new AbortController();
      const session = await openMailbox(server, security, { signal: controller.signal });
      let cancelledAt = 0;
      const items = messages.map((message, index) => ({ number: index + 1, uid: message.baseName }));
      const retrieval = session.retrieveMany(items, (item): Writable => {
        const file = path.join(store, item.uid);
        if (item.number !== INTERRUPTED_MESSAGE) return new DurableFileSink(file);
        return new TrippingSink(file, () => {
          cancelledAt = Date.now();
          controller.abort();
        });
      });
      await assert.rejects(retrieval, (error: unknown) => {
        assert.ok(error instanceof Pop3Error, String(error));
        assert.equal(error.code, 'CANCELLED');
        return true;
      });
      assert.ok(Date.now() - cancelledAt < CANCEL_BOUND_MS, 'the session took too long to give up');
      assert.equal(session.state, 'closed');
      await assertOnlyCompleteMessages(store, messages);

      // The lock is released: a new session opens at once and sees every message.
      const next = await openMailbox(server, security);
      try {
        assert.equal((await next.stat()).count, MESSAGE_COUNT);
      } finally {
        await next.quit();
      }
    });
  }

  test('the server dying mid-message is a network error, after which only complete messages exist', async () => {
    const { server, messages } = await serverWithMail(HUGE_SIZE);
    const session = await openMailbox(server, 'none');
    const deleted = [1, 2];
    await session.deleteMany(deleted);
    let killing: Promise<void> | undefined;
    const items = messages.map((message, index) => ({ number: index + 1, uid: message.baseName })).filter((item) => !deleted.includes(item.number));
    const retrieval = session.retrieveMany(items, (item): Writable => {
      const file = path.join(store, item.uid);
      if (item.number !== INTERRUPTED_MESSAGE) return new DurableFileSink(file);
      return new TrippingSink(file, () => {
        killing = server.kill();
        return killing;
      });
    });
    await assert.rejects(retrieval, (error: unknown) => {
      assert.ok(error instanceof Pop3Error, String(error));
      assert.ok(['NETWORK', 'PROTOCOL_ERROR'].includes(error.code), `${error.code}: ${error.message}`);
      assert.equal(error.retryable, true);
      return true;
    });
    await killing;
    assert.equal(session.state, 'closed');
    const stored = await assertOnlyCompleteMessages(store, messages);
    assert.equal(stored, INTERRUPTED_MESSAGE - 1 - deleted.length);
    // No QUIT was answered, so the DELE marks were never committed (RFC 1939 §6).
    assert.equal((await server.listMessages()).length, MESSAGE_COUNT);
  });
});
