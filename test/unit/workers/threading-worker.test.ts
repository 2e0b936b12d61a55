/**
 * The threading worker works out the same conversations as the threading of shared/mail/threading.ts
 * over the same messages: a generated corpus of 5,000 messages (reply trees by References, by
 * In-Reply-To alone, by subject alone, with missing parents and repeated Message-IDs) arriving in
 * shuffled order and in batches, each batch re-threaded in the worker after the cache sees the change.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { threadLines, threadMessages, type ThreadableMessage } from '../../../shared/mail/threading';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { folderIdForRole } from '../../../electron/storage/folders';
import { conversationScope, linesOfConversation, pageOfConversations } from '../../../electron/storage/message-threads';
import { conversationIndexOf, createThreadingCache, layoutLines, type ThreadingLayout } from '../../../electron/storage/thread-layout';
import { startThreadingWorker, type ThreadingWorkerClient } from '../../../electron/workers/threading-client';
import { twoAccountDatabase } from '../storage/store-fixture';

const CORPUS_SIZE = 5_000;
const BATCHES = 4;
const HOUR_MS = 3_600_000;

interface Generated {
  readonly folder: 'inbox' | 'sent';
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: string[];
  readonly subject: string;
  readonly date: number;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function corpus(size: number, next: () => number): Generated[] {
  const made: Generated[] = [];
  const topics = ['Budget', 'Trip to Oslo', 'اجتماع الفريق', 'שלום עולם', 'Quarterly plan', '会議資料'];
  while (made.length < size) {
    const index = made.length;
    const pick = next();
    const earlier = index === 0 ? undefined : made[Math.floor(next() * index)];
    const date = Math.floor(next() * 5_000) * HOUR_MS;
    const folder = next() < 0.3 ? 'sent' : 'inbox';
    const ownId = next() < 0.02 && earlier !== undefined && earlier.messageId !== null ? earlier.messageId : next() < 0.01 ? null : `<m${index}@example.com>`;
    if (earlier === undefined || pick < 0.3) {
      made.push({ folder, messageId: ownId, inReplyTo: null, references: [], subject: `${topics[index % topics.length]} ${index % 97}`, date });
    } else if (pick < 0.7) {
      // A reply by References; now and then its parent's line names a parent that is never here.
      const lost = next() < 0.1 ? [`<lost${index}@example.com>`] : [];
      const parent = earlier.messageId === null ? [] : [earlier.messageId];
      made.push({
        folder,
        messageId: ownId,
        inReplyTo: null,
        references: [...earlier.references, ...lost, ...parent],
        subject: `Re: ${earlier.subject}`,
        date,
      });
    } else if (pick < 0.85) {
      made.push({ folder, messageId: ownId, inReplyTo: earlier.messageId, references: [], subject: `AW: ${earlier.subject}`, date });
    } else {
      // Only the subject says it is a reply (RFC 5256 ORDEREDSUBJECT's fallback).
      made.push({ folder, messageId: ownId, inReplyTo: null, references: [], subject: `Fwd: Re: ${earlier.subject.replace(/^(Re|AW|Fwd): /g, '')}`, date });
    }
  }
  return made;
}

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

let database: SqliteDatabase;
let dispose: () => void;
let worker: ThreadingWorkerClient;

before(() => {
  ({ database, dispose } = twoAccountDatabase('mailbag-threading-worker-'));
  worker = startThreadingWorker(database.name);
});

after(async () => {
  await worker.close();
  dispose();
});

/** What threading shared/mail/threading.ts makes of the stored messages: each conversation's lines, by its smallest id. */
function expectedConversations(): Map<number, string> {
  const rows = database
    .prepare<[], { id: number; message_id: string | null; in_reply_to: string | null; message_references: string; subject: string; sort_date: number }>(
      "select id, message_id, in_reply_to, message_references, subject, sort_date from messages where account_id = 'home'",
    )
    .all();
  const messages: ThreadableMessage[] = rows.map((row) => ({
    id: row.id,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: JSON.parse(row.message_references) as string[],
    subject: row.subject,
    date: row.sort_date,
  }));
  const conversations = new Map<number, string>();
  for (const root of threadMessages(messages)) {
    const lines = threadLines(root);
    const id = Math.min(...lines.flatMap((line) => (line.message === null ? [] : [line.message])));
    conversations.set(id, JSON.stringify(lines));
  }
  return conversations;
}

