import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import type { Pop3ConnectOptions } from '../../../../electron/protocols/pop3';
import { FakePop3Server, type FakePop3ServerOptions } from '../../../fakes/pop3-server';
import { answerWith, dropMidRetr, hugeLine, neverAnswer, stallAfterOk, unsolicitedAfter } from '../../../fakes/pop3/faults';
import { connectTo, MemorySink, rejectsWithCode, sampleMessage } from './helpers';

const servers: FakePop3Server[] = [];
const BODY = sampleMessage('Fault', ['some', 'lines', 'here']);

async function signedIn(options: FakePop3ServerOptions = {}, connect: Partial<Pop3ConnectOptions> = {}) {
  const server = await FakePop3Server.start({
    users: { alice: 'secret' },
    messages: [
      { uid: 'a', body: BODY },
      { uid: 'b', body: BODY },
    ],
    ...options,
  });
  servers.push(server);
  const connected = await connectTo(server, connect);
  await connected.session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] });
  return { server, ...connected };
}
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function closedBy(server: FakePop3Server): Promise<void> {
  const connection = server.connections.at(-1);
  return new Promise((resolve) => {
    const check = (): void => {
      if (connection?.state === 'closed') resolve();
      else setTimeout(check, 5);
    };
    check();
  });
}

test('a connection dropped mid-RETR fails the call, destroys the sink and ends the session', async () => {
  const { server, session } = await signedIn();
  dropMidRetr(server);
  const sink = new MemorySink();
  await rejectsWithCode(session.retr(1, sink), 'NETWORK');
  assert.equal(sink.destroyed, true);
  assert.equal(sink.writableFinished, false);
  assert.equal(session.state, 'closed');
  await rejectsWithCode(session.stat(), 'NETWORK');
});

test('a server that stalls mid-message times out on the idle-data timeout', async () => {
  const { server, session } = await signedIn({}, { timeouts: { dataIdle: 150 } });
  stallAfterOk(server, 'RETR');
  const started = Date.now();
  await rejectsWithCode(session.retr(1, new MemorySink()), 'TIMEOUT');
  assert.ok(Date.now() - started < 1_500);
  await closedBy(server);
});

test('a command that gets no answer times out on the command timeout', async () => {
  const { server, session } = await signedIn({}, { timeouts: { command: 150 } });
  neverAnswer(server, 'STAT');
  await rejectsWithCode(session.stat(), 'TIMEOUT');
});

test('a 10 MB status line is refused without buffering it', async () => {
  const { server, session } = await signedIn();
  hugeLine(server, 'STAT');
  await rejectsWithCode(session.stat(), 'PROTOCOL_ERROR');
  assert.equal(session.state, 'closed');
});

test('a 10 MB line inside a listing is refused too', async () => {
  const { server, session } = await signedIn();
  server.handle('UIDL', (connection) => {
    connection.send('+OK');
    connection.sendRaw(`1 ${'x'.repeat(10 * 1024 * 1024)}\r\n.\r\n`);
  });
  await rejectsWithCode(session.uidl(), 'PROTOCOL_ERROR');
});

test('a 10 MB line inside a message body is streamed, not refused', async () => {
  const longLine = `${'y'.repeat(10 * 1024 * 1024)}\r\n`;
  const body = `Subject: long\r\n\r\n${longLine}`;
  const { session } = await signedIn({ messages: [{ uid: 'long', body }] });
  const sink = new MemorySink();
  await session.retr(1, sink);
  assert.equal(sink.data().toString(), body);
  session.close();
});

test('unsolicited data ends the session before any further command is sent', async () => {
  const { server, session } = await signedIn();
  unsolicitedAfter(server, 'NOOP');
  await session.noop();
  // Wait for the unasked line to arrive (not a fixed sleep: a loaded machine may take longer).
  while (session.state !== 'closed') await new Promise((resolve) => setTimeout(resolve, 10));
  await rejectsWithCode(session.dele(1), 'PROTOCOL_ERROR');
  assert.ok(!server.connections[0]?.received.includes('DELE 1'));
});

