/**
 * Which raw-message layout the local store should use, measured on this machine's disk: the same
 * 2,000 messages of realistic sizes (mostly 2–20 KB, some 20–100 KB, a few 100 KB–1 MB, plus one or
 * two over the large-message threshold), made durable in batches the way Send/Receive commits them
 * (the raw bytes durable, then one SQLite transaction of index rows per batch), by
 *   - one file per message: create, write, fsync, rename into place, fsync the folder (as a maildir);
 *   - one file per message, folder synced once per batch (still one create and fsync per message);
 *   - SQLite blobs: the bytes in the same transaction as the index rows (one WAL sync per batch);
 *   - append-only pack files: appended, one fsync per batch (the folder synced when a pack is new);
 *   - hybrid: pack files, with messages over the threshold in their own fsynced files.
 * Each method runs once to warm up, then REPETITIONS times in turn; the median is reported as a table
 * and as one JSON line. A benchmark, not a test: nothing here asserts a time.
 *
 *   node --import tsx test/bench/store-layout.bench.ts
 *   MAILBAG_BENCH_MESSAGES=500 MAILBAG_BENCH_REPETITIONS=3 node --import tsx test/bench/store-layout.bench.ts
 */
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

const MESSAGE_COUNT = positiveInteger('MAILBAG_BENCH_MESSAGES', 2_000);
const REPETITIONS = positiveInteger('MAILBAG_BENCH_REPETITIONS', 3);
const BATCH_SIZE = positiveInteger('MAILBAG_BENCH_BATCH', 100);
const KILOBYTE = 1024;
const MEGABYTE = 1024 * KILOBYTE;
/** Messages above this go to their own file in the hybrid layout (the store's LARGE_MESSAGE_BYTES). */
const HYBRID_THRESHOLD = MEGABYTE;
const SEED = 2026;

