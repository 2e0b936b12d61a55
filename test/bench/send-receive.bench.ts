/**
 * Send/Receive into the store, next to mpop, in the same run, against the same real Dovecot on
 * 127.0.0.1: a generated mailbox (2,000 messages of typical sizes by default) brought home and kept on
 * the server by
 *   - Mailbag: `receiveAccount` (UIDL, LIST, pipelined RETR into the store's batch sinks, one fsync
 *     pass and one SQLite transaction per batch, journal rows included), keep-forever policy;
 *   - mpop, delivering to a maildir (a file and an fsync per message), keep on.
 * Every run starts from an empty destination and no UIDL history. After one warm-up of each, the two
 * take turns; medians are printed as a table with the ratio, and as one JSON line. Nothing is asserted.
 *
 *   node --import tsx test/bench/send-receive.bench.ts
 *   MAILBAG_BENCH_MESSAGES=10000 MAILBAG_BENCH_SMALL=1 node --import tsx test/bench/send-receive.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { receiveAccount } from '../../electron/jobs/receive/receive-account';
import { openDatabase } from '../../electron/storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME } from '../../electron/storage/message-store';
import { startDovecot, type DovecotServer } from '../servers/dovecot';
import { TEST_MAIL_SIZES, TYPICAL_MAIL_SIZES } from '../servers/maildir';
import { runMpop } from '../servers/mpop';

const MESSAGE_COUNT = Number(process.env['MAILBAG_BENCH_MESSAGES'] ?? 2_000);
const REPETITIONS = Number(process.env['MAILBAG_BENCH_REPETITIONS'] ?? 3);
/** Small messages only (the 10,000-message case of the issue). */
const SMALL = process.env['MAILBAG_BENCH_SMALL'] === '1';
const SEED = 2027;
const ACCOUNT = 'bench';
const MEGABYTE = 1024 * 1024;

type Method = 'mailbag send/receive' | 'mpop';
const METHODS: readonly Method[] = ['mailbag send/receive', 'mpop'];

async function runMailbag(server: DovecotServer, directory: string): Promise<number> {
  const started = performance.now();
  const database = openDatabase(path.join(directory, 'mailbag.sqlite'));
  database.prepare("insert into accounts (id, name, email, created_at) values (?, 'Bench', 'bench@example.com', 1)").run(ACCOUNT);
  const store = await openMessageStore({ database, rawDirectory: path.join(directory, RAW_DIRECTORY_NAME) });
  store.ensureDefaultFolders(ACCOUNT);
  try {
    const outcome = await receiveAccount({
      accountId: ACCOUNT,
      store,
      connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true },
      credentials: { username: server.user, password: server.password },
      policy: { leaveOnServer: { mode: 'forever' }, headersOnly: false, sizeLimitBytes: null },
    });
    if (outcome.status !== 'completed' || outcome.summary.newMessages !== MESSAGE_COUNT) throw new Error(`Mailbag: ${JSON.stringify(outcome)}`);
    // "Listed in the inbox": the first page is readable.
    const inbox = store.listFolders(ACCOUNT).find((folder) => folder.role === 'inbox');
    if (inbox === undefined) throw new Error('no inbox');
    store.listMessages(inbox.id, { limit: 50 });
  } finally {
    await store.close();
    database.close();
  }
  return performance.now() - started;
}

async function measure(method: Method, server: DovecotServer, work: string): Promise<number> {
  const directory = path.join(work, method.replace(/\W+/g, '-'));
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  spawnSync('sync');
  if (method === 'mpop') {
    const result = await runMpop({ host: server.host, port: server.port, user: server.user, password: server.password, security: 'plain', directory });
    if (result.deliveredCount !== MESSAGE_COUNT) throw new Error(`mpop delivered ${result.deliveredCount} of ${MESSAGE_COUNT}`);
    return result.durationMs;
  }
  return runMailbag(server, directory);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const server = await startDovecot();
  const work = await mkdtemp(path.join(os.tmpdir(), 'mailbag-bench-sr-'));
  try {
    const messages = await server.generateMessages({ count: MESSAGE_COUNT, seed: SEED, sizes: SMALL ? TEST_MAIL_SIZES.slice(0, 1) : TYPICAL_MAIL_SIZES });
    const totalBytes = messages.reduce((sum, message) => sum + message.pop3Size, 0);
    console.log(`Generated ${MESSAGE_COUNT} messages, ${(totalBytes / MEGABYTE).toFixed(1)} MiB; ${REPETITIONS} repetitions after a warm-up.`);
    const times = new Map<Method, number[]>(METHODS.map((method) => [method, []]));
    for (const method of METHODS) await measure(method, server, work);
    for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
      for (const method of METHODS) times.get(method)?.push(await measure(method, server, work));
    }
    const mpop = median(times.get('mpop') ?? []);
    console.log('\n| method | median ms | messages/s | × mpop |\n| --- | --- | --- | --- |');
    const rows = METHODS.map((method) => {
      const ms = median(times.get(method) ?? []);
      console.log(`| ${method} | ${ms.toFixed(0)} | ${((MESSAGE_COUNT / ms) * 1000).toFixed(0)} | ${(ms / mpop).toFixed(2)} |`);
      return { method, medianMs: Math.round(ms), ratioToMpop: Number((ms / mpop).toFixed(3)) };
    });
    console.log(JSON.stringify({ benchmark: 'send-receive', messages: MESSAGE_COUNT, bytes: totalBytes, rows }));
  } finally {
    await rm(work, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
