/** Command lines split into words as a shell quotes them, and refused where only a shell could help. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitCommandLine } from '../../../shared/command-line';

function words(text: string): readonly string[] {
  const split = splitCommandLine(text);
  assert.ok(split.ok, `“${text}” should split`);
  return split.words;
}

function problem(text: string): string {
  const split = splitCommandLine(text);
  assert.ok(!split.ok, `“${text}” should be refused`);
  return split.problem;
}

test('words are split on blanks, with single quotes, double quotes and backslashes as in a shell', () => {
  assert.deepEqual(words('pass show mail/alice'), ['pass', 'show', 'mail/alice']);
  assert.deepEqual(words("  secret-tool   lookup 'service name' mail  "), ['secret-tool', 'lookup', 'service name', 'mail']);
  assert.deepEqual(words('gpg -q --decrypt "~/My Mail/pass word.gpg"'), ['gpg', '-q', '--decrypt', '~/My Mail/pass word.gpg']);
  assert.deepEqual(words("echo a\\ b \"say \\\"hi\\\"\" 'it'\\''s'"), ['echo', 'a b', 'say "hi"', "it's"]);
  assert.deepEqual(words("printf '%s\\n' '|;&$'"), ['printf', '%s\\n', '|;&$'], 'quoted shell characters are plain text');
  assert.deepEqual(words('cmd ""'), ['cmd', ''], 'an empty quoted word is a word');
});

test('what only a shell could do is refused with a reason, never passed on', () => {
  assert.match(problem('pass show mail | head -1'), /“\|” is not supported: the command runs without a shell/);
  assert.match(problem('cat ~/.pw; rm -rf /'), /“;”/);
  assert.match(problem('echo $HOME'), /“\$”/);
  assert.match(problem('echo "$(id)"'), /“\$”/);
  assert.match(problem('echo `id`'), /“`”/);
  assert.match(problem('cat < file'), /“<”/);
  assert.match(problem("echo 'open"), /single quote is not closed/);
  assert.match(problem('echo "open'), /double quote is not closed/);
  assert.match(problem('echo \\'), /ends with a backslash/);
  assert.match(problem('   '), /empty/);
  assert.match(problem('pass\nshow'), /one line/);
});
