/**
 * `mailbag folder list|create|rename|delete`: the user's folders in each account and in Local Folders,
 * through the same operations as the window's folder pane.
 */
import { parseArgs } from 'node:util';
import type { FolderTreeView } from '../../../shared/folder-ops';
import type { Core } from '../../main/core';
import { call } from '../call';
import { UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { findFolder, placedFolders } from '../folder-paths';
import { writeError, writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag folder list [--account ACCOUNT]
       mailbag folder create NAME [--account ACCOUNT | --local] [--parent FOLDER]
       mailbag folder rename FOLDER NEW-NAME [--account ACCOUNT]
       mailbag folder delete FOLDER [--account ACCOUNT] [--yes]     its mail goes to Trash
FOLDER is a name, a role (Inbox, Sent, …) or a path (Projects/Alpha, Local Folders/Archive).`;

async function treeOf(core: Core, account: string | undefined): Promise<FolderTreeView> {
  if (account === undefined) return call(core, 'listFolderTree', undefined);
  const { id } = core.accounts.find(account);
  return { ...(await call(core, 'listFolderTree', { accountId: id })), localFolders: [] };
}

function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { account: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
  return withCore(context, async (core) => {
    const tree = await treeOf(core, values.account);
    const rows = placedFolders(tree);
    writeResult(context.streams, context.json, tree, () =>
      table([
        ['ID', 'ACCOUNT', 'FOLDER', 'UNREAD', 'TOTAL'],
        ...rows.map((entry) => [String(entry.folder.id), entry.treeName, entry.path, String(entry.folder.unread), String(entry.folder.total)]),
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
  if (name === undefined) throw new UsageError('Name the new folder.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra} (quote a name with spaces)`);
  if (values.local === true && values.account !== undefined) throw new UsageError('Use either --account or --local.');
  return withCore(context, async (core) => {
    const parent = values.parent === undefined ? undefined : findFolder(await treeOf(core, values.account), values.parent).folder;
    let accountId: string | null;
    if (parent !== undefined) accountId = parent.accountId;
    else if (values.local === true) accountId = null;
    else if (values.account !== undefined) accountId = core.accounts.find(values.account).id;
    else {
      const accounts = core.accounts.list();
      const [only] = accounts;
      if (only === undefined || accounts.length > 1) throw new UsageError('Say where the folder goes: --account ACCOUNT, --local or --parent FOLDER.');
      accountId = only.id;
    }
    const { id } = await call(core, 'createFolder', { accountId, parentId: parent?.id ?? null, name });
    writeResult(context.streams, context.json, { id }, () => `Created folder ${id}.`);
    return EXIT.SUCCESS;
  });
}

function rename(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { account: { type: 'string' } }, strict: true, allowPositionals: true });
  const [folder, name, extra] = positionals;
  if (folder === undefined || name === undefined) throw new UsageError('Name the folder and its new name.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra} (quote a name with spaces)`);
  return withCore(context, async (core) => {
    const found = findFolder(await treeOf(core, values.account), folder).folder;
    await call(core, 'renameFolder', { folderId: found.id, name });
    writeResult(context.streams, context.json, { id: found.id, name: name.trim() }, () => `Renamed “${found.name}” to “${name.trim()}”.`);
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
  if (folder === undefined) throw new UsageError('Name the folder to delete.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra}`);
  return withCore(context, async (core) => {
    const tree = await treeOf(core, values.account);
    const found = findFolder(tree, folder);
    const inside = placedFolders(tree).filter(
      (entry) => entry.treeName === found.treeName && (entry.path === found.path || entry.path.startsWith(`${found.path}/`)),
    );
    const messages = inside.reduce((sum, entry) => sum + entry.folder.total, 0);
    if (values.yes !== true && found.folder.role === null) {
      const question = `Deleting “${found.path}” moves ${messages} message${messages === 1 ? '' : 's'} to Trash${inside.length > 1 ? ` (with ${inside.length - 1} sub-folder${inside.length === 2 ? '' : 's'})` : ''}.`;
      writeError(context.streams, context.json, { code: 'VALIDATION', message: `${question} Run again with --yes to delete.` });
      return EXIT.USAGE;
    }
    const { movedToTrash } = await call(core, 'deleteFolder', { folderId: found.folder.id });
    writeResult(
      context.streams,
      context.json,
      { id: found.folder.id, movedToTrash },
      () => `Deleted “${found.path}”; ${movedToTrash} message${movedToTrash === 1 ? '' : 's'} moved to Trash.`,
    );
    return EXIT.SUCCESS;
  });
}

/** `mailbag folder …`. */
export const folderCommand: Command = {
  name: 'folder',
  summary: 'list, create, rename or delete folders',
  usage: USAGE,
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
        throw new UsageError(`Unknown folder command: ${sub}`);
    }
  },
};
