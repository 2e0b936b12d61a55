/**
 * How fast Mailbag's POP3 engine brings a mailbox to disk, next to mpop, in the same run, against the
 * same real Dovecot on 127.0.0.1: 2,000 generated messages of typical sizes, retrieved (and kept on
 * the server) by
 *   - Mailbag, pipelined: UIDL, LIST, then RETR of every message into Mailbag's message store, which
 *     makes each batch of messages durable with one fsync pass and one SQLite transaction (the way
 *     Send/Receive stores mail);
 *   - Mailbag, lock-step: the same with pipelining forced off;
 *   - Mailbag, pipelined, one fsynced file per message (mpop's way of storing, for comparison);
 *   - mpop, delivering to a maildir (it fsyncs every message too);
 *   - for reference, Mailbag pipelined with every message discarded (the engine without the disk).
 * Every run starts from the same state (same mailbox, empty destination, no UIDL history). After one
 * warm-up of each, the methods take turns for a few repetitions; the median is reported, as a table
 * and as one JSON line. A benchmark, not a test: nothing here asserts a time.
 *
 *   node --import tsx test/bench/pop3-retrieval.bench.ts
 *   MAILBAG_BENCH_MESSAGES=500 MAILBAG_BENCH_REPETITIONS=3 MAILBAG_BENCH_SECURITY=tls \
 *     MAILBAG_BENCH_LATENCY_MS=5 node --import tsx test/bench/pop3-retrieval.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { connectPop3 } from '../../electron/protocols/pop3';
import { syncDirectory } from '../../electron/storage/atomic-file';
import { openDatabase } from '../../electron/storage/database';
import { openMessageStore } from '../../electron/storage/message-store';
import type { MessageSink } from '../../electron/storage/raw-batch';
import { startDovecot, type DovecotServer } from '../servers/dovecot';
import { TYPICAL_MAIL_SIZES } from '../servers/maildir';
import { startLatencyProxy } from '../servers/tcp-proxy';
import { runMpop, type MpopSecurity } from '../servers/mpop';
import { DurableFileSink } from '../integration/pop3/support';

const MESSAGE_COUNT = positiveInteger('MAILBAG_BENCH_MESSAGES', 2_000);
const REPETITIONS = positiveInteger('MAILBAG_BENCH_REPETITIONS', 5);
const SECURITY = securityFromEnvironment();
/** One-way delay added by a loopback proxy, to see what pipelining saves on a real network; 0 = none. */
const LATENCY_MS = nonNegativeInteger('MAILBAG_BENCH_LATENCY_MS', 0);
const SEED = 2026;
const MEGABYTE = 1024 * 1024;

type Method = 'mailbag pipelined' | 'mailbag lock-step' | 'mailbag file per message' | 'mpop' | 'mailbag no disk';
/** The last one is for reference: the engine alone, every message discarded as it arrives. */
const METHODS: readonly Method[] = ['mailbag pipelined', 'mailbag lock-step', 'mailbag file per message', 'mpop', 'mailbag no disk'];
/** Messages per durable batch when retrieving into the store (Send/Receive's default). */
const STORE_BATCH_MESSAGES = 250;
const ACCOUNT_ID = 'bench';

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function nonNegativeInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

function securityFromEnvironment(): 'none' | 'tls' {
  const value = process.env['MAILBAG_BENCH_SECURITY'] ?? 'none';
  if (value !== 'none' && value !== 'tls') throw new Error('MAILBAG_BENCH_SECURITY must be "none" or "tls"');
  return value;
}

/** Counts what it is given and keeps nothing. */
class DiscardSink extends Writable {
  static bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    DiscardSink.bytes += chunk.length;
    callback();
  }
}

/** Where a Mailbag run puts the messages. */
type Destination = 'store' | 'files' | 'discard';

/**
 * Retrieves every message with Mailbag's engine into its message store in `directory` (batches made
 * durable together), into one fsynced file each, or nowhere.
 */
