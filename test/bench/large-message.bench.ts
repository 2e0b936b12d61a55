/**
 * Peak memory while Send/Receive brings one 100 MB message from the local Dovecot into the store and
 * the full-text index then reads it: both run in a child process of its own, which reports its resident memory when idle (after
 * loading) and at its peak. The target is under 64 MB above idle; this prints the figure,
 * it asserts nothing.
 *
 *   node --import tsx test/bench/large-message.bench.ts        (MAILBAG_BENCH_LARGE_MB=100)
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ReceiveJob } from '../../electron/services/send-receive';
import { openDatabase } from '../../electron/storage/database';
import { RAW_DIRECTORY_NAME } from '../../electron/storage/message-store';
import { startDovecot } from '../servers/dovecot';

const MEGABYTE = 1024 * 1024;
const SIZE_MB = Number(process.env['MAILBAG_BENCH_LARGE_MB'] ?? 100);
const ACCOUNT_ID = 'bench';

async function main(): Promise<void> {
  const server = await startDovecot();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mailbag-bench-large-'));
  try {
    const [message] = await server.generateMessages({ count: 1, seed: 7, sizes: [{ weight: 1, minBytes: SIZE_MB * MEGABYTE, maxBytes: SIZE_MB * MEGABYTE }] });
    if (message === undefined) throw new Error('no message generated');
    const databaseFile = path.join(profile, 'mailbag.sqlite');
    const database = openDatabase(databaseFile);
    database.prepare('insert into accounts (id, name, email, created_at) values (?, ?, ?, ?)').run(ACCOUNT_ID, 'Bench', 'bench@example.test', Date.now());
    database.close();
    const job: ReceiveJob = {
      accountId: ACCOUNT_ID,
      databaseFile,
      rawDirectory: path.join(profile, RAW_DIRECTORY_NAME),
      connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true },
      credentials: { username: server.user, password: server.password },
      policy: { leaveOnServer: { mode: 'forever' }, headersOnly: false, sizeLimitBytes: null },
    };
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'large-message-child.ts'), JSON.stringify(job)], {
      encoding: 'utf8',
      maxBuffer: MEGABYTE,
    });
    if (child.status !== 0) throw new Error(`the receiving process failed:\n${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
      status: string;
      newMessages: number;
      indexed: number;
      idle: number;
      receivePeak: number;
      peak: number;
      durationMs: number;
      indexMs: number;
    };
    if (result.status !== 'completed' || result.newMessages !== 1 || result.indexed !== 1) throw new Error(`unexpected outcome: ${child.stdout}`);
    const growthMb = (result.peak - result.idle) / MEGABYTE;
    console.log(
      `One ${(message.pop3Size / MEGABYTE).toFixed(1)} MiB message from Dovecot ${server.version.split(' ')[0] ?? ''} into the store, then indexed\n`,
    );
    console.log('| idle RSS | peak RSS | peak above idle (goal < 64 MiB) | of which receiving | receive | index |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(
      `| ${(result.idle / MEGABYTE).toFixed(1)} MiB | ${(result.peak / MEGABYTE).toFixed(1)} MiB | ${growthMb.toFixed(1)} MiB | ${((result.receivePeak - result.idle) / MEGABYTE).toFixed(1)} MiB | ${Math.round(result.durationMs)} ms | ${Math.round(result.indexMs)} ms |`,
    );
    console.log(
      JSON.stringify({
        benchmark: 'large-message',
        bytes: message.pop3Size,
        idleRss: result.idle,
        peakRss: result.peak,
        peakAboveIdleMiB: Number(growthMb.toFixed(1)),
        receivingAboveIdleMiB: Number(((result.receivePeak - result.idle) / MEGABYTE).toFixed(1)),
        durationMs: Math.round(result.durationMs),
        indexMs: Math.round(result.indexMs),
      }),
    );
  } finally {
    await server.stop();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
