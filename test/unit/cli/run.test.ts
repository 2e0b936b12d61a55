import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { captureOutput } from '../../support/cli';

function tempProfile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-')), 'profile');
}

test('info --json prints the profile, versions and the account count', async () => {
  const profile = tempProfile();
  const io = captureOutput();
  assert.equal(await runCli(['--profile', profile, 'info', '--json'], io.streams, {}), 0);
  const info = JSON.parse(io.out()) as { profileDir: string; accountCount: number; versions: { sqlite: string }; transport: string };
  assert.equal(info.profileDir, profile);
  assert.equal(info.accountCount, 0);
  assert.equal(info.transport, 'cli');
  assert.match(info.versions.sqlite, /^3\.\d+/);
});

test('info in words, with the profile from MAILBAG_HOME', async () => {
  const profile = tempProfile();
  const io = captureOutput();
  assert.equal(await runCli(['info'], io.streams, { MAILBAG_HOME: profile }), 0);
  assert.match(io.out(), new RegExp(`Profile: +${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(io.out(), /Accounts: +0/);
});

test('usage mistakes exit 2 with the usage on stderr', async () => {
  for (const argv of [[], ['frobnicate'], ['info', '--bogus'], ['info', 'extra'], ['--profile']]) {
    const io = captureOutput();
    assert.equal(await runCli(argv, io.streams, { MAILBAG_HOME: tempProfile() }), 2, argv.join(' '));
    assert.match(io.err(), /Usage: mailbag/);
    assert.equal(io.out(), '');
  }
});

test('--help lists the commands and exits 0', async () => {
  const io = captureOutput();
  assert.equal(await runCli(['--help'], io.streams, {}), 0);
  assert.match(io.out(), /info +Show the profile directory/);
  assert.match(io.out(), /4 busy/);
});

test('a profile that cannot be created is a failure with a code, exit 1', async () => {
  const io = captureOutput();
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-')), 'a-file');
  writeFileSync(file, 'not a directory');
  assert.equal(await runCli(['--profile', path.join(file, 'profile'), 'info'], io.streams, {}), 1);
  assert.match(io.err(), /^mailbag: STORAGE: /m);
});
