import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BodyDecoder } from '../../../../electron/protocols/pop3/body-decoder';

function decodeAll(chunks: readonly Buffer[]): { output: Buffer; rest: Buffer; done: boolean } {
  const decoder = new BodyDecoder();
  const output: Buffer[] = [];
  const rest: Buffer[] = [];
  for (const chunk of chunks) {
    if (decoder.done) {
      rest.push(chunk);
      continue;
    }
    const result = decoder.decode(chunk);
    output.push(result.output);
    rest.push(chunk.subarray(result.consumed));
  }
  return { output: Buffer.concat(output), rest: Buffer.concat(rest), done: decoder.done };
}

const STUFFED = Buffer.from(
  'From: a\r\n\r\n..leading dot\r\n...two dots\r\n..\r\nmiddle . dot\r\n.\rodd\r\nbare\nline\n\r\n\r\nlast\r\n.\r\n+OK next',
  'latin1',
);
const EXPECTED = Buffer.from('From: a\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nmiddle . dot\r\n\rodd\r\nbare\nline\n\r\n\r\nlast\r\n', 'latin1');

test('removes the stuffed dot and stops at the terminator, leaving what follows', () => {
  const { output, rest, done } = decodeAll([STUFFED]);
  assert.equal(done, true);
  assert.deepEqual(output, EXPECTED);
  assert.equal(rest.toString(), '+OK next');
});

test('gives the same bytes whatever the split into two chunks', () => {
  for (let split = 0; split <= STUFFED.length; split += 1) {
    const { output, rest, done } = decodeAll([STUFFED.subarray(0, split), STUFFED.subarray(split)]);
    assert.equal(done, true, `split at ${split}`);
    assert.deepEqual(output, EXPECTED, `split at ${split}`);
    assert.equal(rest.toString(), '+OK next', `split at ${split}`);
  }
});

test('gives the same bytes when fed one byte at a time', () => {
  const bytes = [...STUFFED].map((byte) => Buffer.from([byte]));
  const { output, rest } = decodeAll(bytes);
  assert.deepEqual(output, EXPECTED);
  assert.equal(rest.toString(), '+OK next');
});

test('an empty body is just the terminator', () => {
  const { output, done } = decodeAll([Buffer.from('.\r\n')]);
  assert.equal(done, true);
  assert.equal(output.length, 0);
});

test('accepts a terminator ending in a bare LF', () => {
  const { output, done } = decodeAll([Buffer.from('a\n.\n')]);
  assert.equal(done, true);
  assert.equal(output.toString(), 'a\n');
});

test('is not finished while the terminator has not arrived', () => {
  const { done, output } = decodeAll([Buffer.from('line\r\n.'), Buffer.from('\r')]);
  assert.equal(done, false);
  assert.equal(output.toString(), 'line\r\n');
});

test('random messages survive stuffing, random chunking and decoding unchanged', () => {
  let seed = 7;
  const random = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  const alphabet = ['.', '\r\n', '\n', 'a', ' ', '\r', '..', '\r\n.', '.\r\n'];
  for (let round = 0; round < 200; round += 1) {
    let body = '';
    for (let piece = 0; piece < 40; piece += 1) body += alphabet[random(alphabet.length)];
    if (!body.endsWith('\r\n')) body += '\r\n';
    const stuffed = Buffer.from(body.replace(/(^|\n)\./g, '$1..') + '.\r\n', 'latin1');
    const chunks: Buffer[] = [];
    for (let start = 0; start < stuffed.length;) {
      const length = 1 + random(7);
      chunks.push(stuffed.subarray(start, start + length));
      start += length;
    }
    const { output, done } = decodeAll(chunks);
    assert.equal(done, true);
    assert.equal(output.toString('latin1'), body);
  }
});

/** RFC 1939 §3 read line by line: what the streaming decoder must match for any chunking. */
function referenceDecode(bytes: Buffer): { output: Buffer; consumed: number } | undefined {
  const output: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end === -1) return undefined;
    const line = bytes.subarray(start, end + 1);
    if (line.equals(Buffer.from('.\r\n')) || line.equals(Buffer.from('.\n'))) return { output: Buffer.concat(output), consumed: end + 1 };
    output.push(line[0] === 0x2e ? line.subarray(1) : line);
    start = end + 1;
  }
  return undefined;
}

test('matches a line-by-line reading for random bodies of dot, CR and LF runs cut into random chunks', () => {
  let seed = 16;
  const next = (limit: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % limit;
  };
  const alphabet = [0x2e, 0x0d, 0x0a, 0x61, 0x62, 0x2e, 0x0a];
  for (let round = 0; round < 2_000; round += 1) {
    const body = Buffer.from(Array.from({ length: next(300) }, () => alphabet[next(alphabet.length)] ?? 0x61));
    const whole = Buffer.concat([body, Buffer.from('\r\n.\r\n+OK')]);
    const expected = referenceDecode(whole);
    assert.ok(expected !== undefined);
    const chunks: Buffer[] = [];
    for (let start = 0; start < whole.length;) {
      const length = 1 + next(64);
      chunks.push(whole.subarray(start, start + length));
      start += length;
    }
    const { output, rest, done } = decodeAll(chunks);
    assert.equal(done, true, `round ${round}`);
    assert.deepEqual(output, expected.output, `round ${round}`);
    assert.deepEqual(rest, whole.subarray(expected.consumed), `round ${round}`);
  }
});
