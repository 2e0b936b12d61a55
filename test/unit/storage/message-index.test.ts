import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { MailbagError } from '../../../shared/errors';
import {
  applyParseResults,
  clearDerivedIndex,
  threadKey,
  type MailAddress,
  type MessageParser,
  type ParseResult,
} from '../../../electron/storage/message-index';
import { readPopJournal } from '../../../electron/storage/pop-journal';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from './store-fixture';
import { attachmentMessage } from '../../support/attachment-message';

const WITH_ATTACHMENT = attachmentMessage({
  head: [
    'From: "Zoë Quill" <zoe@example.org>',
    'To: ann@example.com',
    'Cc: Carl <carl@example.net>',
    'Subject: Quarterly figures',
    'Date: Mon, 2 Feb 2026 09:00:00 +0100',
    'Message-ID: <q1@example.org>',
    'In-Reply-To: <q0@example.org>',
    'References: <root@example.org> <q0@example.org>',
    'MIME-Version: 1.0',
  ],
  text: 'The spreadsheet with the révisions is attached.',
  fileName: 'q1.xls',
  contentType: 'application/vnd.ms-excel',
  content: '0123456789',
  boundary: 'sep',
});

async function filled(): Promise<Awaited<ReturnType<typeof openTestStore>> & { ids: number[] }> {
  const opened = await openTestStore();
  const ids: number[] = [];
  const sources = [
    WITH_ATTACHMENT,
    mail({ subject: 'Lunch on Friday?', from: 'Bob <bob@example.com>', body: 'Shall we try the new noodle place?', date: 'Wed, 4 Feb 2026 12:00:00 +0000' }),
    mail({ subject: 'Re: Lunch on Friday?', body: 'Noodles it is.', date: 'Wed, 4 Feb 2026 13:00:00 +0000', messageId: '<reply@example.com>' }),
    Buffer.from('this is not a mail message at all \x00\x01\x02'),
  ];
  for (const [index, source] of sources.entries()) {
    const outcome = await opened.store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `I${index}`, state: 'downloaded' } }, source);
    assert.ok(outcome.status === 'stored');
    ids.push(outcome.messageId);
  }
  return { ...opened, ids };
}

function derivedSnapshot(database: SqliteDatabase): unknown {
  return {
    messages: database
      .prepare(
        `select id, subject, from_name, from_address, to_addresses, cc_addresses, date, sort_date, message_id, in_reply_to,
                message_references, snippet, has_attachments, thread_key, parse_problems, indexed_at is not null as indexed
           from messages order by id`,
      )
      .all(),
    attachments: database.prepare('select * from attachments order by message_id, ordinal').all(),
    search: ['noodle', 'zoe', 'revisions', 'carl@example.net', 'quarterly'].map((word) =>
      database.prepare('select rowid from message_search where message_search match ? order by rowid').all(`"${word}"`),
    ),
  };
}

test('new messages are listed at once and indexed by the parser with addresses, dates, snippet and attachments', async () => {
  const { database, store, ids } = await filled();
  assert.equal(store.getMessage(ids[0] ?? 0).indexed, false);
  assert.deepEqual(await store.indexPending(inlineParser), { indexed: 4 });
  const details = store.getMessage(ids[0] ?? 0);
  assert.equal(details.subject, 'Quarterly figures');
  assert.deepEqual(details.from, { name: 'Zoë Quill', address: 'zoe@example.org' });
  assert.deepEqual(details.cc, [{ name: 'Carl', address: 'carl@example.net' }]);
  assert.equal(details.date, Date.UTC(2026, 1, 2, 8));
  assert.equal(details.messageId, '<q1@example.org>');
  assert.deepEqual(details.references, ['<root@example.org>', '<q0@example.org>']);
  assert.equal(details.threadKey, 'id:<root@example.org>');
  assert.equal(details.snippet, 'The spreadsheet with the révisions is attached.');
  assert.deepEqual(details.attachments, [{ fileName: 'q1.xls', contentType: 'application/vnd.ms-excel', size: 10, contentId: null, inline: false }]);
  assert.equal(details.hasAttachments, true);
  const odd = store.getMessage(ids[3] ?? 0);
  assert.equal(odd.indexed, true, 'a message that is not mail is still listed and indexed');
  assert.ok((await store.readRawMessage(ids[3] ?? 0)).equals(Buffer.from('this is not a mail message at all \x00\x01\x02')), 'and exportable as raw');
  assert.deepEqual(await store.indexPending(inlineParser), { indexed: 0 });
  database.close();
});

