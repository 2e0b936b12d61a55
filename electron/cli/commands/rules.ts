/**
 * `mailbag rules list|add|remove|run|import`: the message rules the window's Settings edit, from the command
 * line. A condition is written in the search language, so `mailbag search QUERY` shows first what a
 * rule would match; `rules run --dry-run` says what it would do to a folder before it does it.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeRuleAction, MAX_ANSWER_TEMPLATE_LENGTH, SERVER_RULE_MODES, type RuleAction, type ServerRuleMode } from '../../../shared/rules';
import type { Core } from '../../main/core';
import { runRuleOnFolder, type RuleApplication } from '../../storage/rule-engine';
import { importThunderbirdFilters, MAX_FILTER_FILE_BYTES } from '../../jobs/import/thunderbird/filter-rules';
import { addRule, findRule, listRules, removeRule, setRuleEnabled } from '../../storage/rules';
import { MailbagError } from '../../../shared/errors';
import { findMessageTag, MESSAGE_TAGS, messageTagInfo, type MessageTag } from '../../../shared/tags';
import { call } from '../call';
import { UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { findFolder } from '../folder-paths';
import { writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag rules list
       mailbag rules add --name NAME --when QUERY ACTION... [--account ACCOUNT] [--stop] [--yes]
       mailbag rules remove NAME
       mailbag rules run NAME --folder FOLDER [--account ACCOUNT] [--dry-run]
       mailbag rules import FILE [--account ACCOUNT] [--dry-run]   (Thunderbird's msgFilterRules.dat)
ACTION: --move FOLDER | --copy FOLDER | --mark-read | --flag | --tag important|work|personal|todo|later | --delete | --junk | --not-junk
        | --forward ADDRESS [--forward-template FILE] | --reply-template FILE
        | --server leave|headers-only|delete   (decided before download; delete needs --yes)
A template is plain text; {sender}, {subject} and {date} are filled in from the message answered.
QUERY is a search (mailbag search QUERY shows what it matches), e.g. 'header:list-id:announce older:30d'.`;

function plural(count: number): string {
  return `${count} message${count === 1 ? '' : 's'}`;
}

/** "moved to Archive", "flagged", … for a sentence about messages. */
function done(action: RuleAction): string {
  switch (action.kind) {
    case 'move':
      return `moved to ${action.folder}`;
    case 'copy':
      return `copied to ${action.folder}`;
    case 'mark-read':
      return 'marked read';
    case 'flag':
      return 'flagged';
    case 'tag':
      return `tagged ${messageTagInfo(action.tag).label}`;
    case 'delete':
      return 'moved to Trash';
    case 'junk':
      return 'marked as junk';
    case 'not-junk':
      return 'marked as not junk';
    case 'forward':
      return `forwarded to ${action.to}`;
    case 'reply':
      return 'answered with the template';
    case 'server':
      return describeRuleAction(action);
  }
}

function accountName(core: Core, accountId: string | null): string {
  if (accountId === null) return 'all';
  return core.accounts.list().find((account) => account.id === accountId)?.name ?? accountId;
}

