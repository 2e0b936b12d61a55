/**
 * A profile is private to its owner whatever the umask: the database and its WAL and SHM files are
 * 0600, directories 0700, and a profile left readable by others is tightened when it is opened.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { createCore } from '../../../electron/main/core';
import type { Logger } from '../../../electron/services/logger';
import { openDatabase } from '../../../electron/storage/database';
import { preparePrivateDatabaseFile } from '../../../electron/storage/private-files';

const directories: string[] = [];
const originalUmask = process.umask();
afterEach(() => {
  process.umask(originalUmask);
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbag-private-'));
  directories.push(directory);
  return directory;
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

test('the database, its WAL and its SHM are created 0600 even with a permissive umask', () => {
  process.umask(0o000);
  const file = path.join(temporaryDirectory(), 'mailbag.sqlite');
  const database = openDatabase(file);
  try {
    database.exec('create table if not exists probe (value text); insert into probe values (1)');
    for (const each of [file, `${file}-wal`, `${file}-shm`]) {
      assert.ok(fs.existsSync(each), `${each} exists`);
      assert.equal(modeOf(each).toString(8), '600', each);
    }
  } finally {
    database.close();
  }
});

test('a profile readable by others is made private when it is opened, and the user is told', async () => {
  process.umask(0o022);
  const profile = temporaryDirectory();
  fs.chmodSync(profile, 0o755);
  const first = await createCore({ profileDir: profile, logger: recordingLogger([]) });
  await first.close();
  const loose = [path.join(profile, 'mailbag.sqlite'), path.join(profile, 'settings.json')].filter((file) => fs.existsSync(file));
  assert.ok(loose.length > 0);
  for (const file of loose) fs.chmodSync(file, 0o644);
  const raw = fs
    .readdirSync(profile, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(profile, entry.name));
  for (const directory of raw) fs.chmodSync(directory, 0o755);
  fs.chmodSync(profile, 0o755);

  const warnings: string[] = [];
  const second = await createCore({ profileDir: profile, logger: recordingLogger(warnings) });
  await second.close();
  assert.equal(modeOf(profile).toString(8), '700');
  for (const file of loose) assert.equal(modeOf(file).toString(8), '600', file);
  for (const directory of raw) assert.equal(modeOf(directory).toString(8), '700', directory);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /made \d+ file\(s\) and folder\(s\) private to you/);
});

test('a new profile is private from the start, and opening it again says nothing', async () => {
  process.umask(0o000);
  const profile = path.join(temporaryDirectory(), 'new-profile');
  const warnings: string[] = [];
  const core = await createCore({ profileDir: profile, logger: recordingLogger(warnings) });
  await core.close();
  const again = await createCore({ profileDir: profile, logger: recordingLogger(warnings) });
  await again.close();
  assert.deepEqual(warnings, []);
  const walk = (directory: string): void => {
    assert.equal(modeOf(directory).toString(8), '700', directory);
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else assert.equal(modeOf(full).toString(8), '600', full);
    }
  };
  walk(profile);
});

function recordingLogger(warnings: string[]): Logger {
  return { info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };
}

test('preparing a database that exists never opens a descriptor of it, so the locks of open connections stay', () => {
  // Closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's too.
  const file = path.join(temporaryDirectory(), 'mailbag.sqlite');
  const database = openDatabase(file);
  const openSync = fs.openSync;
  const opened: number[] = [];
  const spy = (...args: Parameters<typeof fs.openSync>): number => {
    const descriptor = openSync(...args);
    if (path.resolve(String(args[0])) === file) opened.push(descriptor);
    return descriptor;
  };
  fs.openSync = spy;
  try {
    preparePrivateDatabaseFile(file);
    openDatabase(file).close();
  } finally {
    fs.openSync = openSync;
    database.close();
  }
  assert.deepEqual(opened, []);
});