test('an extra response in the same segment is a protocol error too', async () => {
  const { server, session } = await signedIn();
  server.handle('NOOP', (connection) => connection.sendRaw('+OK\r\n+OK extra\r\n'));
  await session.noop().catch(() => undefined);
  await rejectsWithCode(session.dele(1), 'PROTOCOL_ERROR');
  assert.ok(!server.connections[0]?.received.includes('DELE 1'));
});

test('an answer that is neither +OK nor -ERR is a protocol error', async () => {
  const { server, session } = await signedIn();
  answerWith(server, 'STAT', 'HELLO THERE');
  const error = await rejectsWithCode(session.stat(), 'PROTOCOL_ERROR');
  assert.equal((error as { response: string }).response, 'HELLO THERE');
});

test('cancelling mid-RETR ends the session promptly and releases the socket', async () => {
  const controller = new AbortController();
  const { server, session } = await signedIn({}, { signal: controller.signal, timeouts: { dataIdle: 10_000 } });
  stallAfterOk(server, 'RETR');
  const sink = new MemorySink();
  const started = Date.now();
  setTimeout(() => controller.abort(), 50);
  await rejectsWithCode(session.retr(1, sink), 'CANCELLED');
  assert.ok(Date.now() - started < 3_000);
  assert.equal(sink.destroyed, true);
  await closedBy(server);
  await rejectsWithCode(session.stat(), 'CANCELLED');
});

test('a slow sink applies backpressure: a large message never piles up in memory', async () => {
  const size = 100 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  for (let index = 1023; index < chunk.length; index += 1024) {
    chunk[index - 1] = 0x0d;
    chunk[index] = 0x0a;
  }
  const { session } = await signedIn(
    {
      messages: [
        {
          uid: 'big',
          size,
          async *generate() {
            for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
          },
        },
      ],
    },
    { limits: { receiveHighWaterBytes: 256 * 1024 } },
  );
  let received = 0;
  let maxQueued = 0;
  const baseline = process.memoryUsage().arrayBuffers;
  let peakGrowth = 0;
  // Counts and forgets: a slow disk that keeps nothing in memory.
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(data: Buffer, _encoding, callback) {
      received += data.length;
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().arrayBuffers - baseline);
      setTimeout(callback, 1);
    },
  });
  const write = sink.write.bind(sink);
  sink.write = ((data: Buffer) => {
    const result = write(data);
    maxQueued = Math.max(maxQueued, sink.writableLength);
    return result;
  }) as typeof sink.write;
  const bytes = await session.retr(1, sink);
  assert.equal(bytes, size);
  assert.equal(received, size);
  assert.ok(maxQueued < 2 * 256 * 1024 + 64 * 1024 * 2, `sink queue reached ${maxQueued} bytes`);
  // Buffers freed but not yet collected count too, so the bound is loose; a buffered message would be 100 MB.
  assert.ok(peakGrowth < 64 * 1024 * 1024, `buffer memory grew by ${peakGrowth} bytes`);
  session.close();
});

test('the transcript shows every line but never a message body', async () => {
  const { session, transcript } = await signedIn();
  await session.retr(1, new MemorySink());
  await session.quit();
  const text = transcript.map((entry) => `${entry.direction} ${entry.text}`).join('\n');
  assert.ok(!text.includes('Subject: Fault'));
  assert.ok(text.includes(`<message body: ${Buffer.byteLength(BODY)} bytes>`));
  assert.ok(text.includes('client RETR 1'));
  assert.ok(text.includes('client PASS <redacted>'));
  assert.ok(!text.includes('secret'));
});

test('close() while a command waits rejects it at once and drops the connection', async () => {
  const { server, session } = await signedIn({}, { timeouts: { command: 10_000 } });
  neverAnswer(server, 'STAT');
  const pending = session.stat();
  setTimeout(() => session.close(), 30);
  const started = Date.now();
  await rejectsWithCode(pending, 'NETWORK');
  assert.ok(Date.now() - started < 3_000);
  await closedBy(server);
  assert.equal(server.messages.length, 2);
});
