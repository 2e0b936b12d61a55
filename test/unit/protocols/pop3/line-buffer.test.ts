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
