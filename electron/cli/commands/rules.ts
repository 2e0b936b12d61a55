/**
 * `mailbag rules list|add|remove|run|import`: the message rules the window's Settings edit, from the command
 * line. A condition is written in the search language, so `mailbag search QUERY` shows first what a
 * rule would match; `rules run --dry-run` says what it would do to a folder before it does it.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  describeRuleActions,
  MAX_ANSWER_TEMPLATE_LENGTH,
  parseRuleCondition,
  ruleActionWords,
  SERVER_RULE_MODES,
  type RuleAction,
  type ServerRuleMode,
} from '../../../shared/rules';
import { toErrorData } from '../../../shared/errors';
import { joinRuleProblems, ruleProblemsIn } from '../../../shared/rule-ops';
import { describeSearchSyntaxError } from '../../../shared/search-query';
import type { Core } from '../../main/core';
import { runRuleOnFolder, type RuleApplication } from '../../storage/rule-engine';
import { importThunderbirdFilters, MAX_FILTER_FILE_BYTES } from '../../jobs/import/thunderbird/filter-rules';
import { addRule, findRule, listRules, removeRule, setRuleEnabled } from '../../storage/rules';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { findMessageTag, MESSAGE_TAGS, type MessageTag } from '../../../shared/tags';
import { call } from '../call';
import { filterSkipWords } from '../filter-skip-words';
import { CliError, translatorOf, UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import type { FolderTreeView } from '../../../shared/folder-ops';
import { findFolder, shownPath } from '../folder-paths';
import { writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag rules list
       mailbag rules add --name NAME --when QUERY ACTION... [--account ACCOUNT] [--stop] [--yes]
       mailbag rules remove NAME
       mailbag rules run NAME --folder FOLDER [--account ACCOUNT] [--dry-run]
       mailbag rules import FILE [--account ACCOUNT] [--dry-run]
ACTION: --move FOLDER | --copy FOLDER | --mark-read | --flag | --tag important|work|personal|todo|later | --delete | --junk | --not-junk
        | --forward ADDRESS [--forward-template FILE] | --reply-template FILE
        | --server leave|headers-only|delete`;

const TAG_NAMES = {
  important: 'tag.important',
  work: 'tag.work',
  personal: 'tag.personal',
  todo: 'tag.todo',
  later: 'tag.later',
} as const satisfies Record<MessageTag, MessageId>;

/** What a rule did to some messages, as one sentence of the user's language: "2 messages moved to Archive". */
function done(action: RuleAction, count: number, dryRun: boolean, t: Translate): string {
  const values = { count, dryRun: dryRun ? 'yes' : 'no' };
  switch (action.kind) {
    case 'move':
      return t('cli.rules.doneMove', { ...values, folder: action.folder });
    case 'copy':
      return t('cli.rules.doneCopy', { ...values, folder: action.folder });
    case 'mark-read':
      return t('cli.rules.doneMarkRead', values);
    case 'flag':
      return t('cli.rules.doneFlag', values);
    case 'tag':
      return t('cli.rules.doneTag', { ...values, tag: t(TAG_NAMES[action.tag]) });
    case 'delete':
      return t('cli.rules.doneDelete', values);
    case 'junk':
      return t('cli.rules.doneJunk', values);
    case 'not-junk':
      return t('cli.rules.doneNotJunk', values);
    case 'forward':
      return t('cli.rules.doneForward', { ...values, to: action.to });
    case 'reply':
      return t('cli.rules.doneReply', values);
    case 'server':
      // Rule descriptions come from shared/rules (one place for the window and the command line).
      return t('cli.rules.doneServer', { ...values, action: ruleActionWords(t, action) });
  }
}

/**
 * Refuses a move or copy to a folder the rule could never reach, with the window's code and sentence
 * (FOLDER_NOT_FOUND), so a mistyped name is said at once rather than each time mail arrives.
 */
