/**
 * The parse workers take the list columns a batch commit read from a message's header section instead
 * of reading that header again, and the index they leave is the one reading every header gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { startParseWorkers } from '../../../electron/workers/parse-client';
import { attachmentMessage } from '../../support/attachment-message';
import { ACCOUNT, foundIds, mail, openTestStore } from '../storage/store-fixture';

const DATABASE_FILE = 'mailbag.sqlite';

/** Messages of the shapes the quick parsers take (plain, quoted-printable, multipart with a file) and headers that need decoding. */
function sources(): Buffer[] {
  return [
    attachmentMessage({
      head: [
        'From: =?utf-8?B?Wm/DqyBRdWlsbA==?= <zoe@example.org>',
        'To: ann@example.com, "Bob, the builder" <bob@example.com>',
        'Cc: Team: carl@example.net, dee@example.net;',
        'Subject: =?utf-8?Q?Quartalszahlen_f=C3=BCr?= Q1',
        'Date: Mon, 2 Feb 2026 09:00:00 +0100',
        'Message-ID: <q1@example.org>',
        'References: <root@example.org>\r\n <q0@example.org>',
        'In-Reply-To: <q0@example.org>',
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
    mail({
      subject: `A subject folded\r\n  over ${'very '.repeat(40)}long lines`,
      from: 'undisclosed-recipients:;',
      body: 'soft=\r\nbreak =C3=A9t=C3=A9',
      extraHeaders: ['Content-Transfer-Encoding: quoted-printable'],
    }),
    mail({ subject: 'No date', date: 'not a date at all', body: 'nodateword' }),
  ];
}

async function filledStore(): Promise<Awaited<ReturnType<typeof openTestStore>>> {
  const opened = await openTestStore();
  for (const [index, source] of sources().entries()) {
    const outcome = await opened.store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `L${index}`, state: 'downloaded' } }, source);
    assert.ok(outcome.status === 'stored');
  }
  return opened;
}

function derived(database: SqliteDatabase): unknown {
  return {
    messages: database
      .prepare(
        `select id, subject, from_name, from_address, to_addresses, cc_addresses, date, case when date is null then sort_date - received_at else sort_date end as sort_key,
                message_id, in_reply_to, message_references, snippet, has_attachments, thread_key, parse_problems, indexed_at is not null as indexed from messages order by id`,
      )
      .all(),
    attachments: database.prepare('select * from attachments order by message_id, ordinal').all(),
    rows: ['message_search', 'message_search_cjk', 'message_from_search', 'message_to_search', 'message_cc_search', 'attachment_name_search'].map((table) =>
      database.prepare(`select id, sz from ${table}_docsize order by id`).all(),
    ),
  };
}

const QUERIES = [
  'révisions',
  'from:zoe',
  'from:zoë',
  'to:bob',
  'cc:carl',
  'from:أحمد',
  '会議',
  'filename:report',
  'subject:quartalszahlen',
  'été',
  'nodateword',
  'subject:long',
];

test('the index the parse workers leave from the columns a batch commit wrote is the one reading every header again gives', { timeout: 120_000 }, async () => {
  const fromColumns = await filledStore();
  const fromHeaders = await filledStore();
  const parser = startParseWorkers(2);
  try {
    // A snippet marks a row the indexer has read before: its header is read again.
    fromHeaders.database.exec("update messages set snippet = ''");
    for (const { store, profile } of [fromColumns, fromHeaders]) {
      const indexer = parser.indexer({ databaseFile: path.join(profile, DATABASE_FILE) });
      assert.deepEqual(await store.indexPending(parser.parse, undefined, indexer), { indexed: sources().length });
    }
    assert.deepEqual(derived(fromColumns.database), derived(fromHeaders.database));
    for (const query of QUERIES) {
      const found = foundIds(fromColumns.store, query, { limit: 50 });
      assert.ok(found.length > 0, `${query} finds a message`);
      assert.deepEqual(found, foundIds(fromHeaders.store, query, { limit: 50 }), query);
    }
  } finally {
    await parser.close();
    fromColumns.database.close();
    fromHeaders.database.close();
  }
});

test('a parse worker indexes new mail from the columns its batch commit wrote, without reading its header section again', { timeout: 60_000 }, async () => {
  const { database, store, profile } = await filledStore();
  // Columns that differ from the header section: only a worker that takes them over keeps them.
  database.exec("update messages set subject = 'Listed at download ' || id, to_addresses = '[]'");
  const parser = startParseWorkers(1);
  try {
    const indexer = parser.indexer({ databaseFile: path.join(profile, DATABASE_FILE) });
    assert.deepEqual(await store.indexPending(parser.parse, undefined, indexer), { indexed: sources().length });
    const rows = database.prepare<[], { id: number; subject: string; to_addresses: string }>('select id, subject, to_addresses from messages').all();
    for (const row of rows) assert.deepEqual([row.subject, row.to_addresses], [`Listed at download ${row.id}`, '[]']);
    assert.equal(foundIds(store, 'subject:download', { limit: 50 }).length, sources().length, 'the full-text rows are written from them too');
    assert.deepEqual(foundIds(store, 'to:bob'), [], 'recipients as listed');
  } finally {
    await parser.close();
    database.close();
  }
});
