/**
 * Runs the whole test suite (or the parts named on the command line) with Node's own test runner.
 * TypeScript is loaded through tsx in every test process and in the worker threads they start.
 *
 *   tsx test/run.ts                 unit, integration and end-to-end tests, then the language passes
 *   tsx test/run.ts unit            one suite (a folder under test/)
 *   tsx test/run.ts test/unit/main  a folder, or single test files
 *   tsx test/run.ts --languages     only the language passes: the language-checked end-to-end files
 *                                   (test/language-passes.ts) again in German and in Arabic
 *
 * MAILBAG_E2E_LOCALE=de-DE runs the named end-to-end files with the browser in German.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGE_CHECKED_FILES, LANGUAGE_PASS_LOCALES } from './language-passes';

const SUITES = ['unit', 'integration', 'e2e'] as const;
const TEST_FILE = /\.test\.tsx?$/;
/**
 * No test may run longer than this: a hang fails the suite instead of stalling it. Node's runner
 * applies it to each file as a whole as well, so it bounds the longest file (the window tests of
 * many steps); tests that can hang carry shorter limits of their own.
 */
const TEST_TIMEOUT_MS = 600_000;
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

const LANGUAGES_FLAG = '--languages';
const args = process.argv.slice(2);
const languagesOnly = args.includes(LANGUAGES_FLAG);
const named = args.filter((arg) => arg !== LANGUAGES_FLAG);
const repositoryRoot = path.resolve(testRoot, '..');

/** Runs test files under Node's runner with `locale` (when given) as the end-to-end tests' language; true when all passed. */
function runFiles(files: readonly string[], locale?: string): boolean {
  const env: NodeJS.ProcessEnv = { ...process.env, MAILBAG_TEST: '1' };
  if (locale !== undefined) env['MAILBAG_E2E_LOCALE'] = locale;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files],
    { stdio: 'inherit', env },
  );
  return result.status === 0;
}

/** The language-checked end-to-end files once in each language of the extra passes; true when every pass passed. */
function runLanguagePasses(): boolean {
  const files = LANGUAGE_CHECKED_FILES.map((file) => path.resolve(repositoryRoot, file));
  let passed = true;
  for (const locale of LANGUAGE_PASS_LOCALES) {
    if (files.length === 0) break;
    console.log(`\nEnd-to-end tests in ${locale} (MAILBAG_E2E_LOCALE=${locale}): ${files.length} files`);
    const started = Date.now();
    const ok = runFiles(files, locale);
    console.log(`End-to-end tests in ${locale}: ${ok ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1_000)} s`);
    passed &&= ok;
  }
  return passed;
}

if (languagesOnly) {
  if (named.length > 0) {
    console.error(`${LANGUAGES_FLAG} runs the files of test/language-passes.ts; it takes no other arguments.`);
    process.exit(2);
  }
  process.exit(runLanguagePasses() ? 0 : 1);
}

const files =
  named.length === 0
    ? SUITES.flatMap((suite) => collect(path.join(testRoot, suite)))
    : named.flatMap((arg) => {
        if (TEST_FILE.test(arg)) return [path.resolve(arg)];
        const direct = collect(path.resolve(arg));
        return direct.length > 0 ? direct : collect(path.join(testRoot, arg));
      });

if (files.length === 0) {
  console.error(`No test files found for: ${named.join(' ') || SUITES.join(', ')}`);
  process.exit(2);
}

const passed = runFiles(files);
// The whole suite also runs the language passes (after the English run, so their output stays apart).
const languagesPassed = named.length === 0 ? runLanguagePasses() : true;
process.exit(passed && languagesPassed ? 0 : 1);