function assertRuleFolder(tree: FolderTreeView, action: Extract<RuleAction, { kind: 'move' | 'copy' }>, accountId: string | null): void {
  try {
    findFolder(tree, action.folder);
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== 'NOT_FOUND') throw error;
    throw new CliError('FOLDER_NOT_FOUND', 'rules.folderMissing', {
      folder: action.folder,
      kind: action.kind,
      scope: accountId === null ? 'every' : 'account',
    });
  }
}

function accountName(core: Core, accountId: string | null, t: Translate): string {
  if (accountId === null) return t('cli.rules.allAccounts');
  return core.accounts.list().find((account) => account.id === accountId)?.name ?? accountId;
}

function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
  return withCore(context, async (core) => {
    const rules = listRules(core.database);
    const { t } = translatorOf(context);
    writeResult(context.streams, context.json, rules, () =>
      rules.length === 0
        ? t('cli.rules.none')
        : table([
            ['#', t('cli.account.columnName'), t('cli.folder.columnAccount'), t('cli.rules.columnWhen'), t('cli.rules.columnActions')],
            ...rules.map((rule, index) => [
              String(index + 1),
              rule.enabled ? rule.name : t('cli.rules.off', { name: rule.name }),
              accountName(core, rule.accountId, t),
              rule.query,
              describeRuleActions(rule, t),
            ]),
          ]),
    );
    return EXIT.SUCCESS;
  });
}

/** Reads an answer template (UTF-8 text, at most MAX_ANSWER_TEMPLATE_LENGTH characters). */
async function readTemplate(file: string): Promise<string> {
  const size = (
    await stat(file).catch((error: unknown) => {
      throw new CliError('NOT_FOUND', 'cli.contacts.unreadable', { file, code: (error as NodeJS.ErrnoException).code ?? 'error' });
    })
  ).size;
  // Four bytes at most per character: a larger file cannot fit.
  if (size > MAX_ANSWER_TEMPLATE_LENGTH * 4) throw new CliError('VALIDATION', 'cli.rules.templateTooLarge', { file, limit: MAX_ANSWER_TEMPLATE_LENGTH });
  const text = (await readFile(file, 'utf8')).replace(/\r\n?/g, '\n');
  if (text.length > MAX_ANSWER_TEMPLATE_LENGTH) throw new CliError('VALIDATION', 'cli.rules.templateTooLarge', { file, limit: MAX_ANSWER_TEMPLATE_LENGTH });
  return text;
}

function tagNamed(text: string): MessageTag {
  const tag = findMessageTag(text);
  if (tag === undefined) throw new UsageError('cli.rules.tag', { tags: MESSAGE_TAGS.map((each) => each.key).join(', '), text });
  return tag;
}

function serverMode(text: string): ServerRuleMode {
  const mode = SERVER_RULE_MODES.find((candidate) => candidate === text);
  if (mode === undefined) throw new UsageError('cli.rules.server', { modes: SERVER_RULE_MODES.join(', '), text });
  return mode;
}

