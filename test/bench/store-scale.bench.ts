/**
 * The message store through its real API, on this machine's disk:
 *   1. storing 2,000 messages of realistic sizes the way Send/Receive will (streamed into sinks, one
 *      commit per batch with the POP journal rows), next to a peer that writes one fsynced file per
 *      message (what maildir deliverers such as mpop do), in the same run; then indexing them in the
 *      parse worker (reported separately: indexing may finish after the messages are listed);
 *   2. with 100,000 messages in one folder: the first page of the list, a page at offset 90,000, the
 *      folder counts and full-text searches (median of several runs); then the reader's list
 *      (`listSource`) sorted by date, sender, subject and size, each way, and filtered to unread
 *      (90% of the folder) and flagged (2%) messages: the first page and the page at offset 90,000 (or
 *      the last page of a shorter filtered list). Targets from the issue: list pages under 20 ms,
 *      search under 50 ms. One message in CJK_EVERY has a Japanese subject and body, so the CJK side
 *      index has work; the size of both full-text indexes is reported (SQLite's dbstat). Every
 *      operator of the search language is timed too (a page of 50 with the total; the number of
 *      matches in brackets), by date and, for words, by relevance. The folder's mail comes in
 *      conversations of REPLY_CHAIN messages, and the conversation view with Sent is timed: the first
 *      threading, threading again after a change, pages and one conversation. Then the folder
 *      operations (store-folder-operations.ts): moving 10,000 of those messages to a folder and back,
 *      marking them read, deleting their folder to Trash, and the folder tree's counts.
 * A benchmark, not a test: nothing here asserts a time. Prints a table and one JSON line.
 *
 *   node --import tsx test/bench/store-scale.bench.ts
 *   MAILBAG_BENCH_LARGE_FOLDER=20000 node --import tsx test/bench/store-scale.bench.ts
 */
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../../electron/storage/database';
import { applyParseResults, type ParseResult } from '../../electron/storage/message-index';
import { listSource, type ListDirection, type ListFilter, type ListSort } from '../../electron/storage/message-list';
import { conversationLines, conversationScope, listConversations } from '../../electron/storage/message-threads';
import { openMessageStore, type MessageStore } from '../../electron/storage/message-store';
import type { SearchSort } from '../../electron/storage/message-search';
import type { MessageSink } from '../../electron/storage/raw-batch';
import { startParseWorker } from '../../electron/workers/parse-client';
import { timeFolderOperations } from './store-folder-operations';

