import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { startPop3Job, type Pop3JobEvent } from '../../../electron/workers/pop3-client';
import { messageFileName } from '../../../electron/workers/pop3-message-file';
import type { Pop3RetrievalJob } from '../../../electron/workers/pop3-messages';
import { FakePop3Server, type FakePop3ServerOptions } from '../../fakes/pop3-server';
import { FAST_TIMEOUTS, sampleMessage } from '../protocols/pop3/helpers';

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const MESSAGES = Array.from({ length: 5 }, (_unused, index) => ({
  uid: `uid-${index + 1}`,
  body: sampleMessage(`Message ${index + 1}`, ['hello', '.dotted', `number ${index + 1}`]),
}));

async function setup(options: FakePop3ServerOptions = {}) {
  const server = await FakePop3Server.start({ users: { alice: 'secret' }, messages: MESSAGES, ...options });
  const directory = await mkdtemp(path.join(tmpdir(), 'mailbag-pop3-worker-'));
  cleanups.push(() => server.close(), () => rm(directory, { recursive: true, force: true }));
  const job = (overrides: Partial<Pop3RetrievalJob> = {}): Pop3RetrievalJob => ({
    connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true, timeouts: FAST_TIMEOUTS },
    credentials: { username: 'alice', password: 'secret' },
    knownUids: [],
    deleteUids: [],
    directory,
    ...overrides,
  });
  return { server, directory, job };
}

test('a job downloads what is new into durable files, deletes what it was told, and reports as it goes', async () => {
  const { server, directory, job } = await setup();
  const events: Pop3JobEvent[] = [];
  const handle = startPop3Job(job({ knownUids: ['uid-1', 'uid-2'], deleteUids: ['uid-2', 'uid-gone'] }), { onEvent: (event) => events.push(event) });
  const outcome = await handle.outcome;
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const { result } = outcome;
  assert.equal(result.serverMessageCount, 5);
  assert.deepEqual(result.stored.map((message) => message.uid), ['uid-3', 'uid-4', 'uid-5']);
  assert.deepEqual(result.deletedUids, ['uid-2']);
  assert.deepEqual(result.missingDeleteUids, ['uid-gone']);
  assert.deepEqual(result.failed, []);
  for (const message of result.stored) {
    const original = MESSAGES.find((candidate) => candidate.uid === message.uid)?.body;
    assert.equal(message.path, path.join(directory, messageFileName(message.uid)));
    assert.equal(await readFile(message.path, 'utf8'), original);
    assert.equal(message.size, Buffer.byteLength(original ?? ''));
  }
  assert.deepEqual((await readdir(directory)).filter((name) => name.endsWith('.part')), []);
  assert.deepEqual(server.messages.map((message) => message.uid), ['uid-1', 'uid-3', 'uid-4', 'uid-5']);
  const phases = events.flatMap((event) => (event.type === 'progress' ? [event.progress.phase] : []));
  assert.deepEqual([...new Set(phases)], ['connecting', 'authenticating', 'listing', 'retrieving', 'deleting', 'quitting']);
  const storedEvents = events.flatMap((event) => (event.type === 'stored' ? [event.message.uid] : []));
  assert.deepEqual(storedEvents.sort(), ['uid-3', 'uid-4', 'uid-5']);
  const last = events.filter((event) => event.type === 'progress').at(-1);
  assert.ok(last?.type === 'progress' && last.progress.messagesDone === 3 && last.progress.messagesTotal === 3);
  assert.deepEqual(events.map((event) => event.seq), events.map((_event, index) => index + 1));
});

test('wrong credentials fail as data, with nothing stored', async () => {
  const { directory, job } = await setup();
  const outcome = await startPop3Job(job({ credentials: { username: 'alice', password: 'nope' } })).outcome;
  assert.equal(outcome.ok, false);
  assert.ok(!outcome.ok && outcome.error.code === 'AUTH_FAILED' && outcome.error.retryable === false);
  assert.deepEqual(await readdir(directory), []);
});

