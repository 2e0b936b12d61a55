/**
 * The window's catalog rules: a sentence in the window's code, a word handed to a place a person reads,
 * or a literal in JSX fails the lint wherever it is in renderer/ (and in main's dialogs, menus and
 * tray); ids, CSS classes, keys, selectors, MIME types and data pass.
 */
import { describe, it, test } from 'node:test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { ESLint, RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(__dirname, '..', '..', '..');

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The rule module's exports these tests use. */
interface WindowStringsModule {
  readonly windowStringsRule: Rule.RuleModule;
  readonly isSentence: (text: string) => boolean;
  readonly isText: (text: string) => boolean;
  readonly wordsBetweenValues: (quasis: readonly string[]) => number;
}

async function ruleModule(): Promise<WindowStringsModule> {
  return (await import(pathToFileURL(path.join(root, 'electron', 'tools', 'eslint-window-strings.mjs')).href)) as WindowStringsModule;
}

describe('what the rule takes for words a person reads', async () => {
  const { isSentence, isText, wordsBetweenValues } = await ruleModule();
  it('finds sentences and headings, not classes, ids, keys or code', () => {
    assert.equal(isSentence('The message could not be opened.'), true);
    assert.equal(isSentence('Local Folders'), true);
    assert.equal(isSentence('Die Nachricht konnte nicht geöffnet werden.'), true);
    assert.equal(isSentence('chip chip-invalid'), false);
    assert.equal(isSentence('noopener noreferrer'), false);
    assert.equal(isSentence('window.messageOpenFailed'), false);
    assert.equal(isSentence('application/octet-stream'), false);
    assert.equal(isSentence('Ctrl+Shift+R'), false);
    assert.equal(isSentence('img[src]'), false);
    assert.equal(isSentence('(prefers-color-scheme: dark)'), false);
  });
  it('takes one capitalised word for text where a person reads it, but not data or the program’s name', () => {
    assert.equal(isText('Cancel'), true);
    assert.equal(isText('error'), false);
    assert.equal(isText('loading'), false);
    assert.equal(isText('Mailbag'), false);
  });
  it('counts the words standing between a template’s values, not class names glued to them', () => {
    assert.equal(wordsBetweenValues(['', ' and ', ' more']), 2);
    assert.equal(wordsBetweenValues(['chip ', '']), 1);
    assert.equal(wordsBetweenValues(['minmax(', 'px, ', 'px) ', 'px']), 0);
    assert.equal(wordsBetweenValues(['tree-item tree-', ' level-', '']), 0);
  });
});

