import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RawBatchWriter } from '../../../electron/storage/raw-batch';
import {
  LARGE_MESSAGE_BYTES,
  decodeRecordHeader,
  encodeRecordHeader,
  PACK_MAGIC,
  RECORD_HEADER_BYTES,
  RECORD_MAGIC,
  sha256Hex,
} from '../../../electron/storage/raw-layout';
import { openRawSource } from '../../../electron/storage/raw-read';
import { temporaryProfile } from './store-fixture';

function rawRoot(): string {
  const root = path.join(temporaryProfile(), 'messages');
  mkdirSync(path.join(root, 'packs'), { recursive: true });
  mkdirSync(path.join(root, 'large'), { recursive: true });
  return root;
}

async function read(root: string, written: Awaited<ReturnType<RawBatchWriter['addMessage']>>): Promise<Buffer> {
  const source =
    written.location.kind === 'pack'
      ? { kind: 'pack' as const, path: path.join(root, 'packs', written.location.packFile), offset: written.location.offset, size: written.size }
      : { kind: 'file' as const, path: path.join(root, written.location.file), size: written.size };
  const chunks: Buffer[] = [];
  for await (const chunk of openRawSource(source)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test('small messages share one pack, each behind a self-describing record header', async () => {
  const root = rawRoot();
  const writer = new RawBatchWriter(root);
  const first = Buffer.from('Subject: one\r\n\r\nbody\r\n');
  const second = Buffer.from('Subject: two\r\n\r\n.\r\nbinary \u0000 bytes\r\n', 'latin1');
  const a = await writer.addMessage(first);
  const b = await writer.addMessage(second);
  await writer.sync();
  await writer.close();
  assert.equal(a.location.kind, 'pack');
  assert.equal(b.location.kind, 'pack');
  assert.deepEqual(await read(root, a), first);
  assert.deepEqual(await read(root, b), second);
  assert.equal(a.sha256, sha256Hex(first));
  const packs = readdirSync(path.join(root, 'packs'));
  assert.equal(packs.length, 1);
  const pack = readFileSync(path.join(root, 'packs', packs[0] ?? ''));
  assert.deepEqual(pack.subarray(0, PACK_MAGIC.length), PACK_MAGIC);
  assert.equal(a.location.kind === 'pack' ? a.location.offset : -1, PACK_MAGIC.length + RECORD_HEADER_BYTES);
  assert.deepEqual(decodeRecordHeader(pack.subarray(PACK_MAGIC.length)), { size: first.length, sha256: sha256Hex(first) });
});

test('a message past the large-message size streams into its own file, byte for byte', async () => {
  const root = rawRoot();
  const writer = new RawBatchWriter(root);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const chunks = Array.from({ length: Math.ceil((3 * LARGE_MESSAGE_BYTES) / chunk.length) }, (_, index) => Buffer.concat([Buffer.from(`${index}:`), chunk]));
  const sink = writer.createMessageSink();
  await pipeline(Readable.from(chunks), sink);
  const written = await sink.written;
  await writer.sync();
  await writer.close();
  assert.equal(written.location.kind, 'file');
  const expected = Buffer.concat(chunks);
  assert.equal(written.size, expected.length);
  assert.equal(written.sha256, sha256Hex(expected));
  assert.ok((await read(root, written)).equals(expected));
  assert.deepEqual(readdirSync(path.join(root, 'packs')), [], 'no pack is created for a batch without small messages');
});

test('a message cut off mid-way (dropped connection) leaves no file behind', async () => {
  const root = rawRoot();
  const writer = new RawBatchWriter(root);
  const sink = writer.createMessageSink();
  const closed = new Promise((resolve) => sink.once('close', resolve));
  sink.on('error', () => undefined);
  await new Promise<void>((resolve) => sink.write(Buffer.alloc(LARGE_MESSAGE_BYTES + 10, 'y'), () => resolve()));
  assert.equal(readdirSync(path.join(root, 'large')).length, 1, 'the message had spilled to its own file');
  sink.destroy(new Error('connection dropped'));
  await assert.rejects(sink.written, /connection dropped/);
  await closed;
  assert.deepEqual(readdirSync(path.join(root, 'large')), []);
  await writer.abort();
});

test('aborting a batch removes every file it wrote', async () => {
  const root = rawRoot();
  const writer = new RawBatchWriter(root);
  await writer.addMessage(Buffer.from('Subject: small\r\n\r\n'));
  await writer.addMessage(Buffer.alloc(LARGE_MESSAGE_BYTES + 1, 'z'));
  await writer.abort();
  assert.deepEqual(readdirSync(path.join(root, 'packs')), []);
  assert.deepEqual(readdirSync(path.join(root, 'large')), []);
  assert.throws(() => writer.createMessageSink(), /closed/);
});

test('a record header is the magic, four zero bytes, the 64-bit big-endian length and the hash, for any length', () => {
  const sha256 = sha256Hex(Buffer.from('any'));
  for (const size of [0, 1, 255, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 40 + 2 ** 31, Number.MAX_SAFE_INTEGER]) {
    const expected = Buffer.alloc(RECORD_HEADER_BYTES);
    RECORD_MAGIC.copy(expected, 0);
    expected.writeBigUInt64BE(BigInt(size), 8);
    Buffer.from(sha256, 'hex').copy(expected, 16);
    const header = encodeRecordHeader(size, sha256);
    assert.deepEqual(header, expected, `size ${size}`);
    assert.deepEqual(decodeRecordHeader(header), { size, sha256 });
  }
});

test('chunks written faster than the disk takes them are stored byte for byte, small or large', async () => {
  const root = rawRoot();
  const writer = new RawBatchWriter(root);
  const messages = [
    // Many tiny chunks of a small message, with a header section split across them.
    Buffer.from(`Subject: pieces\r\nX-Bytes: \u0000\u00ff\r\n\r\n${'line\r\n'.repeat(500)}`, 'latin1'),
    // A large one in uneven chunks, all written at once, so the stream hands several over together.
    Buffer.concat([Buffer.from('Subject: large\r\n\r\n'), ...Array.from({ length: 40 }, (_, index) => Buffer.alloc(70_001 + index, 97 + (index % 26)))]),
  ];
  const written: Array<Awaited<ReturnType<RawBatchWriter['addMessage']>>> = [];
  for (const message of messages) {
    const sink = writer.createMessageSink();
    for (let at = 0, step = 1; at < message.length; at += step, step = (step * 7) % 90_001 || 3) sink.write(message.subarray(at, at + step));
    sink.end();
    written.push(await sink.written);
  }
  await writer.sync();
  await writer.close();
  assert.deepEqual(
    written.map((each) => each.location.kind),
    ['pack', 'file'],
  );
  for (const [index, message] of messages.entries()) {
    const stored = written[index];
    assert.ok(stored !== undefined);
    assert.equal(stored.size, message.length);
    assert.equal(stored.sha256, sha256Hex(message));
    assert.ok((await read(root, stored)).equals(message), `message ${index}`);
    assert.equal(Buffer.from(stored.header ?? new Uint8Array()).toString('latin1'), message.subarray(0, message.indexOf('\r\n\r\n') + 4).toString('latin1'));
  }
});

test('a small message added from bytes is stored as it was, even if the caller reuses its buffer before the sync', async () => {
  const root = rawRoot();
  const writer = new RawBatchWriter(root);
  const buffer = Buffer.from('Subject: kept\r\n\r\nas added\r\n');
  const expected = Buffer.from(buffer);
  const written = await writer.addMessage(buffer);
  buffer.fill(0x21);
  await writer.sync();
  await writer.close();
  assert.equal(written.sha256, sha256Hex(expected));
  assert.deepEqual(await read(root, written), expected);
});
