/**
 * How long Mailbag takes to send a message with a 20 MB attachment through a real Postfix on 127.0.0.1
 * (STARTTLS, AUTH PLAIN by Dovecot SASL), next to msmtp sending the very same bytes to the same server
 * in the same run. After one warm-up of each, the two take turns for a few repetitions; the median is
 * reported as a table and one JSON line. Composing the MIME message is timed on its own. A benchmark,
 * not a test: nothing here asserts a time.
 *
 *   node --import tsx test/bench/smtp-send.bench.ts
 *   MAILBAG_BENCH_ATTACHMENT_MB=5 MAILBAG_BENCH_REPETITIONS=3 node --import tsx test/bench/smtp-send.bench.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeMessage, sendMessage, type ComposedMessage } from '../../electron/protocols/smtp';
import { startPostfix, type PostfixServer } from '../servers/postfix';

const ATTACHMENT_MB = positiveInteger('MAILBAG_BENCH_ATTACHMENT_MB', 20);
const REPETITIONS = positiveInteger('MAILBAG_BENCH_REPETITIONS', 5);
const MEGABYTE = 1024 * 1024;
/** Base64 grows the attachment by a third; leave room for that and the headers. */
const SIZE_LIMIT = Math.ceil(ATTACHMENT_MB * MEGABYTE * 1.4) + MEGABYTE;
/** Bound on one msmtp run. */
const MSMTP_TIMEOUT_MS = 5 * 60_000;

type Method = 'mailbag' | 'msmtp';
const METHODS: readonly Method[] = ['mailbag', 'msmtp'];

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function sendWithMailbag(server: PostfixServer, message: ComposedMessage): Promise<number> {
  const start = performance.now();
  const outcome = await sendMessage({
    connection: { host: server.host, port: server.submissionPort, security: 'starttls', ca: server.caPem },
    credentials: { type: 'password', username: server.user, password: server.password, mechanism: 'PLAIN' },
    message,
  });
  const elapsed = performance.now() - start;
  if (outcome.kind !== 'sent') throw new Error(`Mailbag did not send: ${JSON.stringify(outcome)}`);
  return elapsed;
}

async function sendWithMsmtp(configPath: string, message: ComposedMessage): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('msmtp', ['-C', configPath, '-f', message.envelope.from, '--', ...message.envelope.to], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), MSMTP_TIMEOUT_MS);
    child.once('error', (error) => reject(new Error(`msmtp could not run (apt-get install msmtp): ${error.message}`)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`msmtp exited with ${String(code)}: ${stderr}`));
    });
    child.stdin.end(Buffer.from(message.raw));
  });
  return performance.now() - start;
}

async function main(): Promise<void> {
  const server = await startPostfix({ messageSizeLimit: SIZE_LIMIT });
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mailbag-smtp-bench-'));
  try {
    const composeStart = performance.now();
    const message = await composeMessage({
      from: { address: 'alice@example.test' },
      to: [{ address: 'bob@example.test' }],
      subject: `A ${ATTACHMENT_MB} MB attachment`,
      text: 'See the attachment.\n',
      attachments: [{ fileName: 'data.bin', contentType: 'application/octet-stream', content: randomBytes(ATTACHMENT_MB * MEGABYTE) }],
    });
    const composeMs = performance.now() - composeStart;
    const configPath = path.join(directory, 'msmtprc');
    await writeFile(path.join(directory, 'ca.pem'), server.caPem);
    await writeFile(
      configPath,
      [
        'account bench',
        `host ${server.host}`,
        `port ${server.submissionPort}`,
        'tls on',
        'tls_starttls on',
        `tls_trust_file ${path.join(directory, 'ca.pem')}`,
        'auth plain',
        `user ${server.user}`,
        `password "${server.password}"`,
        'account default : bench',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const run = (method: Method): Promise<number> => (method === 'mailbag' ? sendWithMailbag(server, message) : sendWithMsmtp(configPath, message));
    for (const method of METHODS) await run(method);
    const times: Record<Method, number[]> = { mailbag: [], msmtp: [] };
    for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
      for (const method of METHODS) times[method].push(await run(method));
    }
    const size = message.raw.byteLength;
    console.log(`Message: ${(size / MEGABYTE).toFixed(1)} MB on the wire (${ATTACHMENT_MB} MB attachment), composed by Mailbag in ${composeMs.toFixed(0)} ms`);
    console.log('method    median ms   MB/s');
    for (const method of METHODS) {
      const ms = median(times[method]);
      console.log(`${method.padEnd(9)} ${ms.toFixed(0).padStart(9)}   ${(size / MEGABYTE / (ms / 1000)).toFixed(1)}`);
    }
    console.log(
      JSON.stringify({
        benchmark: 'smtp-send',
        attachmentMegabytes: ATTACHMENT_MB,
        messageBytes: size,
        repetitions: REPETITIONS,
        composeMs: Math.round(composeMs),
        medianMs: { mailbag: Math.round(median(times.mailbag)), msmtp: Math.round(median(times.msmtp)) },
        ratio: Number((median(times.mailbag) / median(times.msmtp)).toFixed(2)),
      }),
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
