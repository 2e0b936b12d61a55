/**
 * `mailbag junk mark|unmark ID…`: what the window's Mark as junk / Not junk do, by the ids `list` and
 * `search` print. Junk goes to its account's Junk folder, mail marked not junk leaves it for the Inbox;
 * nothing is ever deleted on the server because of it.
 */
import { parseArgs } from 'node:util';
import { markJunk, type JunkVerdict } from '../../storage/junk-verdicts';
import { UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';

const USAGE = `mailbag junk mark ID...      mark as junk (moved to the account's Junk folder)
       mailbag junk unmark ID...    mark as not junk (moved back to the Inbox when in Junk)`;

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
  return withCore(context, (core) => {
    const result = markJunk(core.database, ids, verdict);
    const count = `${result.marked} message${result.marked === 1 ? '' : 's'}`;
    writeResult(context.streams, context.json, result, () => `Marked ${count} as ${verdict === 'junk' ? 'junk' : 'not junk'}; ${result.moved} moved.`);
    return Promise.resolve(EXIT.SUCCESS);
  });
}

/** `mailbag junk …`. */
export const junkCommand: Command = {
  name: 'junk',
  summary: 'mark messages as junk or not junk',
  usage: USAGE,
  run(args, context) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'mark':
        return mark(rest, context, 'junk');
      case 'unmark':
        return mark(rest, context, 'ham');
      default:
        throw new UsageError(sub === undefined ? 'Say mark or unmark.' : `Unknown junk command: ${sub}`);
    }
  },
};
