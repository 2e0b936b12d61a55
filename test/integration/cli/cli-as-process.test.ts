/** The command line as a process of its own, as `npm run cli` starts it: its exit codes reach the shell. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function tempProfile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-')), 'profile');
}

test('npm run cli runs the same command line as a process, with its exit code', () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const profile = tempProfile();
  const ok = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', '--json', 'info', '--profile', profile], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as { profileDir: string }).profileDir, profile);
  const usage = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'nope'], { cwd: root, encoding: 'utf8' });
  assert.equal(usage.status, 2);
});