test('a busy mailbox fails as MAILBOX_BUSY with its response code', async () => {
  const { server, job } = await setup();
  server.handle('AUTH', (connection) => connection.send('-ERR [IN-USE] Locked'));
  const outcome = await startPop3Job(job()).outcome;
  assert.ok(!outcome.ok && outcome.error.code === 'MAILBOX_BUSY' && outcome.error.responseCode === 'IN-USE' && outcome.error.retryable);
});

test('cancelling stops the job promptly, closes the connection and leaves no partial file', async () => {
  const { server, directory, job } = await setup();
  server.handle('RETR', (connection) => {
    connection.send('+OK');
    connection.sendRaw('From: a\r\nSubject: never ends\r\n');
  });
  const controller = new AbortController();
  const handle = startPop3Job(job({ connection: { ...job().connection, timeouts: { ...FAST_TIMEOUTS, dataIdle: 10_000 } } }), {
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'progress' && event.progress.phase === 'retrieving') setTimeout(() => controller.abort(), 100);
    },
  });
  const started = Date.now();
  const outcome = await handle.outcome;
  assert.ok(!outcome.ok && outcome.error.code === 'CANCELLED', JSON.stringify(outcome));
  assert.ok(Date.now() - started < 4_000);
  assert.equal(server.connections[0]?.state, 'closed');
  assert.deepEqual(await readdir(directory), []);
});

test('a connection dropped mid-message keeps what was stored and removes the partial file', async () => {
  const { server, directory, job } = await setup();
  const original = server.handlerFor('RETR');
  server.handle('RETR', async (connection, args, line) => {
    if (args[0] !== '3') return original?.(connection, args, line);
    connection.send('+OK');
    connection.sendRaw('From: a\r\nSubject: cut');
    setTimeout(() => connection.destroy(), 20);
  });
  const stored: string[] = [];
  const outcome = await startPop3Job(job({ connection: { ...job().connection, forceLockStep: true } }), {
    onEvent: (event) => event.type === 'stored' && stored.push(event.message.uid),
  }).outcome;
  assert.ok(!outcome.ok && outcome.error.code === 'NETWORK');
  assert.deepEqual(stored.sort(), ['uid-1', 'uid-2']);
  assert.deepEqual((await readdir(directory)).sort(), [messageFileName('uid-1'), messageFileName('uid-2')].sort());
  assert.equal(server.messages.length, 5);
});

test('duplicate unique-ids are neither fetched nor deleted, and the transcript is forwarded redacted', async () => {
  const { job } = await setup({ messages: [...MESSAGES, { uid: 'uid-1', body: 'Subject: twin\r\n\r\n' }] });
  const transcript: string[] = [];
  const outcome = await startPop3Job(job({ deleteUids: ['uid-1'], transcript: true, credentials: { username: 'alice', password: 'secret', mechanisms: ['USER'] } }), {
    onEvent: (event) => event.type === 'transcript' && transcript.push(event.entry.text),
  }).outcome;
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.result.duplicateUids, ['uid-1']);
  assert.deepEqual(outcome.result.stored.map((message) => message.uid), ['uid-2', 'uid-3', 'uid-4', 'uid-5']);
  assert.deepEqual(outcome.result.deletedUids, []);
  assert.deepEqual(outcome.result.missingDeleteUids, ['uid-1']);
  assert.ok(transcript.includes('PASS <redacted>'));
  assert.ok(!transcript.some((line) => line.includes('secret')));
});

test('the parent refuses messages out of sequence', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'mailbag-pop3-bad-worker-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  const workerFile = path.join(directory, 'bad-worker.cjs');
  await writeFile(
    workerFile,
    "const { parentPort } = require('node:worker_threads');\n" +
      "parentPort.on('message', () => parentPort.postMessage({ seq: 2, type: 'log', level: 'info', text: 'skipped one' }));\n",
  );
  const { job } = await setup();
  const outcome = await startPop3Job(job(), { workerFile }).outcome;
  assert.ok(!outcome.ok && outcome.error.code === 'INTERNAL');
  assert.ok(existsSync(workerFile));
});