function layoutConversations(layout: ThreadingLayout): Map<number, string> {
  const conversations = new Map<number, string>();
  for (let index = 0; index < layout.conversationIds.length; index += 1) {
    conversations.set(layout.conversationIds[index] ?? 0, JSON.stringify(layoutLines(layout, index)));
  }
  return conversations;
}

test('the worker threads a shuffled 5,000-message corpus exactly as the threading algorithm does, batch after batch', async () => {
  const next = random(17);
  const inbox = folderIdForRole(database, 'home', 'inbox');
  const sent = folderIdForRole(database, 'home', 'sent');
  const scope = conversationScope(database, [inbox], ['inbox', 'sent']);
  let computed = 0;
  const cache = createThreadingCache(database, (asked) => {
    computed += 1;
    return worker.layout(asked);
  });
  const insert = database.prepare(
    `insert into messages (account_id, folder_id, raw_file, size, sha256, received_at, sort_date, seen, subject, from_name, from_address,
       message_id, in_reply_to, message_references, indexed_at)
     values ('home', ?, ?, 100, 'hash', 1, ?, 0, ?, 'Ann', 'ann@example.com', ?, ?, ?, 1)`,
  );
  const arrivals = shuffle(corpus(CORPUS_SIZE, next), next);
  const batchSize = Math.ceil(arrivals.length / BATCHES);
  for (let start = 0; start < arrivals.length; start += batchSize) {
    database.transaction(() => {
      for (const [offset, message] of arrivals.slice(start, start + batchSize).entries()) {
        insert.run(
          message.folder === 'inbox' ? inbox : sent,
          `raw/${start + offset}`,
          message.date,
          message.subject,
          message.messageId,
          message.inReplyTo,
          JSON.stringify(message.references),
        );
      }
    })();
    const layout = await cache.layout(scope);
    const expected = expectedConversations();
    const actual = layoutConversations(layout);
    assert.equal(actual.size, expected.size);
    assert.deepEqual(actual, expected);
    // Every stored message is found in its conversation.
    const stored = Math.min(start + batchSize, arrivals.length);
    for (let id = 1; id <= stored; id += 1) assert.notEqual(conversationIndexOf(layout, id), undefined, `message ${id}`);
  }
  assert.equal(computed, BATCHES);
  // Unchanged folders: the kept layout answers, the worker is not asked again.
  const kept = await cache.layout(scope);
  assert.equal(computed, BATCHES);
  const page = pageOfConversations(database, kept, { limit: 50 });
  assert.equal(page.conversations.length, 50);
  const dates = page.conversations.map((conversation) => conversation.latestDate);
  assert.deepEqual(
    dates,
    [...dates].sort((left, right) => right - left),
  );
  const first = page.conversations[0];
  assert.ok(first !== undefined);
  assert.equal(linesOfConversation(database, kept, first.id).filter((line) => line.message !== null).length, first.messageCount);
});

test('a moved message makes the cache ask the worker again, and calls meanwhile share one answer', async () => {
  const inbox = folderIdForRole(database, 'home', 'inbox');
  const trash = folderIdForRole(database, 'home', 'trash');
  const scope = conversationScope(database, [inbox], ['inbox', 'sent']);
  let computed = 0;
  const cache = createThreadingCache(database, (asked) => {
    computed += 1;
    return worker.layout(asked);
  });
  const before = await cache.layout(scope);
  const moved = database.prepare<[number], { id: number }>('select id from messages where folder_id = ? order by id limit 1').get(inbox);
  assert.ok(moved !== undefined);
  database.prepare('update messages set folder_id = ? where id = ?').run(trash, moved.id);
  const [one, two] = await Promise.all([cache.layout(scope), cache.layout(scope)]);
  assert.equal(one, two);
  assert.equal(computed, 2);
  assert.notEqual(one?.fingerprint, before.fingerprint);
  assert.equal(one === undefined ? 0 : conversationIndexOf(one, moved.id), undefined);
});

test('a database the worker cannot open is an error for that request, and the worker answers the next one', async () => {
  const broken = startThreadingWorker(`${database.name}.missing`);
  try {
    await assert.rejects(broken.layout({ folderIds: [1], shownFolderIds: [1] }), (error: unknown) => error instanceof Error && 'code' in error);
  } finally {
    await broken.close();
  }
  const inbox = folderIdForRole(database, 'home', 'inbox');
  const layout = await worker.layout({ folderIds: [inbox], shownFolderIds: [inbox] });
  assert.ok(layout.listedCount > 0);
});