describe('mailbag-window/strings', async () => {
  const { windowStringsRule } = await ruleModule();
  const tester = new RuleTester({
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
  });
  tester.run('mailbag-window/strings', windowStringsRule, {
    valid: [
      "setError(t('window.attachmentOpenFailed'));",
      'setError(result.error.message);',
      "const state = { status: 'error', message: words.current('window.messageOpenFailed') };",
      "const kind = { kind: 'error', status: 'loading' };",
      "const classes = active ? 'chip chip-invalid' : 'chip';",
      "if (event.key === 'Escape' || event.key === 'Tab') close();",
      "switch (key) { case 'Home': break; case 'End': break; }",
      "const FACT_NAMES = { 'Issued to': 'setup.fact.issuedTo', 'Valid until': 'setup.fact.validUntil' };",
      "const DATE_FACTS = new Set(['Valid until', 'Valid from']);",
      "frame.setAttribute('rel', 'noopener noreferrer');",
      'const list = document.querySelectorAll(\'input, textarea, [contenteditable="true"]\');',
      'const transform = `translateY(${top}px)`;',
      'const cls = `tree-item tree-${kind} level-${level}`;',
      "document.title = subject === null ? 'Mailbag' : t('window.messageTitle', { subject });",
      "const example = 'pass show mail/alice';",
      "type Key = 'Home' | 'End';",
      "const title = t('password.signInAgainTitle', { provider: google ? 'Google' : 'Microsoft' });",
      'const field = <Field className="chip chip-group" confirmLabel={t(\'common.ok\')} />;',
      { code: "export function words(t) { return t('undo.moved'); }", filename: 'renderer/state/undo-words.ts' },
      { code: "export function kindOf(item) { return item.partial ? 'partial' : 'whole'; }", filename: 'renderer/state/undo-words.ts' },
    ],
    invalid: [
      { code: "setError('Enter the password.');", errors: [{ messageId: 'literal' }] },
      { code: "setProblem('Failed');", errors: [{ messageId: 'literal' }] },
      { code: 'setError(reason instanceof Error ? reason.message : `The attachment could not be ${action}.`);', errors: [{ messageId: 'literal' }] },
      { code: "const state = { status: 'error', message: 'The message could not be opened.' };", errors: [{ messageId: 'literal' }] },
      { code: "const LOCAL = 'Local Folders';", errors: [{ messageId: 'literal' }] },
      { code: 'const text = more > 0 ? `${names} and ${more} more` : names;', errors: [{ messageId: 'literal' }] },
      { code: "throw new Error('The file could not be read.');", errors: [{ messageId: 'literal' }] },
      { code: "if (!window.confirm('Delete all?')) return;", errors: [{ messageId: 'literal' }] },
      { code: "const item = { label: 'Open', click };", errors: [{ messageId: 'literal' }] },
      { code: "const box = { title: t('main.aboutTitle'), buttons: ['OK', 'Cancel'] };", errors: [{ messageId: 'literal' }] },
      { code: "new Notification({ title: 'New mail', body });", errors: [{ messageId: 'literal' }] },
      { code: "button.title = 'Remove';", errors: [{ messageId: 'literal' }] },
      { code: "element.setAttribute('aria-label', 'Close');", errors: [{ messageId: 'literal' }] },
      { code: "tray.setToolTip('Unread mail');", errors: [{ messageId: 'literal' }] },
      { code: 'const field = <Field confirmLabel="Delete" />;', errors: [{ messageId: 'literal' }] },
      {
        code: "export function movedWords(count) { return count === 1 ? 'Moved' : t('undo.moved'); }",
        filename: 'renderer/state/undo-words.ts',
        errors: [{ messageId: 'literal' }],
      },
      { code: "export const sizeWords = (big) => (big ? 'Too large' : '');", filename: 'renderer/state/size-words.ts', errors: [{ messageId: 'literal' }] },
    ],
  });
});

const eslint = new ESLint({ cwd: root });

/** The catalog rules' errors for a snippet linted as if it were the given file. */
async function catalogErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  assert.ok(result, 'ESLint returned no result');
  return result.messages
    .filter((message) => message.ruleId === 'mailbag-window/strings' || message.ruleId === 'formatjs/no-literal-string-in-jsx')
    .map((message) => `${message.ruleId ?? ''} ${message.line}`);
}

test('every window component is checked for JSX literals, a new one included', async () => {
  for (const file of [
    'renderer/views/mail/pane-layout.tsx',
    'renderer/views/reader/link-menu.tsx',
    'renderer/views/some-new-view.tsx',
    'renderer/components/x.tsx',
  ]) {
    const errors = await catalogErrors(file, 'export const View = () => <p title="Close the pane">Nothing here yet</p>;\n');
    assert.deepEqual(errors, ['formatjs/no-literal-string-in-jsx 1', 'formatjs/no-literal-string-in-jsx 1'], file);
  }
  const placeholder = await catalogErrors('renderer/views/x.tsx', 'export const View = () => <AddressField placeholder="Type a name" />;\n');
  assert.deepEqual(placeholder, ['formatjs/no-literal-string-in-jsx 1'], 'a component’s placeholder too');
  assert.deepEqual(await catalogErrors('renderer/views/x.tsx', 'export const View = () => <p className="muted plain">{t(\'list.empty\')}</p>;\n'), []);
});

test('the window’s modules and main’s dialogs, menus and tray are checked outside JSX', async () => {
  const code = "export function fail(setError: (text: string) => void): void {\n  setError('The message could not be opened.');\n}\n";
  for (const file of ['renderer/views/reader/x.ts', 'renderer/state/x-words.ts', 'renderer/bridge.ts', 'electron/main/tray.ts', 'electron/main/menu.ts']) {
    assert.deepEqual(await catalogErrors(file, code), ['mailbag-window/strings 2'], file);
  }
  assert.deepEqual(await catalogErrors('electron/storage/x.ts', code), [], 'storage keeps English log and error text');
});
