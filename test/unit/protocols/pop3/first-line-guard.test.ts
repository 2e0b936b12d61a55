import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FirstLineGuard } from '../../../../electron/protocols/pop3/first-line-guard';

/** Whether the guard calls the body a status line when it comes in these chunks. */
function seenAsStatus(chunks: readonly string[]): boolean {
  const guard = new FirstLineGuard();
  return chunks.some((chunk) => guard.looksLikeStatus(Buffer.from(chunk, 'latin1')));
}

test('a body starting with a status line is caught however it is split; mail is never taken for one', () => {
  const cases: Array<[string, boolean]> = [
    ['+OK 12 octets\r\nFrom: a\r\n', true],
    ['-ERR no such message\r\n', true],
    ['+OK\r\n', true],
    ['-ERR\n', true],
    ['From: a@example.com\r\n', false],
    ['\r\n', false],
    ['\u0000+OK\r\n', false],
    ['\u00ff-ERR\r\n', false],
    [' +OK\r\n', false],
  ];
  // Whole, a word that merely starts like a status is mail.
  assert.equal(seenAsStatus(['+OKAY, fine\r\n']), false);
  assert.equal(seenAsStatus(['-ERRATA\r\n']), false);
  for (const [body, expected] of cases) {
    for (let split = 0; split <= Math.min(body.length, 6); split += 1) {
      const chunks = [body.slice(0, split), body.slice(split)].filter((chunk) => chunk.length > 0);
      assert.equal(seenAsStatus(chunks), expected, `${JSON.stringify(body)} split at ${split}`);
    }
    assert.equal(seenAsStatus([...body]), expected, `${JSON.stringify(body)} byte by byte`);
  }
});

test('once the first line is cleared, later chunks are not looked at', () => {
  const guard = new FirstLineGuard();
  assert.equal(guard.looksLikeStatus(Buffer.from('Subject: hi\r\n')), false);
  assert.equal(guard.looksLikeStatus(Buffer.from('+OK later line\r\n')), false);
});