test('search finds subject, address and body words, accents folded, latest arrival first, filtered by folder', async () => {
  const { database, store, ids } = await filled();
  await store.indexPending(inlineParser);
  assert.deepEqual(foundIds(store, 'noodle'), [ids[2], ids[1]]);
  assert.deepEqual(foundIds(store, 'revisions'), [ids[0]]);
  assert.deepEqual(foundIds(store, 'zoe@example.org'), [ids[0]]);
  assert.deepEqual(foundIds(store, 'lunch noodle'), [ids[2], ids[1]]);
  assert.deepEqual(foundIds(store, 'quart'), [ids[0]], 'the last word is a prefix');
  assert.deepEqual(
    store.search('"unbalanced OR ( NEAR'),
    { ok: false, error: { position: 0, message: 'Missing closing quote', problem: { id: 'search.problem.missingQuote', values: {} } } },
    'a mistake is an answer, not an exception',
  );
  assert.deepEqual(foundIds(store, '   '), []);
  const trash = store.listFolders(ACCOUNT).find((folder) => folder.role === 'trash');
  assert.deepEqual(foundIds(store, 'noodle', { folderIds: [trash?.id ?? -1] }), []);
  await store.deleteMessagesPermanently([ids[1] ?? 0]);
  assert.deepEqual(foundIds(store, 'noodle'), [ids[2]]);
  database.close();
});

test('rebuilding the index from the raw bytes gives the same results, and keeps flags, folders and the journal', async () => {
  const { database, store, ids } = await filled();
  await store.indexPending(inlineParser);
  store.setFlags([ids[1] ?? 0], { seen: true, answered: true });
  store.setFlags([ids[2] ?? 0], { forwarded: true, flagged: true });
  const before = derivedSnapshot(database);
  const journalBefore = [...readPopJournal(database, ACCOUNT).values()];
  clearDerivedIndex(database);
  assert.notDeepEqual(derivedSnapshot(database), before, 'the index was really dropped');
  assert.deepEqual(foundIds(store, 'noodle'), []);
  assert.deepEqual(await store.rebuildIndex(inlineParser), { indexed: 4 });
  assert.deepEqual(derivedSnapshot(database), before);
  assert.deepEqual([...readPopJournal(database, ACCOUNT).values()], journalBefore);
  assert.equal(store.getMessage(ids[1] ?? 0).answered, true);
  assert.deepEqual({ forwarded: store.getMessage(ids[2] ?? 0).forwarded, flagged: store.getMessage(ids[2] ?? 0).flagged }, { forwarded: true, flagged: true });
  database.close();
});

test('the thread key is the root of References, then In-Reply-To, then the own id, then the bare subject', () => {
  const base = { references: [] as string[], inReplyTo: null, messageId: null, subject: null };
  assert.equal(threadKey({ ...base, references: ['<a>', '<b>'], inReplyTo: '<b>', messageId: '<c>' }), 'id:<a>');
  assert.equal(threadKey({ ...base, inReplyTo: '<b>', messageId: '<c>' }), 'id:<b>');
  assert.equal(threadKey({ ...base, messageId: '<c>' }), 'id:<c>');
  assert.equal(threadKey({ ...base, subject: 'Re: AW: Fwd: Plans ' }), 'subject:plans');
  assert.equal(threadKey(base), null);
});

test('a result for bytes that changed while they were parsed is dropped, and the new bytes are indexed', async () => {
  const { database, store } = await openTestStore();
  const outcome = await store.addMessage(
    { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'P', state: 'headers-only' } },
    Buffer.from('Subject: Old header\r\n\r\n'),
  );
  assert.ok(outcome.status === 'stored');
  let calls = 0;
  const report = await store.indexPending(async (requests) => {
    calls += 1;
    if (calls === 1)
      await store.addMessage(
        { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'P', state: 'downloaded' } },
        Buffer.from('Subject: Complete\r\n\r\nbody\r\n'),
      );
    return inlineParser(requests);
  });
  assert.equal(calls, 1);
  assert.equal(report.indexed, 0);
  assert.equal(store.getMessage(outcome.messageId).indexed, false, 'the stale result was not applied');
  await store.indexPending(inlineParser);
  assert.equal(store.getMessage(outcome.messageId).subject, 'Complete');
  database.close();
});

