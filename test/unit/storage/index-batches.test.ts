import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INDEX_BATCH_SIZE, UNPARSEABLE, type MessageParser } from '../../../electron/storage/message-index';
import type { CommitEntry } from '../../../electron/storage/message-batch';
import { ACCOUNT, mail, openTestStore } from './store-fixture';

const MESSAGES = 10_000;

test('indexing 10,000 messages hands the parser one batch at a time and holds at most one batch of results unwritten', async () => {
  const { database, store } = await openTestStore();
  store.ensureDefaultFolders(ACCOUNT);
  const batch = store.beginBatch();
  const entries: CommitEntry[] = [];
  for (let index = 0; index < MESSAGES; index += 1) {
    const message = await batch.addMessage(mail({ subject: `Message ${index}` }));
    entries.push({ accountId: ACCOUNT, folder: 'inbox', message, pop: { uidl: `U${index}`, state: 'downloaded' } });
  }
  await batch.commit(entries);
  const indexed = database.prepare<[], { n: number }>('select count(*) as n from messages where indexed_at is not null');
  let handedOut = 0;
  let calls = 0;
  let mostUnwritten = 0;
  const parser: MessageParser = async (requests) => {
    calls += 1;
    assert.ok(requests.length <= INDEX_BATCH_SIZE, `a request of ${requests.length} messages`);
    // Everything handed out before this request was parsed; what is not yet written is held in memory.
    mostUnwritten = Math.max(mostUnwritten, handedOut - (indexed.get()?.n ?? 0));
    handedOut += requests.length;
    await new Promise((resolve) => setImmediate(resolve));
    return requests.map((request) => ({ messageId: request.messageId, parsed: { ...UNPARSEABLE, problems: [], subject: `parsed ${request.messageId}` } }));
  };
  const report = await store.indexPending(parser);
  assert.equal(report.indexed, MESSAGES);
  assert.equal(indexed.get()?.n, MESSAGES);
  assert.equal(calls, Math.ceil(MESSAGES / INDEX_BATCH_SIZE), 'every message is asked for once, a batch at a time');
  assert.ok(mostUnwritten <= INDEX_BATCH_SIZE, `${mostUnwritten} parsed messages were waiting to be written`);
  await store.close();
  database.close();
});