async function runMailbag(server: DovecotServer, port: number, directory: string, lockStep: boolean, destination: Destination): Promise<number> {
  const started = performance.now();
  const database = destination === 'store' ? openDatabase(path.join(directory, 'mailbag.sqlite')) : undefined;
  const session = await connectPop3({
    host: server.host,
    port,
    security: SECURITY,
    ca: server.certificates.caPem,
    allowInsecureAuth: SECURITY === 'none',
    forceLockStep: lockStep,
  });
  try {
    await session.authenticate({ username: server.user, password: server.password });
    if (session.pipelining === lockStep) throw new Error(`expected pipelining ${lockStep ? 'off' : 'on'}`);
    const { entries } = await session.uidl();
    await session.list();
    if (database !== undefined) {
      database.prepare('insert into accounts (id, name, email, created_at) values (?, ?, ?, ?)').run(ACCOUNT_ID, 'Bench', 'bench@example.test', Date.now());
      const store = await openMessageStore({ database, rawDirectory: path.join(directory, 'messages') });
      store.ensureDefaultFolders(ACCOUNT_ID);
      for (let first = 0; first < entries.length; first += STORE_BATCH_MESSAGES) {
        const chunk = entries.slice(first, first + STORE_BATCH_MESSAGES);
        const batch = store.beginBatch();
        const sinks = new Map<string, MessageSink>();
        const outcomes = await session.retrieveMany(chunk, (entry) => {
          const sink = batch.createMessageSink();
          sinks.set(entry.uid, sink);
          return sink;
        });
        if (outcomes.some((outcome) => !outcome.ok)) throw new Error('a message was refused');
        await batch.commit(
          chunk.map((entry) => {
            const sink = sinks.get(entry.uid);
            if (sink === undefined) throw new Error(`no sink for ${entry.uid}`);
            return { accountId: ACCOUNT_ID, folder: 'inbox', message: sink, pop: { uidl: entry.uid, state: 'downloaded' } } as const;
          }),
        );
      }
      await store.close();
    } else {
      const outcomes = await session.retrieveMany(entries, (entry) =>
        destination === 'discard' ? new DiscardSink() : new DurableFileSink(path.join(directory, entry.uid)),
      );
      if (outcomes.some((outcome) => !outcome.ok)) throw new Error('a message was refused');
    }
    await session.quit();
  } finally {
    session.close();
    database?.close();
  }
  if (destination === 'files') await syncDirectory(directory);
  return performance.now() - started;
}

/** What a store run left: message count and stored bytes, read back from its index. */
function storeContents(directory: string): { count: number; bytes: number } {
  const database = openDatabase(path.join(directory, 'mailbag.sqlite'));
  try {
    return database.prepare('select count(*) as count, coalesce(sum(size), 0) as bytes from messages').get() as { count: number; bytes: number };
  } finally {
    database.close();
  }
}

