/**
 * Retrieving a generated mailbox from a real Dovecot, pipelined and lock-step, in plain text and over
 * TLS, compared byte for byte with the files in Dovecot's maildir (LF endings there, CRLF on the wire,
 * dot-stuffing undone).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Pop3Session } from '../../../electron/protocols/pop3';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { readExpectedMessage, TEST_MAIL_SIZES, type GeneratedMessage } from '../../servers/maildir';
import { assertSameBytes, DurableFileSink, MemorySink, openMailbox, SERVER_TEST_TIMEOUT_MS, type TestSecurity } from './support';

/** Enough messages for many pipeline windows, few enough to stay quick. */
const MESSAGE_COUNT = 300;
const SEED = 31;

type Mode = 'pipelined' | 'lock-step';

async function retrieveAllToMemory(session: Pop3Session, count: number): Promise<Map<number, MemorySink>> {
  const sinks = new Map<number, MemorySink>();
  const items = Array.from({ length: count }, (_, index) => ({ number: index + 1 }));
  const outcomes = await session.retrieveMany(items, (item) => {
    const sink = new MemorySink();
    sinks.set(item.number, sink);
    return sink;
  });
  assert.equal(outcomes.length, count);
  for (const outcome of outcomes) {
    assert.ok(outcome.ok, `message ${outcome.item.number} was refused: ${outcome.ok ? '' : outcome.error.message}`);
  }
  return sinks;
}

describe('retrieving a generated mailbox from Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  let messages: GeneratedMessage[];
  let expected: Buffer[];
  let originalFiles: Buffer[];
  let workDirectory: string;

  before(async () => {
    server = await startDovecot();
    messages = await server.generateMessages({ count: MESSAGE_COUNT, seed: SEED, sizes: TEST_MAIL_SIZES });
    originalFiles = await Promise.all(messages.map((message) => readFile(message.path)));
    expected = await Promise.all(messages.map((message) => readExpectedMessage(message.path)));
    workDirectory = await mkdtemp(path.join(os.tmpdir(), 'mailbag-retrieval-'));
  });
  after(async () => {
    await server.stop();
    await rm(workDirectory, { recursive: true, force: true });
  });

  test('the generated mailbox has the cases that matter: dot lines, 8-bit bytes, CRLF files, large messages', () => {
    const kinds = new Set(messages.map((message) => message.kind));
    for (const kind of ['dot-lines', 'eight-bit', 'crlf-file', 'attachment', 'alternative', 'plain'] as const) assert.ok(kinds.has(kind), kind);
    assert.ok(
      expected.some((bytes) => bytes.includes('\r\n.\r\n')),
      'a line that is a lone dot',
    );
    assert.ok(
      expected.some((bytes) => bytes.includes('\r\n..')),
      'a line starting with two dots',
    );
    assert.ok(
      messages.some((message) => message.pop3Size > 150_000),
      'a large message',
    );
  });

  test('UIDL gives each maildir file its base name, in maildir order', async () => {
    const session = await openMailbox(server, 'none');
    try {
      const listing = await session.uidl();
      assert.equal(listing.duplicates.size, 0);
      assert.deepEqual(
        listing.entries.map((entry) => [entry.number, entry.uid]),
        messages.map((message, index) => [index + 1, message.baseName]),
      );
      assert.deepEqual(
        (await session.uidlMany([1, MESSAGE_COUNT])).map((outcome) => (outcome.ok ? outcome.value.uid : outcome.error.message)),
        [messages[0]?.baseName, messages[MESSAGE_COUNT - 1]?.baseName],
      );
    } finally {
      await session.quit();
    }
  });

  test('LIST and STAT give the exact octets POP3 delivers for each file', async () => {
    const session = await openMailbox(server, 'none');
    try {
      const list = await session.list();
      assert.deepEqual(
        list.map((entry) => [entry.number, entry.size]),
        expected.map((bytes, index) => [index + 1, bytes.length]),
      );
      const total = expected.reduce((sum, bytes) => sum + bytes.length, 0);
      assert.deepEqual(await session.stat(), { count: MESSAGE_COUNT, size: total });
      assert.deepEqual(await session.listOne(2), { number: 2, size: expected[1]?.length });
    } finally {
      await session.quit();
    }
  });

  const runs: ReadonlyArray<[Mode, TestSecurity]> = [
    ['pipelined', 'none'],
    ['lock-step', 'none'],
    ['pipelined', 'tls'],
    ['lock-step', 'starttls'],
  ];
  for (const [mode, security] of runs) {
    test(`${mode} RETR of all ${MESSAGE_COUNT} messages over ${security} is byte for byte the maildir's content`, async () => {
      const session = await openMailbox(server, security, { forceLockStep: mode === 'lock-step' });
      let sinks: Map<number, MemorySink>;
      try {
        assert.equal(session.pipelining, mode === 'pipelined');
        sinks = await retrieveAllToMemory(session, MESSAGE_COUNT);
      } finally {
        await session.quit();
      }
      messages.forEach((message, index) => {
        const received = sinks.get(index + 1);
        assert.ok(received !== undefined, `message ${index + 1} never got a sink`);
        assertSameBytes(received.bytes(), expected[index] ?? Buffer.alloc(0), `message ${index + 1} (${message.kind}, ${message.baseName})`);
      });
    });
  }

  test('pipelined retrieval into fsynced files leaves exactly the expected bytes on disk', async () => {
    const session = await openMailbox(server, 'starttls');
    const directory = path.join(workDirectory, 'store');
    await rm(directory, { recursive: true, force: true });
    await mkdir(directory);
    try {
      const items = messages.map((message, index) => ({ number: index + 1, uid: message.baseName }));
      const outcomes = await session.retrieveMany(items, (item) => new DurableFileSink(path.join(directory, `${item.uid}.eml`)));
      assert.ok(outcomes.every((outcome) => outcome.ok));
      outcomes.forEach((outcome, index) => assert.equal(outcome.ok && outcome.value, expected[index]?.length));
    } finally {
      await session.quit();
    }
    assert.deepEqual((await readdir(directory)).sort(), messages.map((message) => `${message.baseName}.eml`).sort());
    for (const [index, message] of messages.entries()) {
      assertSameBytes(await readFile(path.join(directory, `${message.baseName}.eml`)), expected[index] ?? Buffer.alloc(0), message.baseName);
    }
  });

  test('single RETR and TOP n 0 (the header and the empty line after it)', async () => {
    const session = await openMailbox(server, 'tls');
    try {
      for (const number of [1, 2, 3, 4, 5, 6, MESSAGE_COUNT]) {
        const whole = new MemorySink();
        assert.equal(await session.retr(number, whole), expected[number - 1]?.length);
        assertSameBytes(whole.bytes(), expected[number - 1] ?? Buffer.alloc(0), `RETR ${number}`);
        const header = new MemorySink();
        await session.top(number, 0, header);
        const full = expected[number - 1] ?? Buffer.alloc(0);
        assertSameBytes(header.bytes(), full.subarray(0, full.indexOf('\r\n\r\n') + 4), `TOP ${number} 0`);
      }
    } finally {
      await session.quit();
    }
  });

  test('retrieving keeps every message on the server, unchanged', async () => {
    const files = await server.listMessages();
    assert.deepEqual(
      files.map((file) => file.path),
      messages.map((message) => message.path),
    );
    for (const [index, message] of messages.entries()) {
      assertSameBytes(await readFile(message.path), originalFiles[index] ?? Buffer.alloc(0), message.baseName);
    }
  });
});
