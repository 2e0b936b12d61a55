/**
 * Every list order and filter, for one folder and for the unified Inbox of two accounts: the order
 * matches a reference computed here (ties by id, the same way round; messages not yet indexed first
 * ascending and last descending), pages put end to end give the whole list exactly once, and every
 * statement is an index walk (EXPLAIN QUERY PLAN: no table scan, no temporary sort).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { listSource, listStatements, type ListDirection, type ListFilter, type ListSort, type ListSource } from '../../../electron/storage/message-list';
import { twoAccountDatabase } from './store-fixture';

const MESSAGES_PER_ACCOUNT = 45;
const PAGE = 7;
const SORTS: readonly ListSort[] = ['date', 'sender', 'subject', 'size'];
const DIRECTIONS: readonly ListDirection[] = ['asc', 'desc'];
const FILTERS: readonly ListFilter[] = ['all', 'unread', 'flagged'];
const SENDERS: ReadonlyArray<[string | null, string | null]> = [
  ['ann', 'ann@example.com'],
  ['Bob', 'bob@example.com'],
  ['', 'ADA@example.com'],
  [null, null],
  ['ANN', 'ann2@example.com'],
];
const SUBJECTS: ReadonlyArray<string | null> = ['Re: Budget', 'budget', 'Fwd: Re: agenda', 'Zoo', null, 'RE: zoo'];

interface Fixture {
  readonly id: number;
  readonly folderId: number;
  readonly date: number;
  readonly size: number;
  readonly seen: boolean;
  readonly flagged: boolean;
  readonly sender: string | null;
  readonly subject: string | null;
}

let dispose: () => void;
let database: SqliteDatabase;
let homeInbox: number;
const stored: Fixture[] = [];

/** What the store should sort by, computed here without SQL (ASCII lower case, like `nocase`). */
function referenceKey(message: Fixture, sort: ListSort): number | string | null {
  switch (sort) {
    case 'date':
      return message.date;
    case 'size':
      return message.size;
    case 'sender':
      return message.sender?.toLowerCase() ?? null;
    case 'subject':
      return message.subject?.toLowerCase() ?? null;
  }
}

function compareKeys(left: number | string | null, right: number | string | null): number {
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  return left < right ? -1 : 1;
}

function expectedIds(folders: readonly number[], sort: ListSort, direction: ListDirection, filter: ListFilter): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return stored
    .filter((message) => folders.includes(message.folderId) && (filter === 'all' || (filter === 'unread' ? !message.seen : message.flagged)))
    .sort((left, right) => sign * (compareKeys(referenceKey(left, sort), referenceKey(right, sort)) || left.id - right.id))
    .map((message) => message.id);
}

