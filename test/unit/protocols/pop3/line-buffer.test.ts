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

test('lines taken as text or as bytes, then the rest as chunks, give what joining everything gives, whatever the chunks', () => {
  const listing = Array.from({ length: 40 }, (_, index) => `${index + 1} uid-${'x'.repeat(index % 13)}\r\n`).join('');
  const stream = Buffer.concat([
    Buffer.from(`+OK\r\n${listing}.\r\n`, 'latin1'),
    Buffer.from('caf\u00e9 \u05e9\u05dc\u05d5\u05dd\n\r\n', 'utf8'),
    Buffer.from('+OK 7 octets\r\nunended', 'latin1'),
  ]);
  const expected = referenceLines(stream, 1000);
  for (let seed = 1; seed <= 200; seed += 1) {
    let state = seed;
    const next = (bound: number): number => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % bound;
    };
    const buffer = new LineBuffer();
    let held = 0;
    for (let at = 0; at < stream.length;) {
      // Chunks of up to 200 bytes: most lines lie within one, some span two or three.
      const chunk = stream.subarray(at, at + 1 + next(200));
      buffer.push(chunk);
      held += chunk.length;
      at += chunk.length;
    }
    const lines: string[] = [];
    for (;;) {
      const before = buffer.length;
      const asText = next(2) === 0;
      const line = asText ? buffer.takeText(1000) : buffer.takeLine(1000)?.toString('utf8');
      if (line === undefined) break;
      lines.push(line);
      held -= before - buffer.length;
      assert.equal(buffer.length, held);
    }
    assert.deepEqual(
      lines,
      expected.lines.map((line) => Buffer.from(line, 'latin1').toString('utf8')),
      `seed ${seed}`,
    );
    // What is left comes out whole, even after a part of it is put back in front.
    const first = buffer.takeChunk();
    const cut = next(first.length + 1);
    buffer.unshift(first.subarray(cut));
    const rest: Buffer[] = [first.subarray(0, cut)];
    for (let chunk = buffer.takeChunk(); chunk.length > 0; chunk = buffer.takeChunk()) rest.push(chunk);
    assert.equal(Buffer.concat(rest).toString('latin1'), expected.rest, `seed ${seed}`);
    assert.equal(buffer.length, 0);
  }
});

test('the rest of a chunk after the lines taken from it comes out as one piece, and the bound still holds within a chunk', () => {
  const buffer = new LineBuffer();
  buffer.push(Buffer.from('+OK 2 octets\r\n1 120\r\nbody\r\n.\r\n'));
  assert.equal(buffer.takeText(100), '+OK 2 octets');
  assert.equal(buffer.takeText(100), '1 120');
  assert.equal(buffer.length, 9);
  assert.equal(buffer.takeChunk().toString(), 'body\r\n.\r\n');
  assert.equal(buffer.length, 0);
  assert.equal(buffer.takeText(100), undefined);
  buffer.push(Buffer.from(`ok\r\n${'y'.repeat(70)}\r\nshort\r\n`));
  assert.equal(buffer.takeText(64), 'ok');
  assert.throws(() => buffer.takeText(64), LineTooLongError);
  assert.equal(buffer.length, 72 + 7, 'a line that is too long is not consumed');
  assert.equal(buffer.clear(), 79);
  assert.equal(buffer.takeText(64), undefined);
});
