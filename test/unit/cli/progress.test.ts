import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressReporter } from '../../../electron/cli/progress';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) }, writes };
}

test('a terminal gets one bar redrawn in place', () => {
  const { stream, writes } = sink(true);
  const progress = createProgressReporter(stream);
  progress.update('Home: receiving', 1, 4);
  progress.update('Home: receiving', 4, 4);
  progress.finish('4 new messages');
  const clearLine = '\r\x1b[2K';
  assert.equal(writes[0], `${clearLine}[######------------------]  25% Home: receiving (1/4)`);
  assert.equal(writes[1], `${clearLine}[${'#'.repeat(24)}] 100% Home: receiving (4/4)`);
  assert.equal(writes[2], '\r\x1b[2K4 new messages\n');
});

test('a pipe or file gets plain lines, at most one per 10% step', () => {
  const { stream, writes } = sink(false);
  const progress = createProgressReporter(stream);
  for (let done = 0; done <= 1000; done += 1) progress.update('receiving', done, 1000);
  progress.finish('done');
  assert.equal(writes.length, 12);
  assert.equal(writes[0], 'receiving: 0/1,000 (0%)\n');
  assert.equal(writes[10], 'receiving: 1,000/1,000 (100%)\n');
  assert.ok(writes.every((line) => !line.includes('\r') && !line.includes('\x1b')));
});