function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
  return withCore(context, async (core) => {
    const rules = listRules(core.database);
    writeResult(context.streams, context.json, rules, () =>
      rules.length === 0
        ? 'No rules. Add one with: mailbag rules add --name NAME --when QUERY --move FOLDER'
        : table([
            ['#', 'NAME', 'ACCOUNT', 'WHEN', 'ACTIONS'],
            ...rules.map((rule, index) => [
              String(index + 1),
              rule.enabled ? rule.name : `${rule.name} (off)`,
              accountName(core, rule.accountId),
              rule.query,
              [...rule.actions.map(describeRuleAction), ...(rule.stop ? ['stop'] : [])].join(', '),
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
      throw new MailbagError('NOT_FOUND', `Mailbag cannot read ${file}.`, { cause: error });
    })
  ).size;
  // Four bytes at most per character: a larger file cannot fit.
  if (size > MAX_ANSWER_TEMPLATE_LENGTH * 4) throw new MailbagError('VALIDATION', `${file} is too large for a template.`);
  const text = (await readFile(file, 'utf8')).replace(/\r\n?/g, '\n');
  if (text.length > MAX_ANSWER_TEMPLATE_LENGTH)
    throw new MailbagError('VALIDATION', `${file} is too large for a template (at most ${MAX_ANSWER_TEMPLATE_LENGTH} characters).`);
  return text;
}

function tagNamed(text: string): MessageTag {
  const tag = findMessageTag(text);
  if (tag === undefined) throw new UsageError(`--tag takes ${MESSAGE_TAGS.map((each) => each.key).join(', ')}, not “${text}”.`);
  return tag;
}

function serverMode(text: string): ServerRuleMode {
  const mode = SERVER_RULE_MODES.find((candidate) => candidate === text);
  if (mode === undefined) throw new UsageError(`--server takes ${SERVER_RULE_MODES.join(', ')}, not “${text}”.`);
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
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''} (quote a query with spaces)`);
  const { name, when } = values;
  if (name === undefined) throw new UsageError('Name the rule with --name NAME.');
  if (when === undefined) throw new UsageError('Say which messages with --when QUERY.');
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
  if (values['forward-template'] !== undefined && values.forward === undefined) throw new UsageError('--forward-template goes with --forward ADDRESS.');
  if (actions.length === 0 && values.forward === undefined && values['reply-template'] === undefined) {
    throw new UsageError('Say what the rule does: --move, --copy, --mark-read, --flag, --tag, --delete, --junk, --forward, --reply-template or --server.');
  }
  if (values.server === 'delete' && values.yes !== true) {
    throw new UsageError('A rule with --server delete deletes mail on the server without downloading it: run again with --yes to save it.');
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
    for (const action of actions) if (action.kind === 'move' || action.kind === 'copy') findFolder(narrowed, action.folder);
    const rule = addRule(core.database, { name, query: when, actions, stop: values.stop === true, accountId, confirmedServerDelete: values.yes === true });
    writeResult(context.streams, context.json, rule, () => `Added rule “${rule.name}”: ${rule.actions.map(describeRuleAction).join(', ')}.`);
    return EXIT.SUCCESS;
  });
}

function remove(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const [name, extra] = positionals;
  if (name === undefined) throw new UsageError('Name the rule to remove.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra} (quote a name with spaces)`);
  return withCore(context, (core) => {
    const rule = findRule(core.database, name);
    removeRule(core.database, rule.name);
    writeResult(context.streams, context.json, { removed: rule.name }, () => `Removed rule “${rule.name}”.`);
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
  if (name === undefined) throw new UsageError('Name the rule to run.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra} (quote a name with spaces)`);
  const folderName = values.folder;
  if (folderName === undefined) throw new UsageError('Say which folder with --folder FOLDER.');
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
    const report = dryRun ? ran : { ...ran, problems: [...ran.problems, ...(await core.sendRuleAnswers()).problems] };
    const sentence = (entry: RuleApplication): string =>
      `${plural(entry.messageIds.length)} ${dryRun ? 'would be' : ''} ${done(entry.action)}`.replace('  ', ' ');
    writeResult(context.streams, context.json, { rule: rule.name, folderId: folder.folder.id, dryRun, ...report }, () =>
      [
        ...(report.applied.length === 0 ? [`No message in ${folder.path} matches “${rule.name}”.`] : report.applied.map((entry) => `${sentence(entry)}.`)),
        ...report.problems,
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
  if (file === undefined) throw new UsageError('Name the msgFilterRules.dat file to import.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra} (quote a path with spaces)`);
  const dryRun = values['dry-run'] === true;
  return withCore(context, async (core) => {
    const accountId = values.account === undefined ? null : core.accounts.find(values.account).id;
    const size = (
      await stat(file).catch((error: unknown) => {
        throw new MailbagError('NOT_FOUND', `Mailbag cannot read ${file}.`, { cause: error });
      })
    ).size;
    if (size > MAX_FILTER_FILE_BYTES) throw new MailbagError('VALIDATION', `${file} is too large to be a filter list.`);
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
        skipped.push({ name: filter.rule.name, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    const leftOut = found.filters.filter((filter) => filter.leftOut.length > 0).map((filter) => ({ name: filter.rule.name, actions: filter.leftOut }));
    writeResult(context.streams, context.json, { dryRun, imported, skipped, leftOut }, () =>
      [
        `${dryRun ? 'Would import' : 'Imported'} ${imported.length} rule${imported.length === 1 ? '' : 's'}${imported.length === 0 ? '.' : `: ${imported.join(', ')}.`}`,
        ...leftOut.map((entry) => `“${entry.name}”: left out ${entry.actions.join(', ')} (no equivalent).`),
        ...skipped.map((entry) => `Not imported: “${entry.name}”: ${entry.reason}`),
      ].join('\n'),
    );
    return skipped.length > 0 ? EXIT.PARTIAL : EXIT.SUCCESS;
  });
}

/** `mailbag rules …`. */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list, add, remove or run message rules',
  usage: USAGE,
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
        throw new UsageError(`Unknown rules command: ${sub}`);
    }
  },
};