test('indexing a message again replaces its full-text rows, in a batch with new messages', async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (const index of [0, 1, 2]) {
    const outcome = await store.addMessage(
      { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `R${index}`, state: 'downloaded' } },
      mail({ subject: `Message ${index}`, body: 'x' }),
    );
    assert.ok(outcome.status === 'stored');
    ids.push(outcome.messageId);
  }
  const [first, second, third] = ids as [number, number, number];
  const result = (messageId: number, subject: string, text: string): ParseResult => ({
    messageId,
    parsed: {
      subject,
      from: { name: 'Ann', address: 'ann@example.com' },
      to: [],
      cc: [],
      date: 1_000 + messageId,
      messageId: null,
      inReplyTo: null,
      references: [],
      text,
      snippet: text,
      attachments: [],
      problems: [],
    },
  });
  assert.equal(applyParseResults(database, [result(first, 'Walrus', 'iceberg 会議資料')]), 1);
  assert.deepEqual(foundIds(store, 'iceberg'), [first]);
  // The first message again (new words), the others for the first time, and the second twice over.
  const count = applyParseResults(database, [
    result(second, 'Penguin', 'glacier'),
    result(first, 'Walrus', 'tundra 資料請求'),
    result(third, 'Puffin', 'glacier 会議資料'),
    result(second, 'Penguin', 'floe'),
  ]);
  assert.equal(count, 4);
  assert.deepEqual(foundIds(store, 'iceberg'), []);
  assert.deepEqual(foundIds(store, 'tundra'), [first]);
  assert.deepEqual(foundIds(store, 'glacier'), [third]);
  assert.deepEqual(foundIds(store, 'floe'), [second]);
  assert.deepEqual(foundIds(store, '会議資料'), [third]);
  assert.deepEqual(foundIds(store, '資料請求'), [first]);
  for (const table of ['message_search', 'message_search_cjk'])
    assert.equal(database.prepare(`select count(*) from ${table}_docsize`).pluck().get(), table === 'message_search' ? 3 : 2, table);
  database.close();
});

test('indexing writes the From, To and Cc columns, and so their search rows, only of messages whose addresses it reads differently', async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (const index of [0, 1]) {
    const outcome = await store.addMessage(
      { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `A${index}`, state: 'downloaded' } },
      mail({ subject: `Message ${index}`, from: 'Ann <ann@example.com>', body: 'x' }),
    );
    assert.ok(outcome.status === 'stored');
    ids.push(outcome.messageId);
  }
  const [same, changed] = ids as [number, number];
  const listed = database
    .prepare<[number], { from_name: string; from_address: string; to_addresses: string; cc_addresses: string }>(
      'select from_name, from_address, to_addresses, cc_addresses from messages where id = ?',
    )
    .get(same);
  assert.ok(listed !== undefined);
  database.exec(`create temp table address_writes (id integer);
    create temp trigger count_address_writes after update of from_name, from_address, to_addresses, cc_addresses on main.messages
    begin insert into address_writes values (new.id); end;`);
  const result = (messageId: number, from: { name: string; address: string }, to: MailAddress[]): ParseResult => ({
    messageId,
    parsed: {
      subject: 'Indexed',
      from,
      to,
      cc: JSON.parse(listed.cc_addresses) as MailAddress[],
      date: 1_000,
      messageId: null,
      inReplyTo: null,
      references: [],
      text: 'walrus',
      snippet: 'walrus',
      attachments: [],
      problems: [],
    },
  });
  const listedTo = JSON.parse(listed.to_addresses) as MailAddress[];
  const count = applyParseResults(database, [
    result(same, { name: listed.from_name, address: listed.from_address }, listedTo),
    result(changed, { name: 'Bea', address: 'bea@example.org' }, [{ name: 'Carl', address: 'carl@example.net' }]),
  ]);
  assert.equal(count, 2);
  assert.deepEqual(database.prepare('select id from address_writes order by id').pluck().all(), [changed], 'only the message read differently');
  assert.deepEqual(foundIds(store, 'walrus'), [changed, same]);
  assert.deepEqual(foundIds(store, 'from:ann'), [same]);
  assert.deepEqual(foundIds(store, 'from:bea'), [changed]);
  assert.deepEqual(foundIds(store, 'to:carl'), [changed]);
  const stored = database.prepare('select from_name, from_address, to_addresses from messages where id = ?');
  assert.deepEqual(stored.get(changed), {
    from_name: 'Bea',
    from_address: 'bea@example.org',
    to_addresses: JSON.stringify([{ name: 'Carl', address: 'carl@example.net' }]),
  });
  database.close();
});

