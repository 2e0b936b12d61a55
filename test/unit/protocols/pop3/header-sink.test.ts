/** The sink for `TOP n 0` answers: the header section only, bounded, in memory. */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';
import { HeaderSink } from '../../../../electron/protocols/pop3';

async function fill(sink: HeaderSink, chunks: readonly string[]): Promise<HeaderSink> {
  await pipeline(Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'latin1'))), sink);
  return sink;
}

test('keeps the header section with its empty line, whatever the chunks, and nothing after it', async () => {
  const sink = await fill(new HeaderSink(1024), ['Subject: caf\xe9\r\nMessage-ID:\r\n <a@b.test>\r', '\n\r', '\nbody that a server sent anyway\r\n']);
  assert.equal(sink.text(), 'Subject: caf\xe9\r\nMessage-ID:\r\n <a@b.test>\r\n\r\n');
  assert.deepEqual([...sink.bytes().subarray(12, 13)], [0xe9]);
});

test('keeps no more than its bound of a huge header, and accepts every byte the server sends', async () => {
  const lines = Array.from({ length: 10_000 }, (_, index) => `X-Line-${index}: ${'v'.repeat(40)}\r\n`);
  const sink = await fill(new HeaderSink(64 * 1024), lines);
  assert.equal(sink.bytes().length, 64 * 1024);
  assert.ok(sink.text().startsWith('X-Line-0: '));
});

test('keeps a header without an empty line (a server that sends none) whole', async () => {
  const sink = await fill(new HeaderSink(1024), ['From: a@b.test\n', 'Subject: bare LF\n']);
  assert.equal(sink.text(), 'From: a@b.test\nSubject: bare LF\n');
});
