/**
 * The header section of mail from the server is kept in the very commit that stores the message, from
 * the bytes the sink collected on the way, so the junk filter and the rules read no raw file for new
 * mail; and it is the same text the store gives when it reads the section back from the raw bytes
 * (mail stored before, imports), whatever the line ends, bytes and lengths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ACCOUNT, mail, openTestStore } from './store-fixture';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { RAW_DIRECTORY_NAME, type MessageStore } from '../../../electron/storage/message-store';
import { PACKS_FOLDER } from '../../../electron/storage/raw-layout';
import { filterNewMail, storeMissingHeaderSections } from '../../../electron/storage/rule-engine';
import { MAX_STORED_HEADER_BYTES } from '../../../electron/storage/stored-header-section';

/** A search that compares a header the list columns do not hold: it makes the store read missing sections. */
const ANY_HEADER = 'header:x-anything:1';

async function arrive(store: MessageStore, uidl: string, source: Buffer): Promise<number> {
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl, state: 'downloaded' } }, source);
  assert.equal(outcome.status, 'stored');
  return outcome.status === 'stored' ? outcome.messageId : 0;
}

function sections(database: SqliteDatabase): Map<number, string> {
  const rows = database.prepare<[], { message_id: number; headers: string }>('select message_id, headers from message_headers order by 1').all();
  return new Map(rows.map((row) => [row.message_id, row.headers]));
}

/** A header field folded over many lines, `bytes` long. */
function longField(name: string, bytes: number): string {
  const line = ' continued text of a very long header field that goes on and on';
  return `${name}: start${`\r\n${line}`.repeat(Math.ceil(bytes / (line.length + 2)))}`;
}

const messages: ReadonlyArray<readonly [string, Buffer]> = [
  ['CRLF lines', mail({ subject: 'Plain', extraHeaders: ['X-Spam-Status: No, score=0.1'] })],
  ['bare LF lines', Buffer.from('From: a@example.com\nSubject: Unix mail\nX-Spam-Flag: NO\n\nBody line one.\n\nBody line two.\n')],
  [
    '8-bit UTF-8 and folded fields',
    Buffer.from('From: Zoë <zoe@example.com>\r\nSubject: Grüße aus Köln — נשלח\r\nList-Id: Garden\r\n <garden.example.org>\r\n\r\nHallo.\r\n', 'utf8'),
  ],
  ['no empty line and no body', Buffer.from('From: a@example.com\r\nSubject: Headers only\r\n')],
  ['an empty line right at the start', Buffer.from('\r\n\r\nFrom: looks like a body\r\n')],
  [
    'a header section longer than the kept bound',
    Buffer.from(`From: a@example.com\r\n${longField('X-Huge', MAX_STORED_HEADER_BYTES + 9_000)}\r\nSubject: After the bound\r\n\r\nBody.\r\n`),
  ],
  [
    'a header section that ends just past the bound',
    Buffer.from(`From: a@example.com\r\n${longField('X-Near', MAX_STORED_HEADER_BYTES - 40)}\r\n\r\nBody.\r\n`),
  ],
  ['a large message in a file of its own', Buffer.concat([mail({ subject: 'Large' }), Buffer.alloc(1_500_000, 'x')])],
];

test('mail from the server keeps its header section in the commit that stores it, the very text read back from the store', async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (const [index, [, source]] of messages.entries()) ids.push(await arrive(store, `u${index}`, source));
  const committed = sections(database);
  for (const [index, [name]] of messages.entries()) assert.ok(committed.has(ids[index] ?? 0), `${name}: kept in the commit`);

  database.prepare('delete from message_headers').run();
  await storeMissingHeaderSections(store, ANY_HEADER);
  const readBack = sections(database);
  for (const [index, [name]] of messages.entries()) {
    const id = ids[index] ?? 0;
    assert.equal(committed.get(id), readBack.get(id), `${name}: the same text as read from the raw bytes`);
  }
  assert.equal(committed.get(ids[2] ?? 0), 'From: Zoë <zoe@example.com>\r\nSubject: Grüße aus Köln — נשלח\r\nList-Id: Garden\r\n <garden.example.org>');
  assert.equal(committed.get(ids[4] ?? 0), '', 'an empty line at the start leaves an empty section');
  assert.ok((committed.get(ids[5] ?? 0)?.length ?? 0) <= MAX_STORED_HEADER_BYTES, 'cut at the bound');
});

test('a header block whose end the readers could tell apart is read from the store when needed, giving the same text', async () => {
  const { database, store } = await openTestStore();
  // A bare LF followed by CRLF: an empty line to the sink, not to the reader of the stored section.
  const id = await arrive(store, 'odd', Buffer.from('From: a@example.com\nSubject: Odd\n\r\nX-Spam-Flag: YES\r\n\r\nBody.\r\n'));
  assert.equal(sections(database).has(id), false, 'not kept at commit');
  await storeMissingHeaderSections(store, ANY_HEADER);
  assert.equal(sections(database).get(id), 'From: a@example.com\nSubject: Odd\n\r\nX-Spam-Flag: YES');
});

test('imported mail keeps no header section until a search needs one', async () => {
  const { database, store } = await openTestStore();
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Imported' }));
  assert.equal(outcome.status, 'stored');
  assert.equal(sections(database).size, 0);
});

test("the server's junk verdict on new mail is taken from the section kept at commit, without reading the message again", async () => {
  const { profile, database, store } = await openTestStore();
  const spam = await arrive(store, 'spam', mail({ subject: 'Win', extraHeaders: ['X-Spam-Flag: YES'] }));
  const ham = await arrive(store, 'ham', mail({ subject: 'Lunch?' }));
  // The raw bytes are gone: only what the commit kept can tell the verdict.
  const packs = path.join(profile, RAW_DIRECTORY_NAME, PACKS_FOLDER);
  assert.ok(readdirSync(packs).length > 0);
  rmSync(packs, { recursive: true, force: true });
  const report = await filterNewMail(store);
  assert.equal(report.messages, 2);
  assert.deepEqual(report.junk, [spam]);
  const verdicts = database.prepare<[], { message_id: number; verdict: string; source: string }>('select message_id, verdict, source from message_junk').all();
  assert.deepEqual(verdicts, [{ message_id: spam, verdict: 'junk', source: 'server' }]);
  assert.ok(ham > spam);
});