/** The header columns a batch commit writes, which indexing writes again only where it reads them differently. */
const LISTED_HEADER_COLUMNS = [
  'subject',
  'date',
  'sort_date',
  'message_id',
  'in_reply_to',
  'message_references',
  'has_attachments',
  'thread_key',
  'from_name',
  'from_address',
  'to_addresses',
  'cc_addresses',
] as const;

/** Records in temp table `header_writes` the id of every row an update writes any of those columns of. */
function recordHeaderWrites(database: SqliteDatabase): () => number[] {
  database.exec(`create temp table header_writes (id integer);
    create temp trigger record_header_writes after update of ${LISTED_HEADER_COLUMNS.join(', ')} on main.messages
    begin insert into header_writes values (new.id); end;`);
  return () => database.prepare<[], number>('select distinct id from header_writes order by id').pluck().all();
}

/** Everything indexing leaves: every column it derives, the list keys worked out from them, attachments and every full-text index's rows. */
function indexedSnapshot(database: SqliteDatabase): unknown {
  const fullText = ['message_search', 'message_search_cjk', 'message_from_search', 'message_to_search', 'message_cc_search', 'attachment_name_search'];
  return {
    messages: database
      .prepare(
        // Undated mail sorts by its arrival, which differs from store to store.
        `select id, ${LISTED_HEADER_COLUMNS.filter((column) => column !== 'sort_date').join(', ')},
                case when sort_date = received_at then 'arrival' else sort_date end as sort_date,
                snippet, parse_problems, indexed_at is not null as indexed, subject_sort, sender_sort
           from messages order by id`,
      )
      .all(),
    attachments: database.prepare('select * from attachments order by message_id, ordinal').all(),
    fullText: fullText.map((table) => database.prepare(`select id, sz from ${table}_docsize order by id`).all()),
    found: ['noodle', 'zoe', 'revisions', 'carl@example.net', 'quarterly', 'lunch', 'bob'].map((word) =>
      database.prepare('select rowid from message_search where message_search match ? order by rowid').all(`"${word}"`),
    ),
    integrity: database.pragma('integrity_check'),
  };
}

test('new mail read as its commit listed it is indexed without writing its header columns again, to the same rows as a full write', async () => {
  const listed = await filled();
  const headerWrites = recordHeaderWrites(listed.database);
  assert.deepEqual(await listed.store.indexPending(inlineParser), { indexed: 4 });
  assert.deepEqual(headerWrites(), [], 'no header column (nor the list, date, thread or address index on it) written again');
  // The same mail with its header columns cleared, so that indexing writes every one of them.
  const full = await filled();
  clearDerivedIndex(full.database);
  const fullWrites = recordHeaderWrites(full.database);
  assert.deepEqual(await full.store.indexPending(inlineParser), { indexed: 4 });
  assert.deepEqual(fullWrites(), full.ids, 'every message was written in full there');
  assert.deepEqual(indexedSnapshot(listed.database), indexedSnapshot(full.database));
  listed.database.close();
  full.database.close();
});

