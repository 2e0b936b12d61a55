/**
 * `mailbag folder list|create|rename|delete`: the user's folders in each account and in Local Folders,
 * through the same operations as the window's folder pane.
 */
import { parseArgs } from 'node:util';
import type { FolderTreeView } from '../../../shared/folder-ops';
import type { Core } from '../../main/core';
import { folderTreeOf } from '../../main/folder-handlers';
import { call } from '../call';
import { translatorOf, UsageError, withCore, writeCliError, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { findFolder, placedFolders, shownPath, shownTree } from '../folder-paths';
import { writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag folder list [--account ACCOUNT]
       mailbag folder create NAME [--account ACCOUNT | --local] [--parent FOLDER]
       mailbag folder rename FOLDER NEW-NAME [--account ACCOUNT]
       mailbag folder delete FOLDER [--account ACCOUNT] [--yes]`;

/**
 * The folder tree (of one account with `--account`), read from the store: the window's listFolderTree,
 * without wiring the services for it or reading the accounts' settings, of which it needs only names.
 */
function treeOf(core: Core, account: string | undefined): FolderTreeView {
  if (account === undefined) return folderTreeOf(core.store, core.accounts.references());
  return { ...folderTreeOf(core.store, [core.accounts.findReference(account)]), localFolders: [] };
}

function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { account: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
  return withCore(context, async (core) => {
    const tree = treeOf(core, values.account);
    const rows = placedFolders(tree);
    const { t, intl } = translatorOf(context);
    writeResult(context.streams, context.json, tree, () =>
      table([
        [t('cli.column.id'), t('cli.folder.columnAccount'), t('cli.folder.columnFolder'), t('cli.folder.columnUnread'), t('cli.folder.columnTotal')],
        ...rows.map((entry) => [
          String(entry.folder.id),
          shownTree(entry, t),
          shownPath(entry, t),
          intl.formatNumber(entry.folder.unread),
          intl.formatNumber(entry.folder.total),
        ]),
      ]),
    );
    return EXIT.SUCCESS;
  });
}

function create(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { account: { type: 'string' }, local: { type: 'boolean' }, parent: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [name, extra] = positionals;
  if (name === undefined) throw new UsageError('cli.folder.nameNew');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpectedQuote', { argument: extra, what: 'name' });
  if (values.local === true && values.account !== undefined) throw new UsageError('cli.usage.eitherOr', { first: '--account', second: '--local' });
  return withCore(context, async (core) => {
    const parent = values.parent === undefined ? undefined : findFolder(treeOf(core, values.account), values.parent).folder;
    let accountId: string | null;
    if (parent !== undefined) accountId = parent.accountId;
    else if (values.local === true) accountId = null;
    else if (values.account !== undefined) accountId = core.accounts.find(values.account).id;
    else {
      const accounts = core.accounts.list();
      const [only] = accounts;
      if (only === undefined || accounts.length > 1) throw new UsageError('cli.folder.where');
      accountId = only.id;
    }
    const { id } = await call(core, 'createFolder', { accountId, parentId: parent?.id ?? null, name });
    writeResult(context.streams, context.json, { id }, () => translatorOf(context).t('cli.folder.created', { id }));
    return EXIT.SUCCESS;
  });
}

function rename(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { account: { type: 'string' } }, strict: true, allowPositionals: true });
  const [folder, name, extra] = positionals;
  if (folder === undefined || name === undefined) throw new UsageError('cli.folder.nameRename');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpectedQuote', { argument: extra, what: 'name' });
  return withCore(context, async (core) => {
    const found = findFolder(treeOf(core, values.account), folder).folder;
    await call(core, 'renameFolder', { folderId: found.id, name });
    writeResult(context.streams, context.json, { id: found.id, name: name.trim() }, () =>
      translatorOf(context).t('cli.folder.renamed', { from: found.name, to: name.trim() }),
    );
    return EXIT.SUCCESS;
  });
}

function remove(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { account: { type: 'string' }, yes: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const [folder, extra] = positionals;
  if (folder === undefined) throw new UsageError('cli.folder.nameDelete');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpected', { argument: extra });
  return withCore(context, async (core) => {
    const tree = treeOf(core, values.account);
    const found = findFolder(tree, folder);
    const inside = placedFolders(tree).filter(
      (entry) => entry.treeName === found.treeName && (entry.path === found.path || entry.path.startsWith(`${found.path}/`)),
    );
    const messages = inside.reduce((sum, entry) => sum + entry.folder.total, 0);
    const { t } = translatorOf(context);
    if (values.yes !== true && found.folder.role === null) {
      const facts = { path: shownPath(found, t), count: messages, subfolders: inside.length - 1 };
      writeCliError(context, 'VALIDATION', inside.length > 1 ? 'cli.folder.deleteConfirmSubfolders' : 'cli.folder.deleteConfirm', facts);
      return EXIT.USAGE;
    }
    const { movedToTrash } = await call(core, 'deleteFolder', { folderId: found.folder.id });
    writeResult(context.streams, context.json, { id: found.folder.id, movedToTrash }, () =>
      t('cli.folder.deleted', { path: shownPath(found, t), count: movedToTrash }),
    );
    return EXIT.SUCCESS;
  });
}

/** `mailbag folder …`. */
export const folderCommand: Command = {
  name: 'folder',
  summary: 'cli.folder.summary',
  usage: USAGE,
  help: 'cli.folder.help',
  run(args, context) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'list':
      case undefined:
        return list(rest, context);
      case 'create':
        return create(rest, context);
      case 'rename':
        return rename(rest, context);
      case 'delete':
        return remove(rest, context);
      default:
        throw new UsageError('cli.usage.unknownSubcommand', { command: 'folder', subcommand: sub });
    }
  },
};