function add(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      name: { type: 'string' },
      when: { type: 'string' },
      move: { type: 'string' },
      copy: { type: 'string' },
      'mark-read': { type: 'boolean' },
      flag: { type: 'boolean' },
      tag: { type: 'string' },
      delete: { type: 'boolean' },
      junk: { type: 'boolean' },
      'not-junk': { type: 'boolean' },
      server: { type: 'string' },
      forward: { type: 'string' },
      'forward-template': { type: 'string' },
      'reply-template': { type: 'string' },
      account: { type: 'string' },
      stop: { type: 'boolean' },
      yes: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpectedQuote', { argument: positionals[0] ?? '', what: 'query' });
  const { name, when } = values;
  if (name === undefined) throw new UsageError('cli.rules.name');
  if (when === undefined) throw new UsageError('cli.rules.when');
  const condition = parseRuleCondition(when);
  if (!condition.ok) {
    const { error } = condition;
    throw new CliError(
      'VALIDATION',
      'rules.conditionMistake',
      { description: describeSearchSyntaxError(when, error) },
      {
        localized: (t) => ({ description: describeSearchSyntaxError(when, error, t) }),
      },
    );
  }
  const actions: RuleAction[] = [];
  if (values['mark-read'] === true) actions.push({ kind: 'mark-read' });
  if (values.flag === true) actions.push({ kind: 'flag' });
  if (values.tag !== undefined) actions.push({ kind: 'tag', tag: tagNamed(values.tag) });
  if (values['not-junk'] === true) actions.push({ kind: 'not-junk' });
  if (values.copy !== undefined) actions.push({ kind: 'copy', folder: values.copy });
  if (values.move !== undefined) actions.push({ kind: 'move', folder: values.move });
  if (values.delete === true) actions.push({ kind: 'delete' });
  if (values.junk === true) actions.push({ kind: 'junk' });
  if (values.server !== undefined) actions.push({ kind: 'server', mode: serverMode(values.server) });
  if (values['forward-template'] !== undefined && values.forward === undefined) throw new UsageError('cli.rules.forwardTemplate');
  if (actions.length === 0 && values.forward === undefined && values['reply-template'] === undefined) {
    throw new UsageError('cli.rules.action');
  }
  if (values.server === 'delete' && values.yes !== true) {
    throw new UsageError('cli.rules.serverDelete');
  }
  return withCore(context, async (core) => {
    if (values.forward !== undefined) {
      const template = values['forward-template'] === undefined ? '' : await readTemplate(values['forward-template']);
      actions.push({ kind: 'forward', to: values.forward, template });
    }
    if (values['reply-template'] !== undefined) actions.push({ kind: 'reply', template: await readTemplate(values['reply-template']) });
    const accountId = values.account === undefined ? null : core.accounts.find(values.account).id;
    // Folders are found now, so a mistyped name is said at once rather than when mail arrives.
    const tree = await call(core, 'listFolderTree', undefined);
    const narrowed = accountId === null ? tree : { ...tree, accounts: tree.accounts.filter((entry) => entry.accountId === accountId) };
    for (const action of actions) if (action.kind === 'move' || action.kind === 'copy') assertRuleFolder(narrowed, action, accountId);
    const rule = addRule(core.database, { name, query: when, actions, stop: values.stop === true, accountId, confirmedServerDelete: values.yes === true });
    const { t } = translatorOf(context);
    writeResult(context.streams, context.json, rule, () =>
      t('cli.rules.added', { name: rule.name, actions: rule.actions.map((action) => ruleActionWords(t, action)).join(t('rules.listSeparator')) }),
    );
    return EXIT.SUCCESS;
  });
}

function remove(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const [name, extra] = positionals;
  if (name === undefined) throw new UsageError('cli.rules.nameRemove');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpectedQuote', { argument: extra, what: 'name' });
  return withCore(context, (core) => {
    const rule = findRule(core.database, name);
    removeRule(core.database, rule.name);
    writeResult(context.streams, context.json, { removed: rule.name }, () => translatorOf(context).t('cli.rules.removed', { name: rule.name }));
    return Promise.resolve(EXIT.SUCCESS);
  });
}

