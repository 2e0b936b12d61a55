/**
 * The command line's catalog rule: a sentence printed or thrown as a literal fails the lint; ids,
 * flags, placeholders, command syntax and the `--json` data pass.
 */
import { describe, it } from 'node:test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { RuleTester, type Rule } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The rule module's exports these tests use. */
interface CliStringsModule {
  readonly cliStringsRule: Rule.RuleModule;
  readonly wordCount: (text: string) => number;
}

async function ruleModule(): Promise<CliStringsModule> {
  return (await import(pathToFileURL(path.join(root, 'electron', 'tools', 'eslint-cli-strings.mjs')).href)) as CliStringsModule;
}

describe('the words the rule counts', async () => {
  const { wordCount } = await ruleModule();
  it('counts words a person reads, not ids, flags, placeholders or code', () => {
    assert.equal(wordCount('No messages in the Inbox.'), 5);
    assert.equal(wordCount('cli.list.none'), 0);
    assert.equal(wordCount('--password-stdin'), 0);
    assert.equal(wordCount('mailbag list [--folder FOLDER] [--account ACCOUNT]'), 1);
    assert.equal(wordCount('`mailbag show 1 --raw`'), 0);
    assert.equal(wordCount('MAILBOX_BUSY'), 0);
    assert.equal(wordCount('Keine Nachrichten'), 2);
  });
});

describe('mailbag-cli/strings', async () => {
  const { cliStringsRule } = await ruleModule();
  new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } }).run('mailbag-cli/strings', cliStringsRule, {
    valid: [
      "streams.stdout.write(`${t('cli.list.none', { folders })}\\n`);",
      "progress.finish(t('cli.receive.finished'));",
      "writeResult(streams, json, { type: 'summary', state: 'sent' }, () => t('cli.outbox.empty'));",
      "throw new UsageError('cli.usage.unexpected', { argument });",
      "throw new UsageError('cli.usage.unexpectedQuote', { argument, what: 'name' });",
      "throw new CliError('NOT_FOUND', 'cli.folder.notFound', { folder });",
      "streams.stderr.write(`mailbag: ${error.code}: ${visibleControls(text, 'lines')}\\n`);",
      "streams.stdout.write(`${terminalJson({ error: { message: 'The request was not valid.' } })}\\n`);",
      "actions.push({ kind: 'mark-read' });",
      "table([[t('cli.column.id'), t('cli.column.subject')], ...rows]);",
      "const usage = 'mailbag list [--folder FOLDER] [--account ACCOUNT] [--limit N | --all]';",
      "if (answer === 'yes') accept();",
    ],
    invalid: [
      { code: "streams.stdout.write('No messages in the Inbox.\\n');", errors: [{ messageId: 'literal' }] },
      { code: 'streams.stderr.write(`Signing in to ${host}…\\n`);', errors: [{ messageId: 'literal' }] },
      { code: "progress.finish(cancelled ? 'Send/Receive cancelled.' : t('cli.receive.finished'));", errors: [{ messageId: 'literal' }] },
      { code: 'writeResult(streams, json, value, () => `Moved ${count} messages to ${folder}.`);', errors: [{ messageId: 'literal' }] },
      { code: "throw new UsageError('Say what to search for.');", errors: [{ messageId: 'literal' }] },
      { code: "throw new MailbagError('NOT_FOUND', `There is no folder called “${name}”.`);", errors: [{ messageId: 'literal' }] },
      { code: "writeError(streams, json, data, translator, 'Run again with --yes to delete.');", errors: [{ messageId: 'literal' }] },
      { code: "lines.push(['Sent to', addresses].join(' '));", errors: [{ messageId: 'literal' }] },
      { code: 'table([["NAME", "ADDRESS"], ...rows]);', errors: [{ messageId: 'literal' }, { messageId: 'literal' }] },
      { code: 'streams.stderr.write(visibleControls(`Found ${server} by ${source}.`));', errors: [{ messageId: 'literal' }] },
    ],
  });
});
