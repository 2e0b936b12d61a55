import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Debian package providing the reference POP3 client used by the benchmark. */
export const MPOP_PACKAGE = 'mpop';
/** Bound on one mpop run; a few thousand messages on loopback take seconds. */
const MPOP_TIMEOUT_MS = 10 * 60_000;
/** mpop's own network timeout, in seconds. */
const MPOP_NETWORK_TIMEOUT_SECONDS = 60;

/** How mpop reaches the server. */
export type MpopSecurity = 'plain' | 'starttls' | 'implicit-tls';

/** Options for {@link runMpop}. */
export interface MpopOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly security: MpopSecurity;
  /** CA file mpop must trust for TLS (the test CA). */
  readonly caPath?: string;
  /** mpop's `pipelining`; default `auto` (pipeline when the server advertises PIPELINING). */
  readonly pipelining?: 'auto' | 'on' | 'off';
  /** mpop's `auth`: `on` (best available), or a method such as `user`, `plain`, `scram-sha-256`. */
  readonly auth?: string;
  /** mpop's `only_new`: retrieve only messages its UIDL file does not know (default off: every message). */
  readonly onlyNew?: boolean;
  /** Working directory: the mpoprc, the UIDL file and the maildir mail is delivered to are made here. */
  readonly directory: string;
}

/** What one mpop run did. */
export interface MpopResult {
  /** Wall-clock time of the mpop process, start to exit. */
  readonly durationMs: number;
  /** The maildir mpop delivered to. */
  readonly maildir: string;
  /** Number of files in the maildir's `new/` afterwards. */
  readonly deliveredCount: number;
  readonly stdout: string;
  readonly stderr: string;
}

function mpoprc(options: MpopOptions, maildir: string, uidlsPath: string): string {
  const tls = options.security === 'plain' ? ['tls off'] : ['tls on', `tls_starttls ${options.security === 'starttls' ? 'on' : 'off'}`];
  return [
    'defaults',
    `timeout ${MPOP_NETWORK_TIMEOUT_SECONDS}`,
    '',
    'account test',
    `host ${options.host}`,
    `port ${options.port}`,
    ...tls,
    ...(options.caPath === undefined ? [] : [`tls_trust_file ${options.caPath}`]),
    `auth ${options.auth ?? 'on'}`,
    `user ${options.user}`,
    `password ${options.password}`,
    `delivery maildir ${maildir}`,
    'keep on',
    `only_new ${options.onlyNew === true ? 'on' : 'off'}`,
    'received_header off',
    `uidls_file ${uidlsPath}`,
    `pipelining ${options.pipelining ?? 'auto'}`,
    '',
  ].join('\n');
}

/**
 * Runs `mpop` once against a POP3 server: all messages delivered to a fresh maildir under
 * `options.directory` (which should be empty), kept on the server, with a fresh UIDL file; or, in the
 * directory of an earlier run with `onlyNew`, only what its UIDL file does not know yet (a check for
 * new mail).
 * Rejects when mpop fails or is not installed.
 */
export async function runMpop(options: MpopOptions): Promise<MpopResult> {
  const maildir = path.join(options.directory, 'Maildir');
  for (const folder of ['cur', 'new', 'tmp']) await mkdir(path.join(maildir, folder), { recursive: true });
  const rcPath = path.join(options.directory, 'mpoprc');
  // mpop refuses a configuration file that others can read.
  await writeFile(rcPath, mpoprc(options, maildir, path.join(options.directory, 'uidls')), { mode: 0o600 });

  const started = performance.now();
  const child = spawn('mpop', ['--file', rcPath, '--quiet', 'test'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: options.directory },
    timeout: MPOP_TIMEOUT_MS,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`mpop is not installed: apt-get install ${MPOP_PACKAGE}`) : error),
    );
    child.once('close', (code) => resolve(code));
  });
  const durationMs = performance.now() - started;
  if (exitCode !== 0) throw new Error(`mpop exited with ${String(exitCode)}: ${stderr.trim()}`);
  const deliveredCount = (await readdir(path.join(maildir, 'new'))).length;
  return { durationMs, maildir, deliveredCount, stdout, stderr };
}
