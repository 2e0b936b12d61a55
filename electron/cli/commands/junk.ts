/**
 * `mailbag junk mark|unmark ID…`: what the window's Mark as junk / Not junk do, by the ids `list` and
 * `search` print. Junk goes to its account's Junk folder, mail marked not junk leaves it for the Inbox;
 * nothing is ever deleted on the server because of it.
 */
import { parseArgs } from 'node:util';
import { judgeJunk, type JunkVerdict } from '../../storage/junk-filter';
import { messageIdsInFolder } from '../../storage/message-locations';
import { call } from '../call';
import { findFolder, shownPath } from '../folder-paths';
import { translatorOf, UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';

const USAGE = `mailbag junk mark ID...
       mailbag junk unmark ID...
       mailbag junk train --folder FOLDER --as junk|ham [--account ACCOUNT]`;

function messageIds(positionals: readonly string[]): number[] {
  if (positionals.length === 0) throw new UsageError('cli.usage.nameMessages');
  return positionals.map((text) => {
    if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) throw new UsageError('cli.usage.notMessageId', { text: text });
    return Number(text);
  });
}

function mark(args: readonly string[], context: CommandContext, verdict: JunkVerdict): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const ids = messageIds(positionals);
  return withCore(context, async (core) => {
    const result = await judgeJunk(core.store, ids, verdict);
    writeResult(context.streams, context.json, result, () =>
      translatorOf(context).t('cli.junk.marked', { count: result.marked, verdict, moved: result.moved }),
    );
    return EXIT.SUCCESS;
  });
}

function trainFolder(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { folder: { type: 'string' }, as: { type: 'string' }, account: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
  const folderName = values.folder;
  if (folderName === undefined) throw new UsageError('cli.usage.sayFolder');
  if (values.as !== 'junk' && values.as !== 'ham') throw new UsageError('cli.junk.as');
  const verdict: JunkVerdict = values.as;
  return withCore(context, async (core) => {
    const tree = await call(core, 'listFolderTree', undefined);
    const account = values.account === undefined ? undefined : core.accounts.find(values.account).id;
    const folder = findFolder(account === undefined ? tree : { ...tree, accounts: tree.accounts.filter((entry) => entry.accountId === account) }, folderName);
    const ids = messageIdsInFolder(core.database, folder.folder.id);
    const result = ids.length === 0 ? { marked: 0, moved: 0 } : await judgeJunk(core.store, ids, verdict, { move: false });
    writeResult(context.streams, context.json, { trained: result.marked, as: verdict }, () =>
      translatorOf(context).t('cli.junk.trained', { count: result.marked, folder: shownPath(folder, translatorOf(context).t), verdict }),
    );
    return EXIT.SUCCESS;
  });
}

/** `mailbag junk …`. */
export const junkCommand: Command = {
  name: 'junk',
  summary: 'cli.junk.summary',
  usage: USAGE,
  help: 'cli.junk.help',
  run(args, context) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'mark':
        return mark(rest, context, 'junk');
      case 'unmark':
        return mark(rest, context, 'ham');
      case 'train':
        return trainFolder(rest, context);
      default:
        throw sub === undefined
          ? new UsageError('cli.usage.sayWhat', { choices: ['mark', 'unmark', 'train'].join(', ') })
          : new UsageError('cli.usage.unknownSubcommand', { command: 'junk', subcommand: sub });
    }
  },
};
