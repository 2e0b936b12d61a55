/**
 * Runs the whole test suite (or the parts named on the command line) with Node's own test runner.
 * TypeScript is loaded through tsx in every test process and in the worker threads they start.
 *
 *   tsx test/run.ts                 unit, integration and end-to-end tests
 *   tsx test/run.ts unit            one suite (a folder under test/)
 *   tsx test/run.ts test/unit/main  a folder, or single test files
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SUITES = ['unit', 'integration', 'e2e'] as const;
const TEST_FILE = /\.test\.tsx?$/;
/** No single test may run longer than this: a hang fails the suite instead of stalling it. */
const TEST_TIMEOUT_MS = 180_000;
const testRoot = path.resolve(__dirname);

function collect(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries.sort().flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return collect(full);
    return TEST_FILE.test(entry) ? [full] : [];
  });
}

const args = process.argv.slice(2);
const files =
  args.length === 0
    ? SUITES.flatMap((suite) => collect(path.join(testRoot, suite)))
    : args.flatMap((arg) => {
        if (TEST_FILE.test(arg)) return [path.resolve(arg)];
        const direct = collect(path.resolve(arg));
        return direct.length > 0 ? direct : collect(path.join(testRoot, arg));
      });

if (files.length === 0) {
  console.error(`No test files found for: ${args.join(' ') || SUITES.join(', ')}`);
  process.exit(2);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files],
  { stdio: 'inherit', env: { ...process.env, MAILBAG_TEST: '1' } },
);
process.exit(result.status ?? 1);
