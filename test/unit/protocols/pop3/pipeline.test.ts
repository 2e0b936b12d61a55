import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Pop3ConnectOptions } from '../../../../electron/protocols/pop3';
import { FakePop3Server, type FakePop3ServerOptions } from '../../../fakes/pop3-server';
import { connectTo, MemorySink, sampleMessage } from './helpers';

const servers: FakePop3Server[] = [];
const MESSAGES = Array.from({ length: 60 }, (_unused, index) => ({
  uid: `uid-${index + 1}`,
  body: sampleMessage(
    `Message ${index + 1}`,
    Array.from({ length: 1 + (index % 7) }, (_line, line) => `${'.'.repeat(line % 3)}line ${line}`),
  ),
}));

async function signedIn(options: FakePop3ServerOptions = {}, connect: Partial<Pop3ConnectOptions> = {}) {
  const server = await FakePop3Server.start({ users: { alice: 'secret' }, messages: MESSAGES, ...options });
  servers.push(server);
  const connected = await connectTo(server, connect);
  await connected.session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['PLAIN'] });
  return { server, ...connected };
}
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function retrieveAll(session: Awaited<ReturnType<typeof signedIn>>['session']) {
  const sinks = new Map<number, MemorySink>();
  const progress = new Map<number, number>();
  const outcomes = await session.retrieveMany(
    MESSAGES.map((_message, index) => ({ number: index + 1 })),
    (item) => {
      const sink = new MemorySink();
      sinks.set(item.number, sink);
      return sink;
    },
    (update) => progress.set(update.number, update.bytes),
  );
  return { sinks, progress, outcomes };
}

test('pipelined retrieval is byte-exact and keeps several commands in flight (RFC 2449 §6.6)', async () => {
  const { server, session } = await signedIn();
  assert.equal(session.pipelining, true);
  const { sinks, progress, outcomes } = await retrieveAll(session);
  assert.equal(outcomes.length, MESSAGES.length);
  for (const [index, message] of MESSAGES.entries()) {
    assert.deepEqual(outcomes[index], { item: { number: index + 1 }, ok: true, value: Buffer.byteLength(message.body) });
    assert.equal(
      sinks
        .get(index + 1)
        ?.data()
        .toString(),
      message.body,
    );
    assert.equal(progress.get(index + 1), Buffer.byteLength(message.body));
  }
  const connection = server.connections[0];
  assert.ok((connection?.maxQueuedLines ?? 0) > 1, 'commands were pipelined');
  await session.quit();
});

test('the unanswered command bytes never exceed the window', async () => {
  const { server, session } = await signedIn({}, { limits: { pipelineMaxOutstandingBytes: 40 } });
  await retrieveAll(session);
  const connection = server.connections[0];
  assert.ok((connection?.maxQueuedBytes ?? 0) <= 40, `queued ${connection?.maxQueuedBytes}`);
  assert.ok((connection?.maxQueuedLines ?? 0) > 1);
  session.close();
});

test('forced lock-step and servers without PIPELINING get one command at a time', async () => {
  for (const [options, connect] of [
    [{}, { forceLockStep: true }],
    [{ pipelining: false }, {}],
  ] as const) {
    const { server, session } = await signedIn(options, connect);
    assert.equal(session.pipelining, false);
    const { sinks } = await retrieveAll(session);
    assert.equal(sinks.get(60)?.data().toString(), MESSAGES[59]?.body);
    await session.deleteMany([1, 2, 3]);
    assert.equal(server.connections[0]?.maxQueuedLines, 1);
    session.close();
  }
});

