/**
 * Helpers of the no-secret-on-disk tests: `mailbag` run as its own process (libsecret keeps one bus
 * connection per process, as a user's separate runs would), every file of a profile, and the forms a
 * password could take when written out (text, base64, hex).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SecretService } from '../../servers/secret-service';

/** Bound on one command-line process (tsx start-up, a sign-in, the keychain). */
export const COMMAND_TIMEOUT_MS = 60_000;
const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The command line's entry point, relative to the checkout. */
export const CLI_SCRIPT = 'electron/cli/main.ts';

/** What one process printed and how it ended. */
export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `script` (default the CLI) with `args` under `env` plus MAILBAG_HOME=profile, feeding `input`. */
export function runMailbagProcess(env: NodeJS.ProcessEnv, profile: string, args: readonly string[], input = '', script = CLI_SCRIPT): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...env, MAILBAG_HOME: profile },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mailbag ${args.join(' ')} did not finish within ${COMMAND_TIMEOUT_MS} ms: ${stderr}`));
    }, COMMAND_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Every file under `directory`, with its bytes. */
export function filesUnder(directory: string): { file: string; bytes: Buffer }[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isFile() ? [{ file, bytes: readFileSync(file) }] : [];
  });
}

/** The password as text, base64 (SASL PLAIN/LOGIN) and hex. */
export function secretForms(secret: string): Buffer[] {
  return [Buffer.from(secret, 'utf8'), Buffer.from(Buffer.from(secret).toString('base64')), Buffer.from(Buffer.from(secret).toString('hex'))];
}

/** A server a test started in `before`, failing the test plainly when it did not start. */
export function started<T>(server: T | undefined): T {
  assert.ok(server !== undefined, 'the test servers did not start');
  return server;
}

/**
 * Runs `mailbag` as its own process (libsecret keeps one bus connection per process) with the keychain
 * of the Secret Service the test started.
 */
export function keychainMailbag(secretService: () => SecretService | undefined) {
  return (profile: string, args: readonly string[], input = '', script?: string): Promise<ProcessResult> =>
    runMailbagProcess(started(secretService()).env, profile, args, input, script);
}
