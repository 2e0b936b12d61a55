/**
 * The errors' catalog rule: a MailbagError whose message is a sentence written as text fails the lint
 * in the store, the workers, the jobs, the protocol engines, the command line and shared/ — so does a
 * POP3 or SMTP error's; an error made by wordedError (wordedPop3Error, wordedSmtpError), or one that
 * hands on words it was given (a server's, another error's), passes.
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
interface ErrorWordsModule {
  readonly errorWordsRule: Rule.RuleModule;
  readonly isMessageText: (text: string) => boolean;
}

async function ruleModule(): Promise<ErrorWordsModule> {
  return (await import(pathToFileURL(path.join(root, 'electron', 'tools', 'eslint-error-words.mjs')).href)) as ErrorWordsModule;
}

describe('what the rule takes for an error’s sentence', async () => {
  const { isMessageText } = await ruleModule();
  it('finds words a person reads, with or without a capital, not codes or punctuation', () => {
    assert.equal(isMessageText('There is no folder '), true);
    assert.equal(isMessageText(' is not running.'), true);
    assert.equal(isMessageText('Failed'), true);
    assert.equal(isMessageText('ENOENT'), false);
    assert.equal(isMessageText(': '), false);
    assert.equal(isMessageText('x'), false);
  });
});

describe('mailbag-errors/words', async () => {
  const { errorWordsRule } = await ruleModule();
  const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module', parser: tseslint.parser } });
  tester.run('mailbag-errors/words', errorWordsRule, {
    valid: [
      "throw wordedError('NOT_FOUND', { id: 'storageError.noFolder', values: { id: String(folderId) } });",
      "throw wordedError('STORAGE', { id: 'storageError.messageNotSaved' }, { cause: error, detail: describe(error) });",
      "throw new MailbagError('CANCELLED');",
      "throw new MailbagError('VALIDATION', undefined, { detail: issues.join('; ') });",
      "throw new MailbagError('SERVER_PERMANENT', response.text, { detail: serverSaid(response.text) });",
      'throw new MailbagError(data.code, data.message, { words: data.words });',
      "return new MailbagError('AUTH_FAILED', englishMessage(words), { words });",
      "throw new MailbagError('INTERNAL', message);",
      // Another error's words are not a MailbagError's message.
      "throw new Error('The file could not be read.');",
      // The detail is for support: the system's own words, in English, stay as they are.
      "throw wordedError('STORAGE', { id: 'storageError.indexNotWritten' }, { detail: `Write failed at ${offset}` });",
      // The mail engines' errors: made from a catalog message, or handing on words they were given.
      "throw wordedPop3Error('TIMEOUT', { id: 'protocolError.tlsHandshakeTimeout' });",
      "throw wordedSmtpError('CANCELLED', { id: 'protocolError.sendingCancelled' }, { cause: error });",
      "throw new Pop3Error('TLS_REQUIRED', englishMessage(words), { words });",
      "throw new SmtpError('NETWORK', englishMessage(words), { ...details, technical: shape.message });",
      "throw new Pop3Error('PROTOCOL_ERROR', `${englishMessage(ACCEPTED)} ${failure.message}`, { command: 'AUTH', words: ACCEPTED });",
      "throw new Pop3Error('PROTOCOL_ERROR', error.message, { command: 'AUTH' });",
      'return new Pop3Error(error.code, `${message} (refused: ${names})`, { refusedMechanisms: refused });',
      "throw new SmtpError('CANCELLED');",
      // A SessionError's words are its fourth argument, after the detail.
      "throw new SessionError('TIMEOUT', englishMessage(words), undefined, { words });",
    ],
    invalid: [
      { code: "throw new MailbagError('VALIDATION', 'A folder needs a name.');", errors: [{ messageId: 'literal' }] },
      { code: "throw new MailbagError('NOT_FOUND', `There is no message ${id}.`);", errors: [{ messageId: 'literal' }] },
      { code: "failAll(new MailbagError('INTERNAL', `${name} is not running.`));", errors: [{ messageId: 'literal' }] },
      { code: "throw new errors.MailbagError('STORAGE', 'Failed', { cause: error });", errors: [{ messageId: 'literal' }] },
      {
        code: "throw new MailbagError('VALIDATION', tooLong ? `A name may have at most ${max} characters.` : 'A name is needed.');",
        errors: [{ messageId: 'literal' }, { messageId: 'literal' }],
      },
      { code: "throw new MailbagError('NOT_FOUND', 'There is no folder ' + id + '.');", errors: [{ messageId: 'literal' }] },
      { code: "throw new MailbagError('INTERNAL', reason ?? 'Something broke.');", errors: [{ messageId: 'literal' }] },
      // The mail engines' errors: (code, message, details) — a sentence written as text fails, with or without words beside it.
      { code: "throw new Pop3Error('TIMEOUT', 'The TLS handshake took too long.');", errors: [{ messageId: 'literal' }] },
      { code: "throw new SmtpError('CANCELLED', 'Sending was cancelled.', { cause: error });", errors: [{ messageId: 'literal' }] },
      {
        code: "throw new Pop3Error('PROTOCOL_ERROR', `The server's answer to ${verb} could not be understood.`, { command: verb, response: line });",
        errors: [{ messageId: 'literal' }],
      },
      {
        code: "throw new Pop3Error('TIMEOUT', 'The TLS handshake took too long.', { words: { id: 'protocolError.tlsHandshakeTimeout' } });",
        errors: [{ messageId: 'literal' }],
      },
      { code: "throw new SessionError('NETWORK', 'The session is closed.', undefined, {});", errors: [{ messageId: 'literal' }] },
      { code: "throw new engine.SmtpError('INTERNAL', `The SMTP session failed: ${said}`, details);", errors: [{ messageId: 'literal' }] },
      // The English of a catalog message without the words: the reader would be told English.
      { code: "throw new Pop3Error('TLS_REQUIRED', englishMessage(words));", errors: [{ messageId: 'wordsMissing' }] },
      { code: "throw new SmtpError('TIMEOUT', englishMessage(words), { technical: shape.message });", errors: [{ messageId: 'wordsMissing' }] },
      { code: "throw new MailbagError('VALIDATION', englishMessage(words), { detail });", errors: [{ messageId: 'wordsMissing' }] },
      { code: "throw new SessionError('TIMEOUT', englishMessage(words), undefined, { command });", errors: [{ messageId: 'wordsMissing' }] },
    ],
  });
});

const eslint = new ESLint({ cwd: root });

/** The rule's errors for a snippet linted as if it were the given file. */
async function ruleErrors(file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  assert.ok(result, 'ESLint returned no result');
  return result.messages.filter((message) => message.ruleId === 'mailbag-errors/words').map((message) => message.line);
}

