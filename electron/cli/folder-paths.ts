/**
 * How the folder commands name folders: by role (Inbox, Sent, …), by name, or by path inside its tree
 * (`Projects/Alpha`; `Local Folders/Archive` for the folders of no account), case-insensitively. A name
 * found in several trees must be narrowed with `--account` or a path.
 */
import { CliError } from './command';
import type { FolderTreeView, TreeFolderView } from '../../shared/folder-ops';
import { folderDisplayName } from '../../shared/folder-words';
import type { Translate } from '../../shared/i18n/catalogs';

import { LOCAL_FOLDERS_NAME } from '../storage/folder-tree';

/** What separates the folders of a path. */
export const PATH_SEPARATOR = '/';

/** A folder with its tree and full path. */
export interface PlacedFolder {
  readonly folder: TreeFolderView;
  /** The account's name, or Local Folders. */
  readonly treeName: string;
  /** Parent names and its own, joined by `/`. */
  readonly path: string;
  /** The folders of the path from the top, the folder itself last. */
  readonly chain: readonly TreeFolderView[];
}

/** Every folder of the tree with its path, in the tree's display order. */
export function placedFolders(tree: FolderTreeView): PlacedFolder[] {
  const trees = [
    ...tree.accounts.map((account) => ({ treeName: account.accountName, folders: account.folders })),
    { treeName: LOCAL_FOLDERS_NAME, folders: tree.localFolders },
  ];
  return trees.flatMap(({ treeName, folders }) => {
    const byId = new Map(folders.map((folder) => [folder.id, folder]));
    const chainOf = (folder: TreeFolderView): TreeFolderView[] => {
      const chain = [folder];
      for (let parent = byId.get(folder.parentId ?? 0); parent !== undefined; parent = byId.get(parent.parentId ?? 0)) chain.unshift(parent);
      return chain;
    };
    const placed = folders.map((folder) => {
      const chain = chainOf(folder);
      return { folder, treeName, chain, path: chain.map((each) => each.name).join(PATH_SEPARATOR) };
    });
    // Built-in folders first, then user folders by path, so sub-folders follow their parent.
    return [
      ...placed.filter((entry) => entry.folder.role !== null),
      ...placed.filter((entry) => entry.folder.role === null).sort((a, b) => a.path.localeCompare(b.path)),
    ];
  });
}

/**
 * A folder's path as a person reads it (the human output, never `--json`): built-in folders by their
 * role in the reader's language. Arguments still name folders by their stored path or role.
 */
export function shownPath(entry: PlacedFolder, t: Translate): string {
  return entry.chain.map((folder) => folderDisplayName(t, folder)).join(PATH_SEPARATOR);
}

/** The tree a folder is in, as a person reads it: its account's name, or Local Folders in the reader's language. */
export function shownTree(entry: PlacedFolder, t: Translate): string {
  return entry.folder.accountId === null ? t('folder.localFolders') : entry.treeName;
}

/**
 * The one folder `text` names, among the folders of `tree` (already narrowed to one account when the
 * command has `--account`). NOT_FOUND when none, VALIDATION when several.
 */
export function findFolder(tree: FolderTreeView, text: string): PlacedFolder {
  const wanted = text.trim().toLowerCase();
  const localPrefix = `${LOCAL_FOLDERS_NAME.toLowerCase()}${PATH_SEPARATOR}`;
  const local = wanted.startsWith(localPrefix);
  const rest = local ? wanted.slice(localPrefix.length) : wanted;
  const candidates = placedFolders(tree).filter((entry) => {
    if (local && entry.folder.accountId !== null) return false;
    return entry.path.toLowerCase() === rest || entry.folder.role === rest;
  });
  const [only, second] = candidates;
  if (only === undefined) throw new CliError('NOT_FOUND', 'cli.folder.notFound', { folder: text });
  if (second !== undefined) {
    const where = candidates.map((entry) => entry.treeName).join(', ');
    throw new CliError('VALIDATION', 'cli.folder.ambiguous', { folder: text, trees: where, local: LOCAL_FOLDERS_NAME });
  }
  return only;
}
