import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ACCOUNT, openTestStore } from './store-fixture';

const CHUNK_BYTES = 64 * 1024;
const MESSAGE_BYTES = 100 * 1024 * 1024;
/** The bound for retrieving one 100 MB message, above the idle process. */
const MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;

test('a 100 MB message streams to disk and back without being held in memory', { timeout: 60_000 }, async () => {
  const { database, store } = await openTestStore();
  const chunk = Buffer.alloc(CHUNK_BYTES, 'm');
  chunk.write('Subject: huge\r\n\r\n');
  const expected = createHash('sha256');
  const source = Readable.from(
    (function* () {
      for (let sent = 0; sent < MESSAGE_BYTES; sent += CHUNK_BYTES) {
        expected.update(chunk);
        yield chunk;
      }
    })(),
  );
  global.gc?.();
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const batch = store.beginBatch();
  const sink = batch.createMessageSink();
  await pipeline(source, sink);
  const [outcome] = await batch.commit([{ accountId: ACCOUNT, folder: 'inbox', message: sink }]);
  assert.ok(outcome?.status === 'stored');
  const readBack = createHash('sha256');
  let size = 0;
  for await (const part of store.openRawMessage(outcome.messageId)) {
    readBack.update(part as Buffer);
    size += (part as Buffer).length;
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  assert.equal(size, MESSAGE_BYTES);
  assert.equal(readBack.digest('hex'), expected.digest('hex'));
  assert.equal(store.getMessage(outcome.messageId).size, MESSAGE_BYTES);
  assert.ok(peak - idle < MEMORY_BUDGET_BYTES, `peak ${Math.round((peak - idle) / 1024 / 1024)} MB above idle`);
  database.close();
});