before(() => {
  const fixture = twoAccountDatabase('mailbag-message-list-sort-');
  ({ database, homeInbox, dispose } = fixture);
  const workInbox = fixture.workInbox;
  const insert = database.prepare(
    `insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date, seen, flagged, subject, from_name, from_address, indexed_at)
     values (?, ?, ?, ?, 'hash', 1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let index = 0; index < 2 * MESSAGES_PER_ACCOUNT; index += 1) {
    const home = index % 2 === 0;
    const [name, address] = SENDERS[index % SENDERS.length] ?? [null, null];
    const subject = SUBJECTS[index % SUBJECTS.length] ?? null;
    const indexed = index % 11 !== 5;
    const row = {
      folderId: home ? homeInbox : workInbox,
      date: (index % 13) * 1_000,
      size: 100 * (index % 4),
      seen: index % 3 === 0,
      flagged: index % 4 === 1,
    };
    const result = insert.run(
      home ? 'home' : 'work',
      row.folderId,
      `f${index}`,
      row.size,
      row.date,
      row.seen ? 1 : 0,
      row.flagged ? 1 : 0,
      subject,
      name,
      address,
      indexed ? 1 : null,
    );
    const sender = name === null || name === '' ? (address ?? '') : name;
    const bareSubject = (subject ?? '').replace(/^((re|fwd?):\s*)+/i, '');
    stored.push({ id: Number(result.lastInsertRowid), ...row, sender: indexed ? sender : null, subject: indexed ? bareSubject : null });
  }
});

after(() => dispose());

/** The index each list should walk (migration 002 for all messages by date, 007 for the rest). */
function expectedIndex(sort: ListSort, filter: ListFilter): string {
  if (filter !== 'all') return `messages_list_${sort}_${filter}`;
  return sort === 'date' ? 'messages_folder_date' : `messages_list_${sort}`;
}

function everyList(run: (source: ListSource, folders: readonly number[], sort: ListSort, direction: ListDirection, filter: ListFilter) => void): void {
  const sources: Array<[ListSource, readonly number[]]> = [
    [{ kind: 'folder', folderId: homeInbox }, [homeInbox]],
    [{ kind: 'unified-inbox' }, stored.map((message) => message.folderId).filter((id, index, all) => all.indexOf(id) === index)],
  ];
  for (const [source, folders] of sources)
    for (const sort of SORTS) for (const direction of DIRECTIONS) for (const filter of FILTERS) run(source, folders, sort, direction, filter);
}

test('every sort, direction and filter lists in the reference order, ties by id, unindexed at one end', () => {
  everyList((source, folders, sort, direction, filter) => {
    const expected = expectedIds(folders, sort, direction, filter);
    const page = listSource(database, source, { sort, direction, filter, limit: 500 });
    const label = `${source.kind} ${sort} ${direction} ${filter}`;
    assert.equal(page.total, expected.length, label);
    assert.deepEqual(
      page.messages.map((message) => message.id),
      expected,
      label,
    );
  });
});

test('pages put end to end give the whole list once, in order, for every sort and filter', () => {
  everyList((source, folders, sort, direction, filter) => {
    const seen: number[] = [];
    for (let offset = 0; offset < 2 * MESSAGES_PER_ACCOUNT + PAGE; offset += PAGE) {
      seen.push(...listSource(database, source, { sort, direction, filter, offset, limit: PAGE }).messages.map((message) => message.id));
    }
    assert.deepEqual(seen, expectedIds(folders, sort, direction, filter), `${source.kind} ${sort} ${direction} ${filter}`);
  });
});

test('without a direction, date and size list descending, sender and subject ascending; order still works', () => {
  const folders = [homeInbox];
  const source: ListSource = { kind: 'folder', folderId: homeInbox };
  const ids = (options: Parameters<typeof listSource>[2]): number[] =>
    listSource(database, source, { ...options, limit: 500 }).messages.map((message) => message.id);
  assert.deepEqual(ids({}), expectedIds(folders, 'date', 'desc', 'all'));
  assert.deepEqual(ids({ sort: 'size' }), expectedIds(folders, 'size', 'desc', 'all'));
  assert.deepEqual(ids({ sort: 'sender' }), expectedIds(folders, 'sender', 'asc', 'all'));
  assert.deepEqual(ids({ sort: 'subject' }), expectedIds(folders, 'subject', 'asc', 'all'));
  assert.deepEqual(ids({ order: 'oldest-first' }), expectedIds(folders, 'date', 'asc', 'all'));
  assert.deepEqual(ids({ sort: 'subject', order: 'newest-first', direction: 'desc' }), expectedIds(folders, 'subject', 'desc', 'all'));
  assert.throws(() => listSource(database, source, { order: 'newest-first', direction: 'asc' }), { code: 'VALIDATION' });
});

test('every list statement is an index walk: no table scan, no temporary sort', () => {
  for (const folderCount of [1, 2, 3]) {
    for (const sort of SORTS) {
      for (const direction of DIRECTIONS) {
        for (const filter of FILTERS) {
          const statements = listStatements(folderCount, sort, direction, filter);
          const folders = Array.from({ length: folderCount }, () => homeInbox);
          const checks = [
            // Counting may use any index of the folder; a filtered count one of the filter's partial indexes.
            [statements.count, folders, filter === 'all' ? 'messages_\\w+' : `messages_list_\\w+_${filter}`],
            [statements.window, [...folders, PAGE, 0], expectedIndex(sort, filter)],
          ] as const;
          for (const [sql, parameters, index] of checks) {
            const plan = database
              .prepare<number[], { detail: string }>(`explain query plan ${sql}`)
              .all(...parameters)
              .map((row) => row.detail);
            const label = `${folderCount} folder(s) ${sort} ${direction} ${filter}: ${plan.join(' | ')}`;
            assert.ok(!plan.some((detail) => /\bSCAN messages\b/.test(detail)), label);
            assert.ok(!plan.some((detail) => /TEMP B-TREE/.test(detail)), label);
            const walks = plan.filter((detail) => detail.startsWith('SEARCH messages USING '));
            assert.equal(walks.length, folderCount, label);
            assert.ok(
              walks.every((detail) => new RegExp(`INDEX ${index} \\(folder_id=\\?\\)$`).test(detail)),
              label,
            );
          }
        }
      }
    }
  }
});
