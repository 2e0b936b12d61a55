/**
 * `mailbag list [--folder FOLDER] [--account ACCOUNT] [--limit N | --all] [--offset N]`: a page of a folder,
 * newest first, as a table whose first column is the id `show` takes. Without `--account` the folder
 * of every account is listed together (by default every account's Inbox).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PAGE_SIZE } from '../../storage/message-queries';
import { translatorOf, UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import {
  byDateDescending,
  DEFAULT_FOLDER_ROLE,
  flagLegend,
  integerFlag,
  limitOrAll,
  mergedPage,
  messageTable,
  selectAccounts,
  selectFolders,
} from '../mail-selection';
import { writeResult } from '../output';
import { folderDisplayName } from '../../../shared/folder-words';

/** Largest `--offset` accepted. */
export const MAX_LIST_OFFSET = 100_000_000;

const USAGE = 'mailbag list [--folder FOLDER] [--account ACCOUNT] [--limit N | --all] [--offset N]';

/** `mailbag list`. */
export const listCommand: Command = {
  name: 'list',
  summary: 'cli.list.summary',
  usage: USAGE,
  help: 'cli.list.help',
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { folder: { type: 'string' }, account: { type: 'string' }, limit: { type: 'string' }, all: { type: 'boolean' }, offset: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
    const limit = limitOrAll(values.limit, values.all === true, DEFAULT_PAGE_SIZE);
    const offset = integerFlag('--offset', values.offset, 0, 0, MAX_LIST_OFFSET);
    const core = await context.openCore();
    try {
      const accounts = selectAccounts(core, values.account);
      const folders = selectFolders(core, accounts, values.folder ?? DEFAULT_FOLDER_ROLE, { localByName: values.account === undefined });
      // Each folder is counted once, by the first page read from it (every folder's first page is read).
      const totals = new Map<number, number>();
      const messages = mergedPage(
        folders.map((folder) => (from: number, count: number) => {
          const page = core.store.listMessages(folder.id, { offset: from, limit: count });
          if (!totals.has(folder.id)) totals.set(folder.id, page.total);
          return page.messages;
        }),
        byDateDescending,
        offset,
        limit,
      );
      const total = folders.reduce((sum, folder) => sum + (totals.get(folder.id) ?? core.store.listMessages(folder.id, { limit: 1 }).total), 0);
      const translator = translatorOf(context);
      // Said in the reader's words (a built-in folder by its role); --json keeps the stored names.
      const folderNames =
        [...new Set(folders.map((folder) => folderDisplayName(translator.t, folder)))].join(', ') || (values.folder ?? translator.t('folder.special.inbox'));
      writeResult(
        context.streams,
        context.json,
        { total, offset, folders: folders.map(({ id, accountId, name, role }) => ({ id, accountId, name, role })), messages },
        () =>
          messages.length === 0
            ? translator.t(offset > 0 ? 'cli.list.noneFrom' : 'cli.list.none', { folders: folderNames, offset, total })
            : `${messageTable(messages, translator)}\n\n${translator.t('cli.list.range', { folders: folderNames, first: offset + 1, last: offset + messages.length, total })} ${flagLegend(translator.t)}`,
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
