/**
 * The conversation view's re-threading after a change, at CONVERSATION_BENCH_MESSAGES messages (Inbox
 * and Sent, in conversations of REPLY_CHAIN): what one change (a message moved out of the Inbox) costs
 * the main thread before the next page is shown. Before: threading in the main thread (what the
 * command line still does). After: the app's way, the threading worker behind the layout cache; the
 * main thread only checks the fingerprint and reads the page, measured as its busy time
 * (performance.eventLoopUtilization) while waiting, beside the time until the page is ready.
 * A benchmark, not a test: nothing here asserts a time. Prints a table and one JSON line.
 *
 *   node --import tsx test/bench/conversation-threading.bench.ts
 *   MAILBAG_BENCH_THREAD_MESSAGES=20000 node --import tsx test/bench/conversation-threading.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/storage/database';
import { ensureDefaultFolders, folderIdForRole } from '../../electron/storage/folders';
import { conversationScope, listConversations, pageOfConversations } from '../../electron/storage/message-threads';
import { createThreadingCache } from '../../electron/storage/thread-layout';
import { startThreadingWorker } from '../../electron/workers/threading-client';

/** Messages threaded (the scale). */
const MESSAGE_COUNT = Number(process.env.MAILBAG_BENCH_THREAD_MESSAGES ?? 100_000);
/** Messages per conversation: a start and its replies. */
const REPLY_CHAIN = 5;
/** Changes timed each way (each a different message moved out, so each re-threads). */
const RUNS = 5;
/** A page of the conversation list. */
const PAGE = 50;
const HOUR_MS = 3_600_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-thread-bench-'));
  const database = openDatabase(path.join(directory, 'mailbag.sqlite'));
  const worker = startThreadingWorker(database.name);
  try {
    database.prepare("insert into accounts (id, name, email, created_at) values ('home', 'home', 'ann@example.com', 1)").run();
    ensureDefaultFolders(database, 'home');
    const inbox = folderIdForRole(database, 'home', 'inbox');
    const sent = folderIdForRole(database, 'home', 'sent');
    const trash = folderIdForRole(database, 'home', 'trash');
    const insert = database.prepare(
      `insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date, seen, subject, from_name, from_address,
         message_id, in_reply_to, message_references, indexed_at)
       values ('home', ?, ?, 100, 'hash', 1, ?, 1, ?, 'Ann', 'ann@example.com', ?, ?, ?, 1)`,
    );
    database.transaction(() => {
      for (let index = 0; index < MESSAGE_COUNT; index += 1) {
        const start = index - (index % REPLY_CHAIN);
        const references = Array.from({ length: index - start }, (_, step) => `<m${start + step}@example.com>`);
        insert.run(
          index % REPLY_CHAIN === 2 ? sent : inbox,
          `raw/${index}`,
          index * HOUR_MS,
          index === start ? `Topic ${start}` : `Re: Topic ${start}`,
          `<m${index}@example.com>`,
          references.at(-1) ?? null,
          JSON.stringify(references),
        );
      }
    })();
    const scope = conversationScope(database, [inbox], ['inbox', 'sent']);
    const firstOf = database.prepare<[number], { id: number }>('select id from messages where folder_id = ? order by id limit 1');
    const move = database.prepare<[number, number]>('update messages set folder_id = ? where id = ?');
    const moveOne = (): void => {
      const row = firstOf.get(inbox);
      if (row === undefined) throw new Error('empty inbox');
      move.run(trash, row.id);
    };

    listConversations(database, scope, { limit: PAGE });
    const inMain: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      moveOne();
      const started = performance.now();
      listConversations(database, scope, { limit: PAGE });
      inMain.push(performance.now() - started);
    }

    const cache = createThreadingCache(database, (asked) => worker.layout(asked));
    pageOfConversations(database, await cache.layout(scope), { limit: PAGE });
    const busy: number[] = [];
    const ready: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      moveOne();
      const utilization = performance.eventLoopUtilization();
      const started = performance.now();
      pageOfConversations(database, await cache.layout(scope), { limit: PAGE });
      ready.push(performance.now() - started);
      busy.push(performance.eventLoopUtilization(utilization).active);
    }

    const results = {
      messages: MESSAGE_COUNT,
      beforeMainThreadMs: median(inMain),
      afterMainThreadMs: median(busy),
      afterPageReadyMs: median(ready),
    };
    console.log(`Re-threading after one change, ${MESSAGE_COUNT} messages (Inbox and Sent), median of ${RUNS}:`);
    console.log(`  before: threading in the main thread, main thread busy   ${results.beforeMainThreadMs.toFixed(1).padStart(8)} ms`);
    console.log(`  after:  threading worker, main thread busy               ${results.afterMainThreadMs.toFixed(1).padStart(8)} ms`);
    console.log(`  after:  threading worker, until the page is ready        ${results.afterPageReadyMs.toFixed(1).padStart(8)} ms`);
    console.log(JSON.stringify({ benchmark: 'conversation-threading', ...results }));
  } finally {
    await worker.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