test('a message whose stored header columns differ from what the parser reads gets what it reads, each column alike', async () => {
  const stores = [await openTestStore(), await openTestStore()];
  for (const { store } of stores)
    for (const [index, column] of LISTED_HEADER_COLUMNS.entries()) {
      const outcome = await store.addMessage(
        { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `H${index}`, state: 'downloaded' } },
        mail({
          subject: `Column ${column}`,
          from: 'Bob <bob@example.com>',
          body: 'Shall we try the new noodle place?',
          extraHeaders: ['Cc: Carl <carl@example.net>'],
        }),
      );
      assert.ok(outcome.status === 'stored');
    }
  const [changed, clean] = stores as [Awaited<ReturnType<typeof openTestStore>>, Awaited<ReturnType<typeof openTestStore>>];
  // Each message has one header column stored otherwise than the parser reads it.
  const other: Record<(typeof LISTED_HEADER_COLUMNS)[number], string | number> = {
    subject: 'Listed subject',
    date: 1,
    sort_date: 1,
    message_id: '<listed@example.org>',
    in_reply_to: '<parent@example.org>',
    message_references: '["<root@example.org>"]',
    has_attachments: 1,
    thread_key: 'id:<listed@example.org>',
    from_name: 'Listed',
    from_address: 'listed@example.org',
    to_addresses: '[]',
    cc_addresses: '[{"name":"Dee","address":"dee@example.org"}]',
  };
  LISTED_HEADER_COLUMNS.forEach((column, index) =>
    changed.database.prepare(`update messages set ${column} = ? where id = (select id from messages order by id limit 1 offset ?)`).run(other[column], index),
  );
  assert.notDeepEqual(indexedSnapshot(changed.database), indexedSnapshot(clean.database));
  const headerWrites = recordHeaderWrites(changed.database);
  assert.deepEqual(await changed.store.indexPending(inlineParser), { indexed: LISTED_HEADER_COLUMNS.length });
  assert.deepEqual(await clean.store.indexPending(inlineParser), { indexed: LISTED_HEADER_COLUMNS.length });
  assert.equal(headerWrites().length, LISTED_HEADER_COLUMNS.length, 'every message written in full');
  assert.deepEqual(indexedSnapshot(changed.database), indexedSnapshot(clean.database));
  assert.deepEqual(foundIds(changed.store, 'from:listed'), []);
  assert.equal(foundIds(changed.store, 'cc:carl').length, LISTED_HEADER_COLUMNS.length);
  changed.database.close();
  clean.database.close();
});

test('a message the parser cannot get through is isolated, flagged unparseable, and still listed and exportable', async () => {
  const { database, store, ids } = await filled();
  const poison = ids[1] ?? 0;
  const parser: MessageParser = async (requests) => {
    if (requests.some((request) => request.messageId === poison)) throw new MailbagError('INTERNAL', 'The parser stopped unexpectedly.');
    return inlineParser(requests);
  };
  assert.deepEqual(await store.indexPending(parser), { indexed: 4 });
  assert.equal(store.getMessage(ids[0] ?? 0).subject, 'Quarterly figures');
  const bad = store.getMessage(poison);
  assert.equal(bad.indexed, true);
  assert.deepEqual(bad.problems, ['unparseable']);
  assert.ok(store.listMessages(bad.folderId).messages.some((message) => message.id === poison));
  assert.ok((await store.readRawMessage(poison)).length > 0);
  database.close();
});

test('a storage error stops indexing and is reported, leaving the messages waiting', async () => {
  const { database, store, ids } = await filled();
  const parser: MessageParser = async () => {
    throw new MailbagError('STORAGE', 'Message 1 could not be read.');
  };
  await assert.rejects(store.indexPending(parser), (error: Error & { code?: string }) => error.code === 'STORAGE');
  assert.equal(store.getMessage(ids[0] ?? 0).indexed, false);
  database.close();
});

test('list entries carry the first three To addresses and the full count, for lists of sent mail', async () => {
  const opened = await openTestStore();
  const to = 'Ann <ann@example.com>, bob@example.com, "Carl, Jr." <carl@example.net>, dee@example.org, eve@example.org';
  const outcome = await opened.store.addMessage(
    { accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'T1', state: 'downloaded' } },
    mail({ subject: 'Minutes', to }),
  );
  assert.ok(outcome.status === 'stored');
  assert.deepEqual(await opened.store.indexPending(inlineParser), { indexed: 1 });
  const listed = opened.store.listMessages(opened.store.getMessage(outcome.messageId).folderId).messages.find((message) => message.id === outcome.messageId);
  assert.ok(listed !== undefined);
  assert.deepEqual(listed.to, [
    { name: 'Ann', address: 'ann@example.com' },
    { name: '', address: 'bob@example.com' },
    { name: 'Carl, Jr.', address: 'carl@example.net' },
  ]);
  assert.equal(listed.toTotal, 5);
  opened.database.close();
});
