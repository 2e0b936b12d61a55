/** Command lines split into words as a shell quotes them, and refused where only a shell could help. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_COMMAND_LINE_LENGTH, splitCommandLine } from '../../../shared/command-line';
import { englishMessage, sayWords } from '../../../shared/error-words';
import { createTranslator } from '../../../shared/i18n/catalogs';

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

test('each reason keeps its English words and is said whole in German and Arabic', () => {
  const german = createTranslator('de').t;
  const arabic = createTranslator('ar').t;
  const cases: Array<[string, string]> = [
    ['x'.repeat(MAX_COMMAND_LINE_LENGTH + 1), `it is longer than ${MAX_COMMAND_LINE_LENGTH} characters.`],
    ['pass\nshow', 'it must be one line.'],
    ["echo 'open", 'a single quote is not closed.'],
    ['echo "$(id)"', '“$” is not supported: the command runs without a shell.'],
    ['echo "open', 'a double quote is not closed.'],
    ['echo \\', 'it ends with a backslash.'],
    ['pass show mail | head -1', "“|” is not supported: the command runs without a shell (quote it if it is part of an argument, or write sh -c '…')."],
    ['   ', 'it is empty.'],
  ];
  for (const [text, english] of cases) {
    const split = splitCommandLine(text);
    assert.ok(!split.ok);
    assert.equal(split.problem, english);
    assert.equal(englishMessage(split.problemWords), english);
    for (const t of [german, arabic]) {
      const said = sayWords(t, split.problemWords);
      assert.notEqual(said, english);
      assert.doesNotMatch(said, /\b(?:it|is|not|the|command|closed|empty|line)\b/, said);
    }
  }
  const piped = splitCommandLine('pass show mail | head -1');
  assert.ok(!piped.ok);
  assert.equal(
    sayWords(german, piped.problemWords),
    "„|“ wird nicht unterstützt: Der Befehl läuft ohne Shell (setzen Sie es in Anführungszeichen, wenn es zu einem Argument gehört, oder schreiben Sie sh -c '…').",
  );
});
