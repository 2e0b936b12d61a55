import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerColumns } from '../../../electron/storage/header-columns';
import { indexPendingMessages, type MessageParser } from '../../../electron/storage/message-index';
import { MAX_HEADER_SECTION_BYTES } from '../../../electron/storage/raw-layout';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from './store-fixture';
import { attachmentMessage } from '../../support/attachment-message';

const ATTACHED = attachmentMessage({
  head: [
    'From: =?utf-8?B?Wm/DqyBRdWlsbA==?= <zoe@example.org>',
    'To: ann@example.com, "Bob, the builder" <bob@example.com>',
    'Cc: Team: carl@example.net, dee@example.net;',
    'Subject: =?utf-8?Q?Quartalszahlen_f=C3=BCr?=',
    ' Q1',
    'Date: Mon, 2 Feb 2026 09:00:00 +0100',
    'Message-ID: <q1@example.org>',
    'In-Reply-To: <q0@example.org>',
    'References: <root@example.org>',
    '  <q0@example.org>',
    'MIME-Version: 1.0',
  ],
  text: 'See the attached figures.',
  fileName: 'q1.bin',
  contentType: 'application/octet-stream',
  content: '0123456789',
  boundary: 'sep',
});

test('a stored message is listed with sender, recipients, subject, date, threading and attachment flag before the full-text index', async () => {
  const { database, store } = await openTestStore();
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'A1', state: 'downloaded' } }, ATTACHED);
  assert.ok(outcome.status === 'stored');
  const listed = store.getMessage(outcome.messageId);
  assert.equal(listed.indexed, false, 'not in the full-text index yet');
  assert.equal(listed.subject, 'Quartalszahlen für Q1');
  assert.deepEqual(listed.from, { name: 'Zoë Quill', address: 'zoe@example.org' });
  assert.deepEqual(listed.to, [
    { name: '', address: 'ann@example.com' },
    { name: 'Bob, the builder', address: 'bob@example.com' },
  ]);
  assert.deepEqual(
    listed.cc.map((address) => address.address),
    ['carl@example.net', 'dee@example.net'],
  );
  assert.equal(listed.date, Date.UTC(2026, 1, 2, 8));
  assert.equal(listed.hasAttachments, true);
  assert.equal(listed.messageId, '<q1@example.org>');
  assert.equal(listed.inReplyTo, '<q0@example.org>');
  assert.deepEqual(listed.references, ['<root@example.org>', '<q0@example.org>']);
  assert.equal(listed.threadKey, 'id:<root@example.org>');
  assert.equal(listed.size, ATTACHED.length);
  assert.deepEqual(foundIds(store, 'figures'), [], 'the body is searchable only once indexed');

  await store.indexPending(inlineParser);
  const indexed = store.getMessage(outcome.messageId);
  assert.equal(indexed.indexed, true);
  assert.deepEqual(
    { subject: indexed.subject, from: indexed.from, date: indexed.date, hasAttachments: indexed.hasAttachments, threadKey: indexed.threadKey },
    { subject: listed.subject, from: listed.from, date: listed.date, hasAttachments: listed.hasAttachments, threadKey: listed.threadKey },
    'the full parser agrees with the columns read from the headers',
  );
  assert.deepEqual(foundIds(store, 'figures'), [outcome.messageId]);
  database.close();
});

test('the list columns are in the row from the moment it is inserted: one transaction, never listed without them', async () => {
  const { database, store } = await openTestStore();
  database.exec(`
    create temp table inserted (subject text, from_address text, date integer, has_attachments integer);
    create temp trigger record_insert after insert on messages
    begin insert into inserted values (new.subject, new.from_address, new.date, new.has_attachments); end;
  `);
  const batch = store.beginBatch();
  const sinks = [ATTACHED, mail({ subject: 'Plain one', from: 'Ann <ann@example.com>' })].map((bytes) => {
    const sink = batch.createMessageSink();
    // Written in small pieces, as the network delivers them: the header section spans many chunks.
    for (let offset = 0; offset < bytes.length; offset += 7) sink.write(bytes.subarray(offset, offset + 7));
    sink.end();
    return sink;
  });
  await batch.commit(
    sinks.map((sink, index) => ({ accountId: ACCOUNT, folder: 'inbox' as const, message: sink, pop: { uidl: `S${index}`, state: 'downloaded' as const } })),
  );
  assert.deepEqual(database.prepare('select * from inserted').all(), [
    { subject: 'Quartalszahlen für Q1', from_address: 'zoe@example.org', date: Date.UTC(2026, 1, 2, 8), has_attachments: 1 },
    { subject: 'Plain one', from_address: 'ann@example.com', date: Date.UTC(2026, 10, 3, 10), has_attachments: 0 },
  ]);
  database.close();
});

