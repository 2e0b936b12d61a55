import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { applyParseResults, INDEX_BATCH_SIZE, type MessageIndexer } from '../../../electron/storage/message-index';
import { startParseWorker, startParseWorkers } from '../../../electron/workers/parse-client';
import { attachmentMessage } from '../../support/attachment-message';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from '../storage/store-fixture';

const DATABASE_FILE = 'mailbag.sqlite';

function sources(): Buffer[] {
  const list: Buffer[] = [
    attachmentMessage({
      head: [
        'From: =?utf-8?B?Wm/DqyBRdWlsbA==?= <zoe@example.org>',
        'To: ann@example.com, "Bob, the builder" <bob@example.com>',
        'Cc: Team: carl@example.net, dee@example.net;',
        'Subject: =?utf-8?Q?Quartalszahlen_f=C3=BCr?= Q1',
        'Date: Mon, 2 Feb 2026 09:00:00 +0100',
        'Message-ID: <q1@example.org>',
        'MIME-Version: 1.0',
      ],
      text: 'See the attached révisions.',
      fileName: 'q1 report.pdf',
      contentType: 'application/pdf',
      content: '0123456789',
      boundary: 'sep',
    }),
    mail({ subject: '会議の予定', from: '李明 <liming@example.cn>', body: '来週の会議について' }),
    mail({ subject: 'Arabic', from: '"\u202Bأحمد علي\u202C" <ahmad@example.org>', to: 'Fay <fay@example.org>', body: 'مرحبا' }),
    Buffer.from('this is not a mail message at all \x00\x01\x02'),
  ];
  for (let index = 0; index < 60; index += 1)
    list.push(mail({ subject: `Bulk ${index}`, from: `Sender ${index} <s${index}@example.com>`, body: `bulkword${index} common` }));
  return list;
}

async function filledStore(): Promise<Awaited<ReturnType<typeof openTestStore>>> {
  const opened = await openTestStore();
  for (const [index, source] of sources().entries()) {
    const outcome = await opened.store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `W${index}`, state: 'downloaded' } }, source);
    assert.ok(outcome.status === 'stored');
  }
  return opened;
}

function derived(database: SqliteDatabase): unknown {
  return {
    messages: database
      .prepare(
        `select id, subject, from_name, from_address, to_addresses, cc_addresses, date, case when date is null then sort_date - received_at else sort_date end as sort_key, message_id, in_reply_to, message_references,
                snippet, has_attachments, thread_key, parse_problems, indexed_at is not null as indexed from messages order by id`,
      )
      .all(),
    attachments: database.prepare('select * from attachments order by message_id, ordinal').all(),
    rows: ['message_search', 'message_search_cjk', 'message_from_search', 'message_to_search', 'message_cc_search', 'attachment_name_search'].map((table) =>
      database.prepare(`select id, sz from ${table}_docsize order by id`).all(),
    ),
  };
}

const QUERIES = ['common', 'bulkword7', 'révisions', 'from:zoe', 'to:bob', 'cc:carl', 'from:أحمد', '会議', 'filename:report', 'subject:quartalszahlen'];

test(
  'parse workers that write their own batches leave the same index, search results and list as writing on the main thread',
  { timeout: 120_000 },
  async () => {
    const byMain = await filledStore();
    const byWorkers = await filledStore();
    const parser = startParseWorkers(2);
    try {
      assert.deepEqual(await byMain.store.indexPending(parser.parse), { indexed: sources().length });
      // Temporary triggers fire only for the connection that made them: here, for writes of this thread.
      byWorkers.database.exec(`create temp table main_writes (id integer);
      create temp trigger count_main_writes after update of indexed_at on main.messages begin insert into main_writes values (new.id); end;`);
      const indexer = parser.indexer({ databaseFile: path.join(byWorkers.profile, DATABASE_FILE) });
      assert.deepEqual(await byWorkers.store.indexPending(parser.parse, undefined, indexer), { indexed: sources().length });
      assert.equal(byWorkers.database.prepare('select count(*) from main_writes').pluck().get(), 0, 'nothing was written on this thread');
      assert.deepEqual(derived(byWorkers.database), derived(byMain.database));
      for (const query of QUERIES) assert.deepEqual(foundIds(byWorkers.store, query, { limit: 500 }), foundIds(byMain.store, query, { limit: 500 }), query);
      assert.equal(foundIds(byWorkers.store, 'common', { limit: 500 }).length, 60);
      assert.equal(byWorkers.store.hasUnindexed(), false);
    } finally {
      await parser.close();
      byMain.database.close();
      byWorkers.database.close();
    }
  },
);

test('a batch whose indexing worker dies is parsed again message by message and written here, so every message is indexed', { timeout: 60_000 }, async () => {
  const { database, store, profile } = await openTestStore();
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Survivor', body: 'survivorword' }));
  assert.ok(outcome.status === 'stored');
  process.env.MAILBAG_TEST_PARSE_CRASH = '1';
  const crashing = startParseWorker(path.join(__dirname, 'crashing-parse-worker.ts'));
  try {
    const indexer = crashing.indexer({ databaseFile: path.join(profile, DATABASE_FILE) });
    delete process.env.MAILBAG_TEST_PARSE_CRASH;
    assert.deepEqual(await store.indexPending(inlineParser, undefined, indexer), { indexed: 1 });
    assert.equal(store.getMessage(outcome.messageId).subject, 'Survivor');
    assert.deepEqual(foundIds(store, 'survivorword'), [outcome.messageId]);
  } finally {
    delete process.env.MAILBAG_TEST_PARSE_CRASH;
    await crashing.close();
    database.close();
  }
});

test('an indexer is handed one batch at a time, each within the batch size, and a stopped run leaves the rest waiting', async () => {
  const { database, store } = await openTestStore();
  const total = INDEX_BATCH_SIZE + 5;
  for (let index = 0; index < total; index += 1) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: `Batch ${index}` }));
    assert.ok(outcome.status === 'stored');
  }
  let inFlight = 0;
  let mostInFlight = 0;
  const sizes: number[] = [];
  const stop = new AbortController();
  const indexer: MessageIndexer = async (requests) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    sizes.push(requests.length);
    const results = await inlineParser(requests);
    inFlight -= 1;
    const applied = applyParseResults(database, results, Date.now(), new Map(requests.map((request) => [request.messageId, request.sha256])));
    stop.abort();
    return applied;
  };
  assert.deepEqual(await store.indexPending(inlineParser, stop.signal, indexer), { indexed: 0 }, 'stopped while the first batch was written');
  assert.equal(store.hasUnindexed(), true, 'the rest waits for the next run');
  const report = await store.indexPending(inlineParser, undefined, indexer);
  assert.equal(report.indexed, 5);
  assert.equal(store.hasUnindexed(), false);
  assert.deepEqual(sizes, [INDEX_BATCH_SIZE, 5]);
  assert.equal(mostInFlight, 1);
  database.close();
});
