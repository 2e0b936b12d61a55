/**
 * Child process of the large-message benchmark: receives one account's mailbox into a fresh store in
 * this very process (no worker), then indexes it for full-text search here too (the parse worker's
 * code, inline), sampling its own resident memory, and prints one JSON line with the idle and peak
 * figures. Arguments: a JSON ReceiveJob.
 */
import { runReceiveJob } from '../../electron/jobs/receive/run-receive-job';
import type { ReceiveJob } from '../../electron/services/send-receive';
import { openDatabase } from '../../electron/storage/database';
import { openMessageStore } from '../../electron/storage/message-store';
import { parseStoredMessage } from '../../electron/jobs/parse/parse-message';

const SAMPLE_MS = 5;

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as ReceiveJob;
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, SAMPLE_MS);
  const started = performance.now();
  const outcome = await runReceiveJob(job, new AbortController().signal, () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  });
  const durationMs = performance.now() - started;
  const receivePeak = peak;
  const database = openDatabase(job.databaseFile);
  const store = await openMessageStore({ database, rawDirectory: job.rawDirectory, maintenance: false });
  const indexStarted = performance.now();
  const report = await store.indexPending(async (requests) =>
    Promise.all(requests.map(async (request) => ({ messageId: request.messageId, parsed: await parseStoredMessage(request.source) }))),
  );
  const indexMs = performance.now() - indexStarted;
  await store.close();
  database.close();
  clearInterval(sampler);
  process.stdout.write(
    `${JSON.stringify({ status: outcome.status, newMessages: outcome.summary.newMessages, indexed: report.indexed, idle, receivePeak, peak, durationMs, indexMs })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
