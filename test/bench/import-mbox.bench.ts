/**
 * `mailbag import mbox` of a generated mailbox (10,000 messages of about 100 KB, ~1 GB; the issue's
 * target is under 60 s) against the peer, formail splitting the same mbox into a maildir (one file per
 * message, as procmail users do). Both run in this same process's time frame on the same disk; the
 * table gives both times and the ratio, and nothing is asserted.
 *
 *   node --import tsx test/bench/import-mbox.bench.ts    (MAILBAG_BENCH_IMPORT_COUNT=10000, MAILBAG_BENCH_IMPORT_KB=100)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { runCli } from '../../electron/cli/run';
import { captureOutput, fillProfile, NO_KEYCHAIN_ENV } from '../support/cli';
import { seededRandom } from '../support/seeded-random';

const COUNT = Number(process.env['MAILBAG_BENCH_IMPORT_COUNT'] ?? 10_000);
const KILOBYTES = Number(process.env['MAILBAG_BENCH_IMPORT_KB'] ?? 100);
const LINE_LENGTH = 76;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

async function writeMailbox(file: string): Promise<number> {
  const random = seededRandom(19);
  const out = createWriteStream(file);
  for (let index = 0; index < COUNT; index += 1) {
    const target = Math.round(KILOBYTES * 1024 * (0.5 + random()));
    const lines: string[] = [
      `From sender${index}@example.com Wed Nov  4 09:00:00 2026`,
      `From: Sender ${index} <sender${index}@example.com>`,
      'To: ann@example.com',
      `Subject: Message ${index} of the import benchmark`,
      `Date: Wed, 4 Nov 2026 09:${String(index % 60).padStart(2, '0')}:00 +0000`,
      `Message-ID: <bench-${index}@example.com>`,
      '',
      '>From a quoted line at the top',
    ];
    let size = lines.join('\n').length;
    while (size < target) {
      let line = '';
      for (let column = 0; column < LINE_LENGTH; column += 1) line += ALPHABET[Math.floor(random() * ALPHABET.length)];
      lines.push(line);
      size += LINE_LENGTH + 1;
    }
    if (!out.write(`${lines.join('\n')}\n\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return (await stat(file)).size;
}

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mailbag-bench-import-'));
  try {
    const mbox = path.join(directory, 'bench.mbox');
    const bytes = await writeMailbox(mbox);

    const maildir = path.join(directory, 'maildir');
    for (const folder of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, folder), { recursive: true });
    const peerStart = process.hrtime.bigint();
    const peer = spawnSync('sh', ['-c', `formail -s sh -c 'cat > "$0/new/$FILENO"' "$1" < "$2"`, 'formail', maildir, mbox], { encoding: 'utf8' });
    const peerMs = Number(process.hrtime.bigint() - peerStart) / 1e6;
    if (peer.status !== 0) throw new Error(`formail failed: ${peer.stderr}`);
    const peerCount = readdirSync(path.join(maildir, 'new')).length;

    const profile = path.join(directory, 'profile');
    await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async () => undefined);
    const io = captureOutput();
    const start = process.hrtime.bigint();
    const code = await runCli(['--profile', profile, '--json', 'import', 'mbox', mbox, '--folder', 'Bench'], io.streams, NO_KEYCHAIN_ENV);
    const importMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (code !== 0) throw new Error(`import failed (${code}): ${io.err()}`);
    const report = JSON.parse(io.out()) as { imported: number };

    console.log(`${COUNT} messages, ${(bytes / 1024 / 1024).toFixed(0)} MiB mbox\n`);
    console.log('| | messages | time | MiB/s |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| mailbag import mbox | ${report.imported} | ${(importMs / 1000).toFixed(1)} s | ${(bytes / 1024 / 1024 / (importMs / 1000)).toFixed(0)} |`);
    console.log(`| formail -s into a maildir | ${peerCount} | ${(peerMs / 1000).toFixed(1)} s | ${(bytes / 1024 / 1024 / (peerMs / 1000)).toFixed(0)} |`);
    console.log(`\nMailbag takes ${(importMs / peerMs).toFixed(2)} × the time of formail.`);
    console.log(
      JSON.stringify({
        benchmark: 'import-mbox',
        messages: report.imported,
        bytes,
        importMs: Math.round(importMs),
        formailMs: Math.round(peerMs),
        ratio: Number((importMs / peerMs).toFixed(2)),
      }),
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
