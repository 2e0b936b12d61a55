/**
 * The reader's lists: a folder or the unified Inbox of several accounts, merged in date order either
 * way, filtered, in windows at any offset, with the count of the whole list.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { folderIdForRole } from '../../../electron/storage/folders';
import { listSource } from '../../../electron/storage/message-list';
import { twoAccountDatabase } from './store-fixture';

const MESSAGES_PER_ACCOUNT = 60;
const MINUTE_MS = 60_000;
let dispose: () => void;
let database: SqliteDatabase;
let homeInbox: number;
let workInbox: number;

before(() => {
  ({ database, homeInbox, workInbox, dispose } = twoAccountDatabase('mailbag-message-list-'));
  const insert = database.prepare(
    `insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date, seen, flagged, has_attachments, subject, indexed_at)
     values (?, ?, ?, 100, 'hash', 1, ?, ?, ?, ?, ?, 1)`,
  );
  // Minute n belongs to home when n is even, to work when odd: the unified list interleaves them.
  for (let minute = 0; minute < 2 * MESSAGES_PER_ACCOUNT; minute += 1) {
    const home = minute % 2 === 0;
    insert.run(
      home ? 'home' : 'work',
      home ? homeInbox : workInbox,
      `large/m${minute}`,
      minute * MINUTE_MS,
      minute % 3 === 0 ? 0 : 1,
      minute % 10 === 0 ? 1 : 0,
      minute % 4 === 0 ? 1 : 0,
      `Minute ${minute}`,
    );
  }
  // A message in another folder is not in the unified Inbox.
  insert.run('home', folderIdForRole(database, 'home', 'junk'), 'large/junk', 10_000 * MINUTE_MS, 0, 0, 0, 'Junk');
});

after(() => dispose());

const subjects = (page: ReturnType<typeof listSource>): Array<string | null> => page.messages.map((message) => message.subject);

test('the unified Inbox merges every account’s Inbox, newest first, at any offset', () => {
  const first = listSource(database, { kind: 'unified-inbox' }, { limit: 3 });
  assert.equal(first.total, 2 * MESSAGES_PER_ACCOUNT);
  assert.deepEqual(subjects(first), ['Minute 119', 'Minute 118', 'Minute 117']);
  const deep = listSource(database, { kind: 'unified-inbox' }, { offset: 100, limit: 5 });
  assert.deepEqual(subjects(deep), ['Minute 19', 'Minute 18', 'Minute 17', 'Minute 16', 'Minute 15']);
  const oldest = listSource(database, { kind: 'unified-inbox' }, { order: 'oldest-first', offset: 2, limit: 2 });
  assert.deepEqual(subjects(oldest), ['Minute 2', 'Minute 3']);
  const past = listSource(database, { kind: 'unified-inbox' }, { offset: 500 });
  assert.deepEqual(past, { total: 2 * MESSAGES_PER_ACCOUNT, messages: [] });
});

test('a folder lists its own messages; filters count and list only what matches', () => {
  const home = listSource(database, { kind: 'folder', folderId: homeInbox }, { limit: 2 });
  assert.equal(home.total, MESSAGES_PER_ACCOUNT);
  assert.deepEqual(subjects(home), ['Minute 118', 'Minute 116']);
  const flagged = listSource(database, { kind: 'unified-inbox' }, { filter: 'flagged', limit: 50 });
  assert.equal(flagged.total, 12);
  assert.deepEqual(subjects(flagged).slice(0, 3), ['Minute 110', 'Minute 100', 'Minute 90']);
  assert.ok(flagged.messages.every((message) => message.flagged));
  const unread = listSource(database, { kind: 'folder', folderId: workInbox }, { filter: 'unread', limit: 50 });
  assert.equal(unread.total, 20);
  assert.ok(unread.messages.every((message) => !message.seen && message.accountId === 'work'));
});

test('quick filters combine: unread, flagged and with attachments together keep only what passes all', () => {
  const minutes = (page: ReturnType<typeof listSource>): number[] => page.messages.map((message) => Number(message.subject?.split(' ')[1]));
  const expected = (pass: (minute: number) => boolean): number[] =>
    Array.from({ length: 2 * MESSAGES_PER_ACCOUNT }, (_, minute) => minute)
      .filter(pass)
      .reverse();
  const attachments = listSource(database, { kind: 'unified-inbox' }, { filters: ['attachment'], limit: 100 });
  assert.deepEqual(
    minutes(attachments),
    expected((minute) => minute % 4 === 0),
  );
  assert.ok(attachments.messages.every((message) => message.hasAttachments));
  const unreadWithFiles = listSource(database, { kind: 'unified-inbox' }, { filters: ['unread', 'attachment'], limit: 100 });
  assert.deepEqual(
    minutes(unreadWithFiles),
    expected((minute) => minute % 3 === 0 && minute % 4 === 0),
  );
  assert.equal(unreadWithFiles.total, unreadWithFiles.messages.length);
  const all = listSource(database, { kind: 'folder', folderId: homeInbox }, { filter: 'flagged', filters: ['unread', 'flagged', 'attachment'], limit: 100 });
  assert.deepEqual(
    minutes(all),
    expected((minute) => minute % 2 === 0 && minute % 3 === 0 && minute % 10 === 0 && minute % 4 === 0),
  );
  assert.equal(all.total, 2, 'minutes 60 and 0');
});

test('an unknown folder is NOT_FOUND; a bad window is VALIDATION', () => {
  assert.throws(() => listSource(database, { kind: 'folder', folderId: 99_999 }), { code: 'NOT_FOUND' });
  assert.throws(() => listSource(database, { kind: 'unified-inbox' }, { limit: 0 }), { code: 'VALIDATION' });
  assert.throws(() => listSource(database, { kind: 'unified-inbox' }, { offset: -1 }), { code: 'VALIDATION' });
});
