import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineBuffer, LineTooLongError } from '../../../../electron/protocols/pop3/line-buffer';

test('splits lines across chunks and drops CRLF or a bare LF', () => {
  const buffer = new LineBuffer();
  buffer.push(Buffer.from('+OK he'));
  assert.equal(buffer.takeLine(100), undefined);
  buffer.push(Buffer.from('llo\r\nsecond\nthi'));
  assert.equal(buffer.takeLine(100)?.toString(), '+OK hello');
  assert.equal(buffer.takeLine(100)?.toString(), 'second');
  assert.equal(buffer.takeLine(100), undefined);
  assert.equal(buffer.length, 3);
});

test('refuses a line longer than the bound, even before it ends', () => {
  const buffer = new LineBuffer();
  buffer.push(Buffer.alloc(64, 0x61));
  assert.throws(() => buffer.takeLine(64), LineTooLongError);
  const ended = new LineBuffer();
  ended.push(Buffer.from(`${'a'.repeat(70)}\r\n`));
  assert.throws(() => ended.takeLine(64), LineTooLongError);
});

test('puts back bytes in front and clears everything', () => {
  const buffer = new LineBuffer();
  buffer.push(Buffer.from('b\r\n'));
  buffer.unshift(Buffer.from('a'));
  assert.equal(buffer.takeLine(10)?.toString(), 'ab');
  buffer.push(Buffer.from('injected'));
  assert.equal(buffer.clear(), 8);
  assert.equal(buffer.length, 0);
});

test('hands a body on chunk by chunk as received, without joining or copying them', () => {
  const buffer = new LineBuffer();
  const first = Buffer.from('+OK 12 octets\r\nbody ');
  const second = Buffer.from('continues\r\n.\r\n');
  buffer.push(first);
  assert.equal(buffer.takeLine(100)?.toString(), '+OK 12 octets');
  buffer.push(second);
  assert.equal(buffer.length, 19);
  assert.equal(buffer.takeChunk().toString(), 'body ');
  assert.equal(buffer.takeChunk(), second, 'the second chunk itself, not a copy');
  assert.equal(buffer.length, 0);
  assert.equal(buffer.takeChunk().length, 0);
  const third = Buffer.from('more');
  buffer.push(third);
  buffer.unshift(Buffer.from('put back '));
  assert.equal(buffer.length, 13);
  assert.equal(buffer.takeChunk().toString(), 'put back ');
  assert.equal(buffer.takeChunk(), third);
});

/** The lines a buffer that joins everything it holds gives (what the line buffer gave before it looked only at the chunks a line spans). */
function referenceLines(bytes: Buffer, maxBytes: number): { lines: string[]; rest: string; tooLong: boolean } {
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, at);
    if (end === -1) return { lines, rest: bytes.subarray(at).toString('latin1'), tooLong: bytes.length - at >= maxBytes };
    if (end + 1 - at > maxBytes) return { lines, rest: '', tooLong: true };
    const contentEnd = end > at && bytes[end - 1] === 0x0d ? end - 1 : end;
    lines.push(bytes.subarray(at, contentEnd).toString('latin1'));
    at = end + 1;
  }
}

/** Splits `bytes` at pseudo-random places (a fixed seed, so a failure repeats). */
function randomChunks(bytes: Buffer, seed: number): Buffer[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = 1 + (next() % 9);
    chunks.push(bytes.subarray(at, at + length));
    at += length;
  }
  return chunks;
}

test('gives the same lines as joining everything, whatever the chunks: CR and LF split, bare LF, NUL, 8-bit, empty lines', () => {
  const stream = Buffer.concat([
    Buffer.from('+OK 3 messages\r\n1 120\r\n\r\n\n', 'latin1'),
    Buffer.from([0x00, 0x2e, 0x0d, 0x0a, 0xff, 0xe9, 0x0d, 0x0d, 0x0a, 0x80, 0x0a, 0x0d]),
    Buffer.from('.\r\n-ERR no such message\r\nlast line without its end', 'latin1'),
  ]);
  const expected = referenceLines(stream, 1000);
  for (let seed = 1; seed <= 200; seed += 1) {
    const buffer = new LineBuffer();
    for (const chunk of randomChunks(stream, seed)) buffer.push(chunk);
    const lines: string[] = [];
    for (let line = buffer.takeLine(1000); line !== undefined; line = buffer.takeLine(1000)) lines.push(line.toString('latin1'));
    assert.deepEqual(lines, expected.lines, `seed ${seed}`);
    const rest: Buffer[] = [];
    for (let chunk = buffer.takeChunk(); chunk.length > 0; chunk = buffer.takeChunk()) rest.push(chunk);
    assert.equal(Buffer.concat(rest).toString('latin1'), expected.rest, `seed ${seed}`);
  }
});

test('the bound holds for a line spread over many chunks, as it did for one joined buffer', () => {
  const long = Buffer.from(`${'x'.repeat(70)}\r\nshort\r\n`, 'latin1');
  for (let seed = 1; seed <= 50; seed += 1) {
    const ended = new LineBuffer();
    for (const chunk of randomChunks(long, seed)) ended.push(chunk);
    assert.throws(() => ended.takeLine(64), LineTooLongError, `seed ${seed}`);
    const open = new LineBuffer();
    for (const chunk of randomChunks(Buffer.alloc(64, 0x61), seed)) open.push(chunk);
    assert.throws(() => open.takeLine(64), LineTooLongError, `seed ${seed}`);
    const fits = new LineBuffer();
    for (const chunk of randomChunks(Buffer.alloc(63, 0x61), seed)) fits.push(chunk);
    assert.equal(fits.takeLine(64), undefined, `seed ${seed}`);
  }
});

test('a status line leaves the answers buffered behind it as they were received, not copied', () => {
  const buffer = new LineBuffer();
  const backlog = [Buffer.from('body of one\r\n.\r\n'), Buffer.from('+OK 2\r\nbody of two\r\n.\r\n')];
  buffer.push(Buffer.from('+OK 1\r\n'));
  for (const chunk of backlog) buffer.push(chunk);
  assert.equal(buffer.takeLine(100)?.toString(), '+OK 1');
  assert.equal(buffer.takeChunk(), backlog[0]);
  assert.equal(buffer.takeChunk(), backlog[1]);
});