async function directoryBytes(directory: string): Promise<{ count: number; bytes: number }> {
  const names = await readdir(directory);
  const sizes = await Promise.all(names.map(async (name) => (await stat(path.join(directory, name))).size));
  return { count: names.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

/** One timed run of a method from a clean state; checks that everything arrived. */
async function measure(method: Method, server: DovecotServer, port: number, workDirectory: string, expectedBytes: number): Promise<number> {
  const directory = path.join(workDirectory, method.replace(/\W+/g, '-'));
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  // Start every run with no dirty pages from the previous one waiting to be written back.
  spawnSync('sync');
  if (method === 'mpop') {
    const security: MpopSecurity = SECURITY === 'tls' ? 'implicit-tls' : 'plain';
    const result = await runMpop({
      host: server.host,
      port,
      user: server.user,
      password: server.password,
      security,
      caPath: server.certificates.caPath,
      directory,
    });
    if (result.deliveredCount !== MESSAGE_COUNT) throw new Error(`mpop delivered ${result.deliveredCount} of ${MESSAGE_COUNT}`);
    return result.durationMs;
  }
  DiscardSink.bytes = 0;
  const destination: Destination = method === 'mailbag no disk' ? 'discard' : method === 'mailbag file per message' ? 'files' : 'store';
  const durationMs = await runMailbag(server, port, directory, method === 'mailbag lock-step', destination);
  const stored =
    destination === 'discard'
      ? { count: MESSAGE_COUNT, bytes: DiscardSink.bytes }
      : destination === 'files'
        ? await directoryBytes(directory)
        : storeContents(directory);
  if (stored.count !== MESSAGE_COUNT || stored.bytes !== expectedBytes) {
    throw new Error(`${method} stored ${stored.count} messages, ${stored.bytes} bytes; expected ${MESSAGE_COUNT}, ${expectedBytes}`);
  }
  return durationMs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function mpopVersion(): string {
  const output = spawnSync('mpop', ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return /mpop version (\S+)/.exec(output)?.[1] ?? 'unknown';
}

async function main(): Promise<void> {
  const server = await startDovecot();
  const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'mailbag-bench-'));
  const serverPort = SECURITY === 'tls' ? server.tlsPort : server.port;
  const proxy = LATENCY_MS > 0 ? await startLatencyProxy({ host: server.host, port: serverPort }, LATENCY_MS) : undefined;
  const port = proxy?.port ?? serverPort;
  try {
    const generationStarted = performance.now();
    const messages = await server.generateMessages({ count: MESSAGE_COUNT, seed: SEED, sizes: TYPICAL_MAIL_SIZES });
    const totalBytes = messages.reduce((sum, message) => sum + message.pop3Size, 0);
    const sizes = messages.map((message) => message.pop3Size).sort((left, right) => left - right);
    console.log(
      `Generated ${MESSAGE_COUNT} messages, ${(totalBytes / MEGABYTE).toFixed(1)} MiB ` +
        `(median ${Math.round(median(sizes) / 1024)} KiB, ${sizes.filter((size) => size >= 100_000).length} of 100 KB or more, ` +
        `largest ${(Math.max(...sizes) / MEGABYTE).toFixed(1)} MiB) in ${Math.round(performance.now() - generationStarted)} ms`,
    );

    // Warm-up: Dovecot builds its index and cache on first access; every method then starts alike.
    for (const method of METHODS) await measure(method, server, port, workDirectory, totalBytes);

    const times = new Map<Method, number[]>(METHODS.map((method) => [method, []]));
    for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
      // Rotate the order so no method always runs right after another's disk writes.
      const order = METHODS.map((_, index) => METHODS[(index + repetition) % METHODS.length] ?? 'mpop');
      for (const method of order) times.get(method)?.push(await measure(method, server, port, workDirectory, totalBytes));
    }

    const medians = Object.fromEntries(METHODS.map((method) => [method, median(times.get(method) ?? [])])) as Record<Method, number>;
    const mpopMedian = medians.mpop;
    console.log(
      `\nPOP3 retrieval to disk, ${MESSAGE_COUNT} messages, Dovecot ${server.version.split(' ')[0] ?? ''} on ${server.host} ` +
        `(${SECURITY === 'tls' ? 'implicit TLS' : 'plain TCP'}${LATENCY_MS > 0 ? `, ${LATENCY_MS} ms added each way` : ''}), ` +
        `mpop ${mpopVersion()}, median of ${REPETITIONS}\n`,
    );
    console.log(
      `${'method'.padEnd(26)}${'median ms'.padStart(11)}${'min ms'.padStart(9)}${'max ms'.padStart(9)}${'MiB/s'.padStart(9)}${'vs mpop'.padStart(9)}`,
    );
    for (const method of METHODS) {
      const values = times.get(method) ?? [];
      const value = medians[method];
      console.log(
        `${method.padEnd(26)}${value.toFixed(0).padStart(11)}${Math.min(...values)
          .toFixed(0)
          .padStart(9)}` +
          `${Math.max(...values)
            .toFixed(0)
            .padStart(9)}${(totalBytes / MEGABYTE / (value / 1000)).toFixed(1).padStart(9)}` +
          `${(value / mpopMedian).toFixed(2).padStart(9)}`,
      );
    }
    console.log(
      JSON.stringify({
        benchmark: 'pop3-retrieval',
        messages: MESSAGE_COUNT,
        bytes: totalBytes,
        security: SECURITY,
        addedLatencyMs: LATENCY_MS,
        repetitions: REPETITIONS,
        dovecot: server.version,
        mpop: mpopVersion(),
        medianMs: {
          mailbagPipelined: Math.round(medians['mailbag pipelined']),
          mailbagLockStep: Math.round(medians['mailbag lock-step']),
          mailbagFilePerMessage: Math.round(medians['mailbag file per message']),
          mpop: Math.round(mpopMedian),
          mailbagNoDisk: Math.round(medians['mailbag no disk']),
        },
        runsMs: Object.fromEntries(METHODS.map((method) => [method, (times.get(method) ?? []).map(Math.round)])),
        ratio: {
          mailbagPipelinedToMpop: Number((medians['mailbag pipelined'] / mpopMedian).toFixed(3)),
          mailbagLockStepToMpop: Number((medians['mailbag lock-step'] / mpopMedian).toFixed(3)),
        },
      }),
    );
  } finally {
    await proxy?.close();
    await server.stop();
    await rm(workDirectory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
