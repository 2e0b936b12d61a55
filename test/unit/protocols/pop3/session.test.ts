import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakePop3Server, type FakePop3ServerOptions } from '../../../fakes/pop3-server';
import { connectTo, MemorySink, rejectsWithCode, sampleMessage } from './helpers';

const servers: FakePop3Server[] = [];
const MESSAGES = [
  { uid: 'uid-1', body: sampleMessage('One', ['first body', '.starts with a dot', '..two dots', '.']) },
  { uid: 'uid-2', body: sampleMessage('Two', ['second', 'body', 'has', 'five', 'lines']) },
  { uid: 'uid-3', body: sampleMessage('Three', ['']) },
];
async function signedIn(options: FakePop3ServerOptions = {}) {
  const server = await FakePop3Server.start({ users: { alice: 'secret' }, messages: MESSAGES, ...options });
  servers.push(server);
  const connected = await connectTo(server);
  await connected.session.authenticate({ username: 'alice', password: 'secret' });
  return { server, ...connected };
}
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

test('STAT, LIST, LIST n, UIDL and UIDL n describe the maildrop', async () => {
  const { session } = await signedIn();
  // CAPA is asked again after signing in (RFC 2449 §5): EXPIRE and LOGIN-DELAY are announced only now.
  assert.equal(session.capabilities.expire, 'never');
  assert.equal(session.capabilities.loginDelaySeconds, 0);
  const sizes = MESSAGES.map((message) => Buffer.byteLength(message.body));
  assert.deepEqual(await session.stat(), { count: 3, size: sizes.reduce((a, b) => a + b) });
  assert.deepEqual(
    await session.list(),
    sizes.map((size, index) => ({ number: index + 1, size })),
  );
  assert.deepEqual(await session.listOne(2), { number: 2, size: sizes[1] });
  const listing = await session.uidl();
  assert.deepEqual(
    listing.entries.map((entry) => entry.uid),
    ['uid-1', 'uid-2', 'uid-3'],
  );
  assert.equal(listing.duplicates.size, 0);
  assert.deepEqual(await session.uidlOne(3), { number: 3, uid: 'uid-3' });
  session.close();
});

test('RETR streams the exact stored bytes, dot-unstuffed', async () => {
  const { session } = await signedIn();
  for (const [index, message] of MESSAGES.entries()) {
    const sink = new MemorySink();
    const bytes = await session.retr(index + 1, sink);
    assert.equal(sink.data().toString(), message.body);
    assert.equal(bytes, Buffer.byteLength(message.body));
    assert.equal(sink.writableFinished, true);
  }
  session.close();
});

test('TOP returns the header and the first lines of the body', async () => {
  const { session } = await signedIn();
  const sink = new MemorySink();
  await session.top(2, 2, sink);
  assert.equal(sink.data().toString(), sampleMessage('Two', ['second', 'body']));
  session.close();
});

test('a refused RETR rejects that call only; the session goes on', async () => {
  const { session } = await signedIn();
  const sink = new MemorySink();
  const error = await rejectsWithCode(session.retr(9, sink), 'SERVER_PERMANENT');
  assert.equal((error as { command: string }).command, 'RETR');
  assert.equal(sink.data().length, 0);
  assert.equal((await session.stat()).count, 3);
  session.close();
});

test('DELE is committed by QUIT only; RSET and a dropped connection keep the messages', async () => {
  const { server, session } = await signedIn();
  await session.dele(1);
  await session.rset();
  await session.dele(2);
  session.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(server.messages.length, 3);
  const again = await connectTo(server);
  await again.session.authenticate({ username: 'alice', password: 'secret' });
  await again.session.dele(2);
  await again.session.noop();
  await again.session.quit();
  assert.deepEqual(
    server.messages.map((message) => message.uid),
    ['uid-1', 'uid-3'],
  );
  assert.equal(again.session.state, 'closed');
});

test('a -ERR to QUIT means the deletions were not done', async () => {
  const { server, session } = await signedIn();
  server.handle('QUIT', (connection) => connection.send('-ERR [SYS/TEMP] some deleted messages not removed'));
  await session.dele(1);
  await rejectsWithCode(session.quit(), 'SERVER_TEMPORARY');
  assert.equal(session.state, 'closed');
});

test('duplicate unique-ids are reported, not hidden', async () => {
  const { session } = await signedIn({ messages: [...MESSAGES, { uid: 'uid-1', body: 'x\r\n' }] });
  const listing = await session.uidl();
  assert.equal(listing.entries.length, 4);
  assert.deepEqual([...listing.duplicates], ['uid-1']);
  session.close();
});