test('a refused message is reported in its outcome and the rest continue', async () => {
  const { server, session } = await signedIn();
  const original = server.handlerFor('RETR');
  server.handle('RETR', async (connection, args, line) => {
    if (args[0] === '2') connection.send('-ERR [SYS/TEMP] cannot read message');
    else await original?.(connection, args, line);
  });
  let opened = 0;
  const outcomes = await session.retrieveMany([{ number: 1 }, { number: 2 }, { number: 3 }, { number: 99 }], async () => {
    opened += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return new MemorySink();
  });
  assert.deepEqual(
    outcomes.map((outcome) => outcome.ok),
    [true, false, true, false],
  );
  assert.equal(outcomes[1]?.ok === false && outcomes[1].error.code, 'SERVER_TEMPORARY');
  assert.equal(opened, 2, 'sinks are opened only for messages the server sends');
  assert.equal((await session.stat()).count, 60);
  session.close();
});

test('deleteMany, uidlMany and listMany pipeline; QUIT commits the deletions', async () => {
  const { server, session } = await signedIn();
  const uids = await session.uidlMany([1, 2, 70]);
  assert.deepEqual(
    uids.map((outcome) => (outcome.ok ? outcome.value.uid : outcome.error.code)),
    ['uid-1', 'uid-2', 'SERVER_PERMANENT'],
  );
  const sizes = await session.listMany([3, 71]);
  assert.deepEqual(
    sizes.map((outcome) => (outcome.ok ? outcome.value.size : outcome.error.code)),
    [Buffer.byteLength(MESSAGES[2]?.body ?? ''), 'SERVER_PERMANENT'],
  );
  const deleted = await session.deleteMany([1, 2, 3, 4, 5]);
  assert.ok(deleted.every((outcome) => outcome.ok));
  assert.ok((server.connections[0]?.maxQueuedLines ?? 0) > 1);
  await session.quit();
  assert.equal(server.messages.length, 55);
  assert.equal(server.messages[0]?.uid, 'uid-6');
});

test('TOP items in a batch', async () => {
  const { session } = await signedIn();
  const sink = new MemorySink();
  const [outcome] = await session.retrieveMany([{ number: 7, topLines: 0 }], () => sink);
  assert.equal(outcome?.ok, true);
  assert.equal(sink.data().toString(), sampleMessage('Message 7', []));
  session.close();
});

/** A sink whose final flush takes a while (like an fsync), and can fail. */
class SlowFinishSink extends MemorySink {
  static finishing = 0;
  static maxFinishing = 0;
  constructor(private readonly failFinal = false) {
    super();
  }
  override _final(callback: (error?: Error | null) => void): void {
    SlowFinishSink.finishing += 1;
    SlowFinishSink.maxFinishing = Math.max(SlowFinishSink.maxFinishing, SlowFinishSink.finishing);
    setTimeout(() => {
      SlowFinishSink.finishing -= 1;
      callback(this.failFinal ? new Error('disk full') : null);
    }, 40);
  }
}

test('sinks finish in the background, bounded, and a message counts only once its sink finished', async () => {
  const { session } = await signedIn({}, { limits: { maxUnfinishedSinks: 3 } });
  const sinks: SlowFinishSink[] = [];
  const outcomes = await session.retrieveMany(
    Array.from({ length: 8 }, (_unused, index) => ({ number: index + 1 })),
    (item) => {
      const sink = new SlowFinishSink(item.number === 4);
      sink.on('error', () => undefined);
      sinks.push(sink);
      return sink;
    },
  );
  assert.ok(SlowFinishSink.maxFinishing > 1, 'finishes overlapped');
  assert.ok(SlowFinishSink.maxFinishing <= 3, `at most 3 unfinished, saw ${SlowFinishSink.maxFinishing}`);
  assert.deepEqual(
    outcomes.map((outcome) => outcome.ok),
    [true, true, true, false, true, true, true, true],
  );
  assert.equal(outcomes[3]?.ok === false && outcomes[3].error.code, 'STORAGE');
  assert.ok(sinks.filter((_sink, index) => index !== 3).every((sink) => sink.writableFinished));
  assert.equal((await session.stat()).count, 60, 'a failed sink does not end the session');
  session.close();
});