type Method = 'file per message' | 'file per message, folder sync per batch' | 'sqlite blobs' | 'pack files' | 'hybrid (packs + large files)';
const METHODS: readonly Method[] = [
  'file per message',
  'file per message, folder sync per batch',
  'sqlite blobs',
  'pack files',
  'hybrid (packs + large files)',
];

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer.`);
  return value;
}

/** A small deterministic generator, so every run stores the same sizes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function messageSizes(count: number): number[] {
  const next = random(SEED);
  const sizes = Array.from({ length: count }, () => {
    const draw = next();
    if (draw < 0.85) return Math.round(2 * KILOBYTE + next() * 18 * KILOBYTE);
    if (draw < 0.97) return Math.round(20 * KILOBYTE + next() * 80 * KILOBYTE);
    return Math.round(100 * KILOBYTE + next() * 900 * KILOBYTE);
  });
  sizes[Math.floor(count / 2)] = 3 * MEGABYTE;
  return sizes;
}

function messages(sizes: readonly number[]): Buffer[] {
  const line = Buffer.from('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n');
  return sizes.map((size, index) => {
    const buffer = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += line.length) line.copy(buffer, offset);
    buffer.write(`Message-ID: <${index}@bench>\r\n`, 0);
    return buffer;
  });
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

function writeDurableFile(directory: string, name: string, data: Buffer, syncFolder: boolean): void {
  const temporary = path.join(directory, `${name}.part`);
  const fd = openSync(temporary, 'w', 0o600);
  writeSync(fd, data);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, path.join(directory, name));
  if (syncFolder) syncDirectory(directory);
}

function openIndex(directory: string, withBlobs: boolean): Database.Database {
  const database = new Database(path.join(directory, 'index.sqlite'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.exec(
    `create table messages (id integer primary key, uidl text not null, location text not null, size integer not null${withBlobs ? ', raw blob not null' : ''})`,
  );
  return database;
}

function run(method: Method, data: readonly Buffer[], root: string): number {
  const directory = mkdtempSync(path.join(root, 'run-'));
  const raw = path.join(directory, 'raw');
  mkdirSync(raw);
  const database = openIndex(directory, method === 'sqlite blobs');
  const insert = database.prepare('insert into messages (uidl, location, size) values (?, ?, ?)');
  const insertBlob = method === 'sqlite blobs' ? database.prepare('insert into messages (uidl, location, size, raw) values (?, ?, ?, ?)') : undefined;
  const started = performance.now();
  let pack: { fd: number; name: string; offset: number } | undefined;
  for (let first = 0; first < data.length; first += BATCH_SIZE) {
    const batch = data.slice(first, first + BATCH_SIZE);
    const rows: Array<[string, string, number, Buffer?]> = [];
    let folderDirty = false;
    batch.forEach((message, index) => {
      const uidl = `uid-${first + index}`;
      switch (method) {
        case 'file per message':
        case 'file per message, folder sync per batch':
          writeDurableFile(raw, `${uidl}.eml`, message, method === 'file per message');
          folderDirty = true;
          rows.push([uidl, `${uidl}.eml`, message.length]);
          break;
        case 'sqlite blobs':
          rows.push([uidl, 'blob', message.length, message]);
          break;
        case 'pack files':
        case 'hybrid (packs + large files)':
          if (method === 'hybrid (packs + large files)' && message.length > HYBRID_THRESHOLD) {
            writeDurableFile(raw, `${uidl}.eml`, message, false);
            folderDirty = true;
            rows.push([uidl, `${uidl}.eml`, message.length]);
            break;
          }
          if (pack === undefined) {
            const name = `pack-${first}.pack`;
            pack = { fd: openSync(path.join(raw, name), 'w', 0o600), name, offset: 0 };
            folderDirty = true;
          }
          writeSync(pack.fd, message);
          rows.push([uidl, `${pack.name}@${pack.offset}`, message.length]);
          pack.offset += message.length;
          break;
      }
    });
    if (pack !== undefined) fsyncSync(pack.fd);
    if (folderDirty) syncDirectory(raw);
    database.transaction(() => {
      for (const [uidl, location, size, blob] of rows) {
        if (insertBlob !== undefined) insertBlob.run(uidl, location, size, blob);
        else insert.run(uidl, location, size);
      }
    })();
  }
  if (pack !== undefined) closeSync(pack.fd);
  const elapsed = performance.now() - started;
  database.close();
  rmSync(directory, { recursive: true, force: true });
  return elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): void {
  const sizes = messageSizes(MESSAGE_COUNT);
  const data = messages(sizes);
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-store-bench-'));
  const timings = new Map<Method, number[]>(METHODS.map((method) => [method, []]));
  try {
    for (const method of METHODS) run(method, data, root);
    for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
      for (const method of METHODS) timings.get(method)?.push(run(method, data, root));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const results = METHODS.map((method) => {
    const milliseconds = median(timings.get(method) ?? []);
    return {
      method,
      milliseconds: Math.round(milliseconds),
      messagesPerSecond: Math.round(MESSAGE_COUNT / (milliseconds / 1000)),
      megabytesPerSecond: Math.round(totalBytes / MEGABYTE / (milliseconds / 1000)),
    };
  });
  const baseline = results[0]?.milliseconds ?? 1;
  console.log(`${MESSAGE_COUNT} messages, ${(totalBytes / MEGABYTE).toFixed(1)} MB, batches of ${BATCH_SIZE}, median of ${REPETITIONS} (${os.tmpdir()})`);
  console.log(['method'.padEnd(42), 'ms'.padStart(8), 'msg/s'.padStart(8), 'MB/s'.padStart(6), 'vs file'.padStart(8)].join(' '));
  for (const result of results) {
    console.log(
      [
        result.method.padEnd(42),
        String(result.milliseconds).padStart(8),
        String(result.messagesPerSecond).padStart(8),
        String(result.megabytesPerSecond).padStart(6),
        (result.milliseconds / baseline).toFixed(2).padStart(8),
      ].join(' '),
    );
  }
  console.log(JSON.stringify({ benchmark: 'store-layout', messages: MESSAGE_COUNT, bytes: totalBytes, batch: BATCH_SIZE, repetitions: REPETITIONS, results }));
}

main();
