/**
 * Conversations of a folder set: Inbox and Sent threaded together, listed newest conversation first
 * with counts, unread counts and senders, kept right as mail arrives, is read or is moved.
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { folderIdForRole } from '../../../electron/storage/folders';
import { conversationLines, conversationScope, listConversations } from '../../../electron/storage/message-threads';
import type { ConversationScope } from '../../../electron/storage/thread-layout';
import { rmSync } from 'node:fs';
import { ACCOUNT, inlineParser, mail, openTestStore, twoAccountDatabase } from './store-fixture';

const HOUR_MS = 3_600_000;
let database: SqliteDatabase;
let dispose: () => void;
let inbox: number;
let sent: number;
let scope: ConversationScope;

interface Row {
  folder: number;
  hour: number;
  subject: string;
  from?: string;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  seen?: boolean;
}

function insert(row: Row): number {
  const result = database
    .prepare(
      `insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date, seen, subject, from_name, from_address,
         message_id, in_reply_to, message_references, indexed_at)
       values ('home', ?, ?, 100, 'hash', 1, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    )
    .run(
      row.folder,
      `large/${Math.random()}`,
      row.hour * HOUR_MS,
      row.seen === true ? 1 : 0,
      row.subject,
      row.from ?? 'Ann',
      `${(row.from ?? 'ann').toLowerCase()}@example.com`,
      row.messageId === undefined ? `<${row.subject.replace(/\W+/g, '.')}.${row.hour}@example.com>` : row.messageId,
      row.inReplyTo ?? null,
      JSON.stringify(row.references ?? []),
    );
  return Number(result.lastInsertRowid);
}

beforeEach(() => {
  ({ database, dispose } = twoAccountDatabase('mailbag-threads-'));
  inbox = folderIdForRole(database, 'home', 'inbox');
  sent = folderIdForRole(database, 'home', 'sent');
  scope = conversationScope(database, [inbox], ['inbox', 'sent']);
});

afterEach(() => dispose());

test('the scope of an Inbox adds the chosen folders of its own account only', () => {
  assert.deepEqual([...scope.folderIds].sort(), [inbox, sent].sort());
  assert.deepEqual(scope.shownFolderIds, [inbox]);
  const junk = folderIdForRole(database, 'home', 'junk');
  assert.deepEqual([...conversationScope(database, [junk], ['sent']).folderIds].sort(), [junk, sent].sort());
});

test('a reply chain across Inbox and Sent is one conversation with counts, unread count and senders', () => {
  const first = insert({ folder: inbox, hour: 1, subject: 'Plan', from: 'Bob', messageId: '<plan@x>' });
  const reply = insert({
    folder: sent,
    hour: 2,
    subject: 'Re: Plan',
    from: 'Ann',
    messageId: '<reply@x>',
    inReplyTo: '<plan@x>',
    references: ['<plan@x>'],
    seen: true,
  });
  const again = insert({ folder: inbox, hour: 3, subject: 'Re: Plan', from: 'Bob', messageId: '<again@x>', references: ['<plan@x>', '<reply@x>'] });
  insert({ folder: inbox, hour: 0, subject: 'Older', from: 'Carol' });
  insert({ folder: sent, hour: 9, subject: 'Only sent', from: 'Ann' });
  const page = listConversations(database, scope);
  assert.equal(page.total, 2, 'a conversation only in Sent is not listed for the Inbox');
  const [plan, older] = page.conversations;
  assert.equal(plan?.root.id, first);
  assert.equal(plan?.messageCount, 3);
  assert.equal(plan?.unreadCount, 2);
  assert.equal(plan?.latestDate, 3 * HOUR_MS);
  assert.deepEqual(
    plan?.participants.map((person) => person.name),
    ['Bob', 'Ann'],
  );
  assert.equal(older?.messageCount, 1);
  const lines = conversationLines(database, scope, again);
  assert.deepEqual(
    lines.map((line) => [line.message?.id, line.depth]),
    [
      [first, 0],
      [reply, 1],
      [again, 2],
    ],
  );
});

test('reading a message changes the unread count at once; a parent that arrives late joins two conversations', () => {
  const one = insert({ folder: inbox, hour: 2, subject: 'Re: Trip', messageId: '<one@x>', references: ['<trip@x>'] });
  insert({ folder: inbox, hour: 3, subject: 'Re: Trip', messageId: '<two@x>', references: ['<trip@x>'] });
  insert({ folder: inbox, hour: 4, subject: 'Alone', messageId: '<alone@x>', references: ['<elsewhere@x>'] });
  assert.equal(listConversations(database, scope).total, 2, 'two replies to a missing parent are one conversation');
  const held = conversationLines(database, scope, one);
  assert.deepEqual(
    held.map((line) => [line.message?.id ?? null, line.depth]),
    [
      [null, 0],
      [one, 1],
      [one + 1, 1],
    ],
  );
  database.prepare('update messages set seen = 1 where id = ?').run(one);
  assert.equal(listConversations(database, scope).conversations[1]?.unreadCount, 1);
  const trip = insert({ folder: sent, hour: 1, subject: 'Trip', messageId: '<trip@x>' });
  const lines = conversationLines(database, scope, one);
  assert.deepEqual(
    lines.map((line) => [line.message?.id ?? null, line.depth]),
    [
      [trip, 0],
      [one, 1],
      [one + 1, 1],
    ],
  );
});

test('mail without references joins by a reply subject; moving the last Inbox message out removes the conversation', () => {
  const topic = insert({ folder: inbox, hour: 1, subject: 'Topic', messageId: null });
  const answer = insert({ folder: sent, hour: 2, subject: 'Re: AW: topic', messageId: null });
  const page = listConversations(database, scope);
  assert.equal(page.total, 1);
  assert.equal(page.conversations[0]?.messageCount, 2);
  assert.deepEqual(
    conversationLines(database, scope, answer).map((line) => line.message?.id),
    [topic, answer],
  );
  database.prepare('update messages set folder_id = ? where id = ?').run(folderIdForRole(database, 'home', 'trash'), topic);
  assert.equal(listConversations(database, scope).total, 0);
  assert.throws(() => conversationLines(database, scope, topic), { code: 'NOT_FOUND' });
});

test('conversations page newest first at any offset, and the page size is checked', () => {
  for (let hour = 0; hour < 30; hour += 1) insert({ folder: inbox, hour, subject: `Subject ${hour}` });
  const page = listConversations(database, scope, { offset: 10, limit: 5 });
  assert.equal(page.total, 30);
  assert.deepEqual(
    page.conversations.map((conversation) => conversation.root.subject),
    ['Subject 19', 'Subject 18', 'Subject 17', 'Subject 16', 'Subject 15'],
  );
  assert.throws(() => listConversations(database, scope, { limit: 0 }), { code: 'VALIDATION' });
});

test('stored mail threads from the headers read at commit, and again after rebuild-index', async () => {
  const { profile, database: storeDatabase, store } = await openTestStore();
  try {
    store.ensureDefaultFolders(ACCOUNT);
    const storeInbox = folderIdForRole(storeDatabase, ACCOUNT, 'inbox');
    const storeScope = conversationScope(storeDatabase, [storeInbox], ['inbox', 'sent']);
    await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Plan', messageId: '<plan@x>', date: 'Mon, 2 Mar 2026 10:00:00 +0000' }));
    await store.addMessage(
      { accountId: ACCOUNT, folder: 'sent' },
      mail({
        subject: 'Re: Plan',
        messageId: '<reply@x>',
        date: 'Tue, 3 Mar 2026 10:00:00 +0000',
        extraHeaders: ['In-Reply-To: <plan@x>', 'References: <plan@x>'],
      }),
    );
    await store.addMessage(
      { accountId: ACCOUNT, folder: 'inbox' },
      mail({ subject: 'Re: Plan', messageId: '<again@x>', date: 'Wed, 4 Mar 2026 10:00:00 +0000', extraHeaders: ['References: <plan@x>\r\n <reply@x>'] }),
    );
    const depths = (): Array<[string | null | undefined, number]> => {
      const [first] = listConversations(storeDatabase, storeScope).conversations;
      assert.ok(first !== undefined);
      return conversationLines(storeDatabase, storeScope, first.root.id).map((line) => [line.message?.subject, line.depth]);
    };
    const expected: Array<[string, number]> = [
      ['Plan', 0],
      ['Re: Plan', 1],
      ['Re: Plan', 2],
    ];
    assert.deepEqual(depths(), expected, 'threaded from the list columns written with the batch');
    await store.rebuildIndex(inlineParser);
    assert.equal(listConversations(storeDatabase, storeScope).total, 1);
    assert.deepEqual(depths(), expected, 'threaded again from the columns rebuild-index wrote');
  } finally {
    await store.close();
    storeDatabase.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
