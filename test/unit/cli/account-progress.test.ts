/** Progress of several accounts at once (`mailbag receive`): bars on a terminal, plain lines elsewhere. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccountProgress } from '../../../electron/cli/account-progress';

const ESC = '\u001b';
const CLEAR = `\r${ESC}[2K`;

function sink(isTTY: boolean) {
  let text = '';
  return { stream: { isTTY, write: (chunk: string) => (text += chunk) }, text: () => text };
}

test('on a terminal each account has its own bar, redrawn in place', () => {
  const out = sink(true);
  const progress = createAccountProgress(out.stream);
  progress.update('Home', 'downloading', 1, 4);
  progress.update('Work', 'connecting', 0, 0);
  progress.update('Home', 'downloading', 4, 4);
  progress.finish('Send/Receive finished.');
  const frames = out.text();
  assert.ok(frames.includes(`${CLEAR}Home  [${'#'.repeat(6)}${'-'.repeat(18)}]  25% downloading (1/4)\n`), frames);
  assert.ok(
    frames.includes(`${ESC}[2A${CLEAR}Home  [${'#'.repeat(24)}] 100% downloading (4/4)\n${CLEAR}Work  [${'-'.repeat(24)}]   0% connecting\n`),
    'both lines redrawn in place',
  );
  assert.ok(frames.endsWith('Send/Receive finished.\n'));
});

test('elsewhere plain lines, one per account, phase and step', () => {
  const out = sink(false);
  const progress = createAccountProgress(out.stream);
  progress.update('Home', 'connecting', 0, 0);
  progress.update('Home', 'connecting', 0, 0);
  progress.update('Home', 'downloading', 1, 2);
  progress.update('Home', 'downloading', 1, 2);
  progress.update('Work', 'downloading', 2, 2);
  progress.update('Home', 'downloading', 2, 2);
  assert.equal(out.text(), 'Home: connecting\nHome: downloading 1/2 (50%)\nWork: downloading 2/2 (100%)\nHome: downloading 2/2 (100%)\n');
  assert.ok(!out.text().includes(ESC));
});