function run(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { folder: { type: 'string' }, account: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const [name, extra] = positionals;
  if (name === undefined) throw new UsageError('cli.rules.nameRun');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpectedQuote', { argument: extra, what: 'name' });
  const folderName = values.folder;
  if (folderName === undefined) throw new UsageError('cli.usage.sayFolder');
  const dryRun = values['dry-run'] === true;
  return withCore(context, async (core) => {
    const rule = findRule(core.database, name);
    const tree = await call(core, 'listFolderTree', undefined);
    const account = values.account === undefined ? undefined : core.accounts.find(values.account).id;
    const folder = findFolder(account === undefined ? tree : { ...tree, accounts: tree.accounts.filter((entry) => entry.accountId === account) }, folderName);
    // Word conditions read the full-text index: mail stored by `mailbag receive` is indexed first.
    await core.indexPending();
    const ran = await runRuleOnFolder(core.store, rule, folder.folder.id, { dryRun });
    // Answers the run recorded go to the Outbox and are sent now.
    const answers = dryRun ? undefined : await core.sendRuleAnswers();
    const report = answers === undefined ? ran : joinRuleProblems(ran, answers);
    const { t } = translatorOf(context);
    const sentence = (entry: RuleApplication): string => done(entry.action, entry.messageIds.length, dryRun, t);
    // The problems the engine words are said in the reader's language; `--json` keeps the English list.
    const { problemWords: _worded, ...shown } = report;
    writeResult(context.streams, context.json, { rule: rule.name, folderId: folder.folder.id, dryRun, ...shown }, () =>
      [
        ...(report.applied.length === 0 ? [t('cli.rules.noMatch', { folder: shownPath(folder, t), name: rule.name })] : report.applied.map(sentence)),
        ...ruleProblemsIn(t, report),
      ].join('\n'),
    );
    return report.problems.length > 0 ? EXIT.PARTIAL : EXIT.SUCCESS;
  });
}

function importFilters(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { account: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('cli.rules.nameFile');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpectedQuote', { argument: extra, what: 'path' });
  const dryRun = values['dry-run'] === true;
  return withCore(context, async (core) => {
    const accountId = values.account === undefined ? null : core.accounts.find(values.account).id;
    const size = (
      await stat(file).catch((error: unknown) => {
        throw new CliError('NOT_FOUND', 'cli.contacts.unreadable', { file, code: (error as NodeJS.ErrnoException).code ?? 'error' });
      })
    ).size;
    if (size > MAX_FILTER_FILE_BYTES) throw new CliError('VALIDATION', 'cli.rules.filtersTooLarge', { file });
    const found = importThunderbirdFilters(await readFile(file, 'utf8'));
    const imported: string[] = [];
    const skipped = [...found.skipped];
    for (const filter of found.filters) {
      if (dryRun) {
        imported.push(filter.rule.name);
        continue;
      }
      try {
        const rule = addRule(core.database, { ...filter.rule, accountId });
        if (!filter.enabled) setRuleEnabled(core.database, rule.id, false);
        imported.push(rule.name);
      } catch (error) {
        skipped.push({ name: filter.rule.name, reason: { code: 'refused', error: toErrorData(error) } });
      }
    }
    const leftOut = found.filters.filter((filter) => filter.leftOut.length > 0).map((filter) => ({ name: filter.rule.name, actions: filter.leftOut }));
    const translator = translatorOf(context);
    const { t } = translator;
    writeResult(context.streams, context.json, { dryRun, imported, skipped, leftOut }, () =>
      [
        t('cli.rules.imported', { dryRun: dryRun ? 'yes' : 'no', count: imported.length, names: imported.join(', ') }),
        ...leftOut.map((entry) => t('cli.rules.leftOut', { name: entry.name, actions: entry.actions.join(', ') })),
        ...skipped.map((entry) => t('cli.rules.notImported', { name: entry.name, reason: filterSkipWords(translator, entry.reason) })),
      ].join('\n'),
    );
    return skipped.length > 0 ? EXIT.PARTIAL : EXIT.SUCCESS;
  });
}

/** `mailbag rules …`. */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'cli.rules.summary',
  usage: USAGE,
  help: 'cli.rules.help',
  run(args, context) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'list':
      case undefined:
        return list(rest, context);
      case 'add':
        return add(rest, context);
      case 'remove':
        return remove(rest, context);
      case 'run':
        return run(rest, context);
      case 'import':
        return importFilters(rest, context);
      default:
        throw new UsageError('cli.usage.unknownSubcommand', { command: 'rules', subcommand: sub });
    }
  },
};