test('a message without headers, or with a header section past the limit, is still stored and listed', async () => {
  const { database, store } = await openTestStore();
  const noHeaders = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, Buffer.from('\r\njust a body\r\n'));
  assert.ok(noHeaders.status === 'stored');
  assert.equal(store.getMessage(noHeaders.messageId).subject, null);
  const huge = Buffer.concat([
    Buffer.from('Subject: Huge headers\r\nFrom: a@example.com\r\n'),
    Buffer.from(`X-Filler: ${'x'.repeat(998)}\r\n`.repeat(400)),
    Buffer.from('\r\nbody\r\n'),
  ]);
  assert.ok(huge.length > MAX_HEADER_SECTION_BYTES);
  const big = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, huge);
  assert.ok(big.status === 'stored');
  assert.equal(store.getMessage(big.messageId).subject, 'Huge headers', 'the start of a huge header section still gives the columns');
  assert.ok((await store.readRawMessage(big.messageId)).equals(huge), 'the bytes are stored whole');
  database.close();
});

test('the sink keeps only the header section, whatever the line endings', async () => {
  const { database, store } = await openTestStore();
  const writer = store.beginBatch();
  const lf = await writer.addMessage(Buffer.from('Subject: LF\nFrom: a@example.com\n\nbody\n\nmore\n'));
  assert.equal(Buffer.from(lf.header ?? []).toString(), 'Subject: LF\nFrom: a@example.com\n\n');
  const crlf = await writer.addMessage(Buffer.from('Subject: CRLF\r\n\r\nbody\r\n'));
  assert.equal(Buffer.from(crlf.header ?? []).toString(), 'Subject: CRLF\r\n\r\n');
  await writer.abort();
  database.close();
  assert.equal((await headerColumns(Buffer.from('Subject: =?utf-8?B?w6nDqQ==?=\r\nDate: not a date\r\n\r\n')))?.subject, 'éé');
  assert.equal((await headerColumns(Buffer.from('Subject: x\r\nDate: not a date\r\n\r\n')))?.date, null);
});

test('indexing stopped between commits leaves the rest waiting, never marked unparseable, and a later run catches up', async () => {
  const { database, store } = await openTestStore();
  for (let index = 0; index < 5; index += 1) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: `Catch up ${index}`, body: `catchword${index}` }));
    assert.ok(outcome.status === 'stored');
  }
  const stop = new AbortController();
  let calls = 0;
  const stopping: MessageParser = async (requests) => {
    calls += 1;
    if (calls === 2) {
      // The process ends while the second batch is being parsed: that batch is dropped.
      stop.abort();
      return new Promise(() => undefined);
    }
    return inlineParser(requests);
  };
  assert.deepEqual(await indexPendingMessages(database, store.rawDirectory, stopping, 2, stop.signal), { indexed: 2 });
  const states = database.prepare('select indexed_at is not null as indexed, parse_problems from messages order by id').all() as Array<{
    indexed: number;
    parse_problems: string | null;
  }>;
  assert.deepEqual(
    states.map((state) => state.indexed),
    [1, 1, 0, 0, 0],
  );
  assert.ok(
    states.every((state) => state.parse_problems === null),
    'nothing was marked unparseable',
  );
  assert.deepEqual(foundIds(store, 'catchword4'), []);
  assert.deepEqual(await store.indexPending(inlineParser), { indexed: 3 });
  assert.equal(foundIds(store, 'catchword4').length, 1);
  database.close();
});
