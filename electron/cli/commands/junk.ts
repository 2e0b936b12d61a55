/**
 * `mailbag junk mark|unmark ID…`: what the window's Mark as junk / Not junk do, by the ids `list` and
 * `search` print. Junk goes to its account's Junk folder, mail marked not junk leaves it for the Inbox;
 * nothing is ever deleted on the server because of it.
 */
import { parseArgs } from 'node:util';
import { judgeJunk, type JunkVerdict } from '../../storage/junk-filter';
import { messageIdsInFolder } from '../../storage/message-locations';
import { call } from '../call';
import { findFolder } from '../folder-paths';
import { UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';

const USAGE = `mailbag junk mark ID...      mark as junk (moved to the account's Junk folder)
       mailbag junk unmark ID...    mark as not junk (moved back to the Inbox when in Junk)
       mailbag junk train --folder FOLDER --as junk|ham [--account ACCOUNT]   teach the filter a folder's mail, moving nothing`;

function messageIds(positionals: readonly string[]): number[] {
  if (positionals.length === 0) throw new UsageError('Name the messages by the IDs that `mailbag list` prints.');
  return positionals.map((text) => {
    if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) throw new UsageError(`Not a message ID: ${text}`);
    return Number(text);
  });
}

function mark(args: readonly string[], context: CommandContext, verdict: JunkVerdict): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const ids = messageIds(positionals);
  return withCore(context, async (core) => {
    const result = await judgeJunk(core.store, ids, verdict);
    const count = `${result.marked} message${result.marked === 1 ? '' : 's'}`;
    writeResult(context.streams, context.json, result, () => `Marked ${count} as ${verdict === 'junk' ? 'junk' : 'not junk'}; ${result.moved} moved.`);
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
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
  const folderName = values.folder;
  if (folderName === undefined) throw new UsageError('Say which folder with --folder FOLDER.');
  if (values.as !== 'junk' && values.as !== 'ham') throw new UsageError('Say what its mail is with --as junk or --as ham.');
  const verdict: JunkVerdict = values.as;
  return withCore(context, async (core) => {
    const tree = await call(core, 'listFolderTree', undefined);
    const account = values.account === undefined ? undefined : core.accounts.find(values.account).id;
    const folder = findFolder(account === undefined ? tree : { ...tree, accounts: tree.accounts.filter((entry) => entry.accountId === account) }, folderName);
    const ids = messageIdsInFolder(core.database, folder.folder.id);
    const result = ids.length === 0 ? { marked: 0, moved: 0 } : await judgeJunk(core.store, ids, verdict, { move: false });
    writeResult(
      context.streams,
      context.json,
      { trained: result.marked, as: verdict },
      () =>
        `The junk filter learnt ${result.marked} message${result.marked === 1 ? '' : 's'} of ${folder.path} as ${verdict === 'junk' ? 'junk' : 'good mail'}.`,
    );
    return EXIT.SUCCESS;
  });
}

/** `mailbag junk …`. */
export const junkCommand: Command = {
  name: 'junk',
  summary: 'mark messages as junk or not junk, or train the junk filter',
  usage: USAGE,
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
        throw new UsageError(sub === undefined ? 'Say mark, unmark or train.' : `Unknown junk command: ${sub}`);
    }
  },
};