test('a malformed or inconsistent listing ends the session as a protocol error', async () => {
  const { server, session } = await signedIn();
  server.handle('UIDL', (connection) => {
    connection.send('+OK');
    connection.sendLines(['1 a', '1 b']);
  });
  await rejectsWithCode(session.uidl(), 'PROTOCOL_ERROR');
  await rejectsWithCode(session.stat(), 'PROTOCOL_ERROR');
  const second = await signedIn();
  second.server.handle('LIST', (connection) => {
    connection.send('+OK');
    connection.sendLines(['1 twelve']);
  });
  await rejectsWithCode(second.session.list(), 'PROTOCOL_ERROR');
});

test('commands need the right state and valid numbers', async () => {
  const server = await FakePop3Server.start({ users: { alice: 'secret' } });
  servers.push(server);
  const { session } = await connectTo(server);
  await rejectsWithCode(session.stat(), 'VALIDATION');
  await session.authenticate({ username: 'alice', password: 'secret' });
  await rejectsWithCode(session.authenticate({ username: 'alice', password: 'secret' }), 'VALIDATION');
  await rejectsWithCode(session.dele(0), 'VALIDATION');
  await rejectsWithCode(session.retr(1.5, new MemorySink()), 'VALIDATION');
  session.close();
});

test('concurrent calls run one after the other', async () => {
  const { session } = await signedIn();
  const [stat, list, uidl] = await Promise.all([session.stat(), session.list(), session.uidl()]);
  assert.equal(stat.count, 3);
  assert.equal(list.length, 3);
  assert.equal(uidl.entries.length, 3);
  session.close();
});

test('an idle signed-in session sends NOOP keep-alives', async () => {
  const server = await FakePop3Server.start({ users: { alice: 'secret' } });
  servers.push(server);
  const { session } = await connectTo(server, { timeouts: { keepAlive: 40 } });
  await session.authenticate({ username: 'alice', password: 'secret' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const noops = server.connections[0]?.received.filter((line) => line === 'NOOP').length ?? 0;
  assert.ok(noops >= 2, `expected keep-alives, saw ${noops}`);
  await session.quit();
});

test('an answer dribbled a few bytes per segment is reassembled exactly', async () => {
  const { server, session } = await signedIn();
  const body = MESSAGES[0]?.body ?? '';
  const stuffed = `+OK here it comes\r\n${body.replace(/(^|\n)\./g, '$1..')}.\r\n`;
  server.handle('RETR', async (connection) => {
    for (let start = 0; start < stuffed.length; start += 3) {
      connection.sendRaw(stuffed.slice(start, start + 3));
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  const sink = new MemorySink();
  await session.retr(1, sink);
  assert.equal(sink.data().toString(), body);
  assert.equal((await session.stat()).count, 3);
  session.close();
});

test('retr with end: false leaves the sink open for the caller', async () => {
  const { session } = await signedIn();
  const sink = new MemorySink();
  await session.retr(2, sink, { end: false });
  assert.equal(sink.writableEnded, false);
  sink.end();
  assert.equal(sink.data().toString(), MESSAGES[1]?.body);
  session.close();
});

test('a listing of thousands of lines, in one piece or in odd pieces, is read whole, every line in the transcript', async () => {
  const count = 5_000;
  const uidlLines = Array.from({ length: count }, (_, index) => `${index + 1} uid-${(index * 7919).toString(36)}`);
  const listLines = Array.from({ length: count }, (_, index) => `${index + 1} ${1000 + index}`);
  for (const pieces of [1, 7, 997]) {
    const server = await FakePop3Server.start({ users: { alice: 'secret' }, messages: MESSAGES });
    servers.push(server);
    const answer = (lines: readonly string[]): string => `+OK listing follows\r\n${lines.map((line) => `${line}\r\n`).join('')}.\r\n`;
    const send = async (connection: { sendRaw(text: string): void }, text: string): Promise<void> => {
      const size = Math.ceil(text.length / pieces);
      for (let start = 0; start < text.length; start += size) {
        connection.sendRaw(text.slice(start, start + size));
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    server.handle('UIDL', (connection) => send(connection, answer(uidlLines)));
    server.handle('LIST', (connection) => send(connection, answer(listLines)));
    const { session, transcript } = await connectTo(server);
    await session.authenticate({ username: 'alice', password: 'secret' });
    const before = transcript.length;
    const listing = await session.uidl();
    const sizes = await session.sizes();
    assert.equal(listing.entries.length, count, `${pieces} pieces`);
    assert.deepEqual(listing.entries.at(-1), { number: count, uid: `uid-${((count - 1) * 7919).toString(36)}` });
    assert.deepEqual(sizes.entries.at(-1), { number: count, size: 1000 + count - 1 });
    assert.equal(listing.invalid.length + sizes.invalid.length, 0);
    const serverLines = transcript
      .slice(before)
      .filter((entry) => entry.direction === 'server')
      .map((entry) => entry.text);
    assert.deepEqual(serverLines, ['+OK listing follows', ...uidlLines, '.', '+OK listing follows', ...listLines, '.']);
    // The session reads the next answer from where the listing ended.
    assert.equal((await session.stat()).count, 3);
    await session.quit();
  }
});