const MESSAGE_COUNT = positiveInteger('MAILBAG_BENCH_MESSAGES', 2_000);
const LARGE_FOLDER = positiveInteger('MAILBAG_BENCH_LARGE_FOLDER', 100_000);
const BATCH_SIZE = positiveInteger('MAILBAG_BENCH_BATCH', 100);
const QUERY_RUNS = 21;
const CHUNK_BYTES = 16 * 1024;
const ACCOUNT = 'bench';
const TEXT_LINE = Buffer.from('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n');
const LIST_PAGE = 50;
const DEEP_OFFSET = 90_000;
/** One message in SEEN_EVERY is read, one in FLAGGED_EVERY flagged (by id), so the filters have work. */
const SEEN_EVERY = 10;
const FLAGGED_EVERY = 50;
const LIST_SORTS: readonly ListSort[] = ['date', 'sender', 'subject', 'size'];
const LIST_DIRECTIONS: readonly ListDirection[] = ['desc', 'asc'];
const LIST_FILTERS: ReadonlyArray<Exclude<ListFilter, 'all'>> = ['unread', 'flagged'];
/** One message in CJK_EVERY is written in Japanese (subject and body). */
const CJK_EVERY = 20;
const CJK_SUBJECT = '本日の会議資料を送ります';
const CJK_BODY = 'お疲れ様です。来週の予定について確認させてください。よろしくお願いいたします。';
/** One message in ATTACHMENT_EVERY has an attachment (report-ID.pdf), one in CC_EVERY a Cc. */
const ATTACHMENT_EVERY = 25;
const CC_EVERY = 7;
/** One message in LARGE_EVERY is 20 KB larger than the rest. */
const LARGE_EVERY = 200;
const LARGE_PADDING = 'x'.repeat(20 * 1024);
/** Messages per conversation in the large folder (a start and its replies, for the conversation view). */
const REPLY_CHAIN = 4;
/** Runs of the conversation view's re-threading after a change (each threads the whole folder). */
const RETHREAD_RUNS = 5;
/** Search-language queries timed at full size (page of 50 with the total), by operator. */
const LANGUAGE_QUERIES: ReadonlyArray<readonly [string, string, SearchSort?]> = [
  ['phrase', '"invoice meeting"'],
  ['from: (a sender)', 'from:"Sender 42"'],
  ['to: (every message)', 'to:bench'],
  ['cc:', 'cc:carol'],
  ['subject:', 'subject:budget'],
  ['has:attachment', 'has:attachment'],
  ['filename:', 'filename:report'],
  ['filename: (2 characters)', 'filename:77'],
  ['is:unread (90%)', 'is:unread'],
  ['is:read', 'is:read'],
  ['is:flagged', 'is:flagged'],
  ['in:inbox', 'in:inbox'],
  ['before:', 'before:2020-01-15'],
  ['after:', 'after:2020-03-01'],
  ['on:', 'on:2020-02-01'],
  ['larger:', 'larger:10K'],
  ['smaller:', 'smaller:1K'],
  ['OR', 'zebrafish OR from:"Sender 42"'],
  ['NOT', 'zebrafish -budget'],
  ['NOT alone', '-budget'],
  ['parentheses', '(from:"Sender 42" OR is:flagged) budget'],
  ['word and filters', 'budget is:unread after:2020-02-01'],
  ['common word, relevance', 'budget', 'relevance'],
  ['rare word, relevance', 'zebrafish', 'relevance'],
  ['CJK word, relevance', '会議資料', 'relevance'],
];
const WORDS = ['invoice', 'meeting', 'holiday', 'project', 'report', 'budget', 'lunch', 'review', 'schedule', 'update', 'deadline', 'contract'];

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer.`);
  return value;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function mixedMessages(count: number): Buffer[] {
  const next = random(2026);
  return Array.from({ length: count }, (_, index) => {
    const draw = next();
    const size = draw < 0.85 ? 2_048 + next() * 18_432 : draw < 0.97 ? 20_480 + next() * 81_920 : 102_400 + next() * 921_600;
    const header = `Message-ID: <${index}@bench>\r\nSubject: Message ${index}\r\nFrom: Sender <sender${index % 50}@example.com>\r\n\r\n`;
    const body = Buffer.alloc(Math.max(0, Math.round(size) - header.length));
    for (let offset = 0; offset < body.length; offset += TEXT_LINE.length) TEXT_LINE.copy(body, offset);
    return Buffer.concat([Buffer.from(header), body]);
  });
}

async function openStore(root: string): Promise<{ store: MessageStore; close(): void }> {
  const database = openDatabase(path.join(root, 'mailbag.sqlite'));
  database.prepare("insert into accounts (id, name, email, created_at) values (?, 'Bench', 'bench@example.com', 1)").run(ACCOUNT);
  const store = await openMessageStore({ database, rawDirectory: path.join(root, 'messages') });
  return { store, close: () => database.close() };
}

/** Full-text indexing of what `storeThroughApi` stored, in the parse worker (it may trail the listing). */
async function indexWithWorker(root: string): Promise<number> {
  const database = openDatabase(path.join(root, 'mailbag.sqlite'));
  const store = await openMessageStore({ database, rawDirectory: path.join(root, 'messages') });
  const parser = startParseWorker();
  const started = performance.now();
  const { indexed } = await store.indexPending(parser.parse);
  const elapsed = performance.now() - started;
  await parser.close();
  await store.close();
  database.close();
  if (indexed !== MESSAGE_COUNT) throw new Error(`indexed ${indexed} of ${MESSAGE_COUNT}`);
  return elapsed;
}

async function storeThroughApi(messages: readonly Buffer[], root: string): Promise<number> {
  const { store, close } = await openStore(root);
  const started = performance.now();
  for (let first = 0; first < messages.length; first += BATCH_SIZE) {
    const batch = store.beginBatch();
    const sinks: MessageSink[] = [];
    for (const message of messages.slice(first, first + BATCH_SIZE)) {
      const sink = batch.createMessageSink();
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < message.length; offset += CHUNK_BYTES) chunks.push(message.subarray(offset, offset + CHUNK_BYTES));
      await pipeline(Readable.from(chunks), sink);
      sinks.push(sink);
    }
    await batch.commit(
      sinks.map((sink, index) => ({
        accountId: ACCOUNT,
        folder: 'inbox' as const,
        message: sink,
        pop: { uidl: `U${first + index}`, state: 'downloaded' as const },
      })),
    );
  }
  const elapsed = performance.now() - started;
  close();
  return elapsed;
}

function storeFilePerMessage(messages: readonly Buffer[], root: string): number {
  const directory = path.join(root, 'maildir');
  mkdirSync(directory);
  const started = performance.now();
  messages.forEach((message, index) => {
    const temporary = path.join(directory, `${index}.tmp`);
    const fd = openSync(temporary, 'w', 0o600);
    writeSync(fd, message);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path.join(directory, `${index}.eml`));
    const folder = openSync(directory, 'r');
    fsyncSync(folder);
    closeSync(folder);
  });
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(run: () => unknown): number {
  const samples: number[] = [];
  for (let index = 0; index < QUERY_RUNS; index += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function fillLargeFolder(root: string): Promise<{ store: MessageStore; ids: readonly number[]; close(): void; fillMs: number; indexMs: number }> {
  const opened = await openStore(root);
  const next = random(7);
  const started = performance.now();
  const ids: number[] = [];
  for (let first = 0; first < LARGE_FOLDER; first += 1_000) {
    const batch = opened.store.beginBatch();
    const written = [];
    for (let index = first; index < Math.min(first + 1_000, LARGE_FOLDER); index += 1) {
      // One message in LARGE_EVERY is padded, so larger: and smaller: have something to tell apart.
      const padding = index % LARGE_EVERY === 0 ? LARGE_PADDING : '';
      written.push(await batch.addMessage(Buffer.from(`Subject: Message ${index}\r\n\r\nBody ${index}\r\n${padding}`)));
    }
    const outcomes = await batch.commit(
      written.map((message, offset) => ({
        accountId: ACCOUNT,
        folder: 'inbox' as const,
        message,
        receivedAt: Date.UTC(2020, 0, 1) + (first + offset) * 60_000,
      })),
    );
    for (const outcome of outcomes) if (outcome.status === 'stored') ids.push(outcome.messageId);
  }
  const fillMs = performance.now() - started;
  const indexStarted = performance.now();
  for (let first = 0; first < ids.length; first += 1_000) {
    const results: ParseResult[] = ids.slice(first, first + 1_000).map((messageId) => {
      const words = Array.from({ length: 40 }, () => WORDS[Math.floor(next() * WORDS.length)] ?? 'mail');
      if (messageId % 1_000 === 0) words.push('zebrafish');
      const japanese = messageId % CJK_EVERY === 0;
      const text = japanese ? `${CJK_BODY} ${words.join(' ')}` : words.join(' ');
      return {
        messageId,
        parsed: {
          subject: japanese ? `${CJK_SUBJECT} ${messageId}` : `Message ${messageId} about ${words[0] ?? ''}`,
          from: { name: `Sender ${messageId % 500}`, address: `sender${messageId % 500}@example.com` },
          to: [{ name: '', address: 'bench@example.com' }],
          cc: messageId % CC_EVERY === 0 ? [{ name: `Carol ${messageId % 100}`, address: 'carol@example.com' }] : [],
          date: Date.UTC(2020, 0, 1) + messageId * 60_000,
          messageId: `<${messageId}@bench>`,
          // Conversations of REPLY_CHAIN messages: each reply names the first and the one before it.
          inReplyTo: messageId % REPLY_CHAIN === 0 ? null : `<${messageId - 1}@bench>`,
          references: messageId % REPLY_CHAIN === 0 ? [] : [...new Set([`<${messageId - (messageId % REPLY_CHAIN)}@bench>`, `<${messageId - 1}@bench>`])],
          text,
          snippet: text.slice(0, 200),
          attachments:
            messageId % ATTACHMENT_EVERY === 0
              ? [{ fileName: `report-${messageId}.pdf`, contentType: 'application/pdf', size: 1_000, contentId: null, inline: false }]
              : [],
          problems: [],
        },
      };
    });
    applyParseResults(opened.store.database, results);
  }
  const indexMs = performance.now() - indexStarted;
  opened.store.setFlags(
    ids.filter((id) => id % SEEN_EVERY === 0),
    { seen: true },
  );
  opened.store.setFlags(
    ids.filter((id) => id % FLAGGED_EVERY === 0),
    { flagged: true },
  );
  return { ...opened, ids, fillMs, indexMs };
}

/** Median times of the first page and a deep page of one list (deep: offset 90,000 or the last page). */
interface ListTiming {
  readonly total: number;
  readonly firstMs: number;
  readonly deepOffset: number;
  readonly deepMs: number;
}

/** Every sort each way, then each filter (date, newest first), of one folder. */
function timeLists(store: MessageStore, folderId: number): Record<string, ListTiming> {
  const source = { kind: 'folder', folderId } as const;
  const cases: Array<[string, { sort?: ListSort; direction?: ListDirection; filter?: ListFilter }]> = [
    ...LIST_SORTS.flatMap((sort) =>
      LIST_DIRECTIONS.map((direction): [string, { sort: ListSort; direction: ListDirection }] => [`${sort} ${direction}`, { sort, direction }]),
    ),
    ...LIST_FILTERS.map((filter): [string, { filter: ListFilter }] => [`${filter}, date desc`, { filter }]),
    ...LIST_FILTERS.map((filter): [string, { filter: ListFilter; sort: ListSort }] => [`${filter}, subject asc`, { filter, sort: 'subject' }]),
  ];
  return Object.fromEntries(
    cases.map(([name, options]) => {
      const { total } = listSource(store.database, source, { ...options, limit: 1 });
      const deepOffset = Math.max(0, Math.min(DEEP_OFFSET, total - LIST_PAGE));
      const firstMs = time(() => listSource(store.database, source, { ...options, limit: LIST_PAGE }));
      const deepMs = time(() => listSource(store.database, source, { ...options, offset: deepOffset, limit: LIST_PAGE }));
      return [name, { total, firstMs, deepOffset, deepMs }];
    }),
  );
}

/**
 * The conversation view of the large folder with Sent: the first threading (cold), pages from the
 * cached threading (flags read fresh), a deep page, one conversation, and threading again after the
 * folder changed (a message moved out: every run threads the whole folder anew).
 */
function timeConversations(store: MessageStore, inboxId: number): Record<string, number> {
  const database = store.database;
  const scope = conversationScope(database, [inboxId], ['inbox', 'sent']);
  const coldStarted = performance.now();
  const { total } = listConversations(database, scope, { limit: LIST_PAGE });
  const coldMs = performance.now() - coldStarted;
  const trash = store.listFolders(ACCOUNT).find((folder) => folder.role === 'trash');
  if (trash === undefined) throw new Error('no trash');
  const firstOf = database.prepare<[number], { id: number }>('select id from messages where folder_id = ? order by id limit 1');
  const move = database.prepare<[number, number]>('update messages set folder_id = ? where id = ?');
  const rethread: number[] = [];
  const movedIds: number[] = [];
  // A different message each run, so every run meets a folder it has not threaded before.
  for (let run = 0; run < RETHREAD_RUNS; run += 1) {
    const row = firstOf.get(inboxId);
    if (row === undefined) break;
    move.run(trash.id, row.id);
    movedIds.push(row.id);
    const started = performance.now();
    listConversations(database, scope, { limit: LIST_PAGE });
    rethread.push(performance.now() - started);
  }
  for (const id of movedIds) move.run(inboxId, id);
  listConversations(database, scope, { limit: LIST_PAGE });
  const deepOffset = Math.max(0, Math.min(DEEP_OFFSET / REPLY_CHAIN, total - LIST_PAGE));
  const someMessage = firstOf.get(inboxId);
  if (someMessage === undefined) throw new Error('empty inbox');
  return {
    [`conversations: first threading, ${total} (once)`]: coldMs,
    [`conversations: threading after a change (${RETHREAD_RUNS} runs)`]: median(rethread),
    'conversations: first page (50)': time(() => listConversations(database, scope, { limit: LIST_PAGE })),
    [`conversations: page at offset ${deepOffset}`]: time(() => listConversations(database, scope, { offset: deepOffset, limit: LIST_PAGE })),
    'conversations: one conversation': time(() => conversationLines(database, scope, someMessage.id)),
  };
}

/** Bytes of the main and the CJK full-text index, with their shadow tables (dbstat). */
function searchIndexBytes(store: MessageStore): Record<string, number> {
  const size = store.database.prepare<[string], { bytes: number | null }>("select sum(pgsize) as bytes from dbstat where name like ? || '%'");
  return {
    'message_search (all)': size.get('message_search')?.bytes ?? 0,
    message_search_cjk: size.get('message_search_cjk')?.bytes ?? 0,
  };
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-store-scale-'));
  try {
    const messages = mixedMessages(MESSAGE_COUNT);
    const megabytes = messages.reduce((sum, message) => sum + message.length, 0) / 1024 / 1024;
    const apiRoot = mkdtempSync(path.join(root, 'api-'));
    const apiMs = await storeThroughApi(messages, apiRoot);
    const indexMs = await indexWithWorker(apiRoot);
    const peerMs = storeFilePerMessage(messages, mkdtempSync(path.join(root, 'peer-')));

    const large = await fillLargeFolder(mkdtempSync(path.join(root, 'large-')));
    const inbox = large.store.listFolders(ACCOUNT).find((folder) => folder.role === 'inbox');
    if (inbox === undefined) throw new Error('no inbox');
    const queries: Record<string, number> = {
      'list first page (50)': time(() => large.store.listMessages(inbox.id, { limit: 50 })),
      'list page at offset 90,000': time(() => large.store.listMessages(inbox.id, { offset: Math.min(90_000, LARGE_FOLDER - 50), limit: 50 })),
      'folder counts': time(() => large.store.listFolders(ACCOUNT)),
      'search common word (50)': time(() => large.store.search('budget', { limit: 50 })),
      'search rare word': time(() => large.store.search('zebrafish')),
      'search two words, prefix (50)': time(() => large.store.search('invoice sched', { limit: 50 })),
      'search CJK word, mid-subject (50)': time(() => large.store.search('会議資料', { limit: 50 })),
      'search CJK and Latin word (50)': time(() => large.store.search('会議資料 budget', { limit: 50 })),
    };
    for (const [name, query, sort] of LANGUAGE_QUERIES) {
      const outcome = large.store.search(query, { limit: 50, sort: sort ?? 'date' });
      if (!outcome.ok) throw new Error(`${query}: ${outcome.error.message}`);
      queries[`${name} [${outcome.total}]`] = time(() => large.store.search(query, { limit: 50, sort: sort ?? 'date' }));
    }
    const conversations = timeConversations(large.store, inbox.id);
    Object.assign(queries, conversations);
    const indexBytes = searchIndexBytes(large.store);
    const lists = timeLists(large.store, inbox.id);
    const folderOperations = timeFolderOperations(large.store.database, ACCOUNT, inbox.id, large.ids);
    large.close();

    console.log(`Storing ${MESSAGE_COUNT} messages (${megabytes.toFixed(1)} MB), batches of ${BATCH_SIZE}:`);
    console.log(`  mailbag store API        ${apiMs.toFixed(0).padStart(7)} ms ${(MESSAGE_COUNT / (apiMs / 1000)).toFixed(0).padStart(7)} msg/s`);
    console.log(`  one fsynced file each    ${peerMs.toFixed(0).padStart(7)} ms ${(MESSAGE_COUNT / (peerMs / 1000)).toFixed(0).padStart(7)} msg/s`);
    console.log(`  ratio (mailbag / peer)   ${(apiMs / peerMs).toFixed(2)}`);
    console.log(`  then indexed (parse worker, full text) in ${indexMs.toFixed(0)} ms`);
    console.log(
      `${LARGE_FOLDER} messages in one folder (stored in ${large.fillMs.toFixed(0)} ms, indexed in ${large.indexMs.toFixed(0)} ms), median of ${QUERY_RUNS}:`,
    );
    for (const [name, milliseconds] of Object.entries(queries)) console.log(`  ${name.padEnd(44)} ${milliseconds.toFixed(2).padStart(8)} ms`);
    for (const [name, bytes] of Object.entries(indexBytes)) console.log(`  size of ${name.padEnd(26)} ${(bytes / 1024 / 1024).toFixed(1).padStart(8)} MB`);
    console.log(`The reader's list of that folder (listSource, pages of ${LIST_PAGE}), median of ${QUERY_RUNS}:`);
    console.log(`  ${'list'.padEnd(24)} ${'messages'.padStart(8)} ${'first page'.padStart(11)} ${'deep offset'.padStart(11)} ${'deep page'.padStart(10)}`);
    for (const [name, timing] of Object.entries(lists)) {
      console.log(
        `  ${name.padEnd(24)} ${String(timing.total).padStart(8)} ${timing.firstMs.toFixed(2).padStart(8)} ms ${String(timing.deepOffset).padStart(11)} ${timing.deepMs.toFixed(2).padStart(7)} ms`,
      );
    }
    console.log(`Folder operations in that folder, median of a few runs:`);
    for (const [name, milliseconds] of Object.entries(folderOperations)) console.log(`  ${name.padEnd(44)} ${milliseconds.toFixed(2).padStart(8)} ms`);
    console.log(
      JSON.stringify({
        benchmark: 'store-scale',
        store: {
          messages: MESSAGE_COUNT,
          megabytes: Number(megabytes.toFixed(1)),
          apiMs: Math.round(apiMs),
          filePerMessageMs: Math.round(peerMs),
          ratio: Number((apiMs / peerMs).toFixed(3)),
          indexMs: Math.round(indexMs),
        },
        largeFolder: {
          messages: LARGE_FOLDER,
          fillMs: Math.round(large.fillMs),
          indexMs: Math.round(large.indexMs),
          indexBytes,
          medianMs: Object.fromEntries(Object.entries(queries).map(([name, value]) => [name, Number(value.toFixed(2))])),
        },
        folderOperationsMs: Object.fromEntries(Object.entries(folderOperations).map(([name, value]) => [name, Number(value.toFixed(2))])),
        lists: Object.fromEntries(
          Object.entries(lists).map(([name, timing]) => [
            name,
            { total: timing.total, firstMs: Number(timing.firstMs.toFixed(2)), deepOffset: timing.deepOffset, deepMs: Number(timing.deepMs.toFixed(2)) },
          ]),
        ),
      }),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