test('the store, the workers, the jobs, the engines, the command line and shared/ are checked, a new file included', async () => {
  const code = "import { MailbagError } from 'x';\nexport function fail(): never {\n  throw new MailbagError('VALIDATION', 'A folder needs a name.');\n}\n";
  for (const file of [
    'electron/storage/folder-tree.ts',
    'electron/storage/some-new-store.ts',
    'electron/workers/request-channel.ts',
    'electron/jobs/receive/fetch-batch.ts',
    'electron/protocols/pop3/probe.ts',
    'electron/cli/prompt.ts',
    'shared/some-new-module.ts',
  ]) {
    assert.deepEqual(await ruleErrors(file, code), [3], file);
  }
  const engineCode =
    "import { Pop3Error } from './errors';\nexport function fail(): never {\n  throw new Pop3Error('TIMEOUT', 'The TLS handshake took too long.');\n}\n";
  for (const file of ['electron/protocols/pop3/tls.ts', 'electron/protocols/smtp/some-new-module.ts']) {
    assert.deepEqual(await ruleErrors(file, engineCode), [3], file);
  }
  const worded =
    "import { wordedError } from 'x';\nexport function fail(): never {\n  throw wordedError('VALIDATION', { id: 'storageError.folderNameEmpty' });\n}\n";
  assert.deepEqual(await ruleErrors('electron/storage/folder-tree.ts', worded), []);
});
