/**
 * The folder pane's tree as rows: the unified Inbox, each account with its folders nested under their
 * parents, then Local Folders, with what is expanded; and the folder paths that "Move to…" and
 * "Copy to…" filter as you type. Plain data, so the tree's shape is tested without a window.
 */
import type { FolderRoleName } from '../../shared/mail';
import type { FolderTreeView, TreeFolderView } from '../../shared/folder-ops';
import { folderDisplayName } from '../../shared/folder-words';
import type { Translate } from '../../shared/i18n/catalogs';

/** The key of the Local Folders heading (its expanded state is kept under it). */
export const LOCAL_FOLDERS_KEY = 'local';
/** The name the Local Folders heading and paths use (as the command line writes `Local Folders/Archive`). */
// eslint-disable-next-line mailbag-window/strings -- the stored paths' own name (data, as main and `mailbag` write it); the window says folder.localFolders
export const LOCAL_FOLDERS_NAME = 'Local Folders';

/** Built-in folders in the order Outlook and Thunderbird show them, before the user's own by name. */
const ROLE_ORDER: readonly FolderRoleName[] = ['inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk'];

/** One row of the folder pane. `level` is the ARIA level (1 for the top rows). */
export type FolderTreeRow =
  | { readonly key: 'unified'; readonly kind: 'unified'; readonly level: 1; readonly unread: number }
  | {
      readonly key: string;
      readonly kind: 'heading';
      readonly level: 1;
      /** The account's id, or null for Local Folders. */
      readonly accountId: string | null;
      readonly name: string;
      readonly expanded: boolean;
    }
  | {
      readonly key: string;
      readonly kind: 'folder';
      readonly level: number;
      readonly folder: TreeFolderView;
      /** Whether it has sub-folders; then `expanded` says whether they are shown. */
      readonly hasChildren: boolean;
      readonly expanded: boolean;
      /** The row this one sits under (a heading or the parent folder). */
      readonly parentKey: string;
    };

/** The key of a folder's row. */
export function folderKey(folderId: number): string {
  return `folder:${folderId}`;
}

/** The key of an account's heading row. */
export function accountKey(accountId: string): string {
  return `account:${accountId}`;
}

function rank(folder: TreeFolderView): number {
  return folder.role === null ? ROLE_ORDER.length : ROLE_ORDER.indexOf(folder.role);
}

/** Folders side by side in display order: built-in ones in their fixed order, then by name. */
export function orderSiblings(folders: readonly TreeFolderView[]): TreeFolderView[] {
  return [...folders].sort((left, right) => rank(left) - rank(right) || left.name.localeCompare(right.name) || left.id - right.id);
}

/** A tree's folders by their parent (null: at the top); a folder whose parent is unknown counts as top. */
function childrenByParent(folders: readonly TreeFolderView[]): Map<number | null, TreeFolderView[]> {
  const known = new Set(folders.map((folder) => folder.id));
  const children = new Map<number | null, TreeFolderView[]>();
  for (const folder of folders) {
    const parent = folder.parentId !== null && known.has(folder.parentId) ? folder.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), folder]);
  }
  return children;
}

/** The unified Inbox's unread count: every account's Inbox together. */
export function unifiedUnread(view: FolderTreeView): number {
  return view.accounts.reduce(
    (sum, account) => sum + account.folders.filter((folder) => folder.role === 'inbox').reduce((inner, folder) => inner + folder.unread, 0),
    0,
  );
}

/**
 * The rows the pane shows: the unified Inbox, each account then Local Folders (shown only when it has
 * folders or `showEmptyLocal`), every folder under its parent. A key in `collapsed` hides what is below it.
 */
export function buildTreeRows(view: FolderTreeView, collapsed: ReadonlySet<string>, showEmptyLocal = true): FolderTreeRow[] {
  const rows: FolderTreeRow[] = [{ key: 'unified', kind: 'unified', level: 1, unread: unifiedUnread(view) }];
  const addFolders = (folders: readonly TreeFolderView[], headingKey: string): void => {
    const children = childrenByParent(folders);
    const visit = (parent: number | null, parentKey: string, level: number): void => {
      for (const folder of orderSiblings(children.get(parent) ?? [])) {
        const key = folderKey(folder.id);
        const hasChildren = (children.get(folder.id) ?? []).length > 0;
        const expanded = hasChildren && !collapsed.has(key);
        rows.push({ key, kind: 'folder', level, folder, hasChildren, expanded, parentKey });
        if (expanded) visit(folder.id, key, level + 1);
      }
    };
    visit(null, headingKey, 2);
  };
  for (const account of view.accounts) {
    const key = accountKey(account.accountId);
    const expanded = !collapsed.has(key);
    rows.push({ key, kind: 'heading', level: 1, accountId: account.accountId, name: account.accountName, expanded });
    if (expanded) addFolders(account.folders, key);
  }
  if (view.localFolders.length > 0 || showEmptyLocal) {
    const expanded = !collapsed.has(LOCAL_FOLDERS_KEY);
    rows.push({ key: LOCAL_FOLDERS_KEY, kind: 'heading', level: 1, accountId: null, name: LOCAL_FOLDERS_NAME, expanded });
    if (expanded) addFolders(view.localFolders, LOCAL_FOLDERS_KEY);
  }
  return rows;
}

/** Every folder of the view, wherever it is. */
export function allFolders(view: FolderTreeView): TreeFolderView[] {
  return [...view.accounts.flatMap((account) => account.folders), ...view.localFolders];
}

/** A folder by id, or null. */
export function folderById(view: FolderTreeView | null, folderId: number): TreeFolderView | null {
  return view === null ? null : (allFolders(view).find((folder) => folder.id === folderId) ?? null);
}

/** How a path names each folder and the Local Folders tree. */
export interface FolderNaming {
  readonly nameOf: (folder: TreeFolderView) => string;
  readonly localName: string;
}

/** The stored names, as main and `mailbag` find a folder by its path (a rule's folder is kept so). */
const STORED_NAMING: FolderNaming = { nameOf: (folder) => folder.name, localName: LOCAL_FOLDERS_NAME };

/** The window's words: built-in folders by their role and Local Folders in the window's language. */
export function windowNaming(t: Translate): FolderNaming {
  return { nameOf: (folder) => folderDisplayName(t, folder), localName: t('folder.localFolders') };
}

/**
 * The folder's path from the top of its tree (`Projects/Alpha`; `Local Folders/Archive` for a Local
 * Folder): by default in stored names, or as `naming` words each folder (the window's words to show it).
 */
export function folderPath(view: FolderTreeView, folder: TreeFolderView, naming: FolderNaming = STORED_NAMING): string {
  const byId = new Map(allFolders(view).map((candidate) => [candidate.id, candidate]));
  const names: string[] = [];
  const seen = new Set<number>();
  for (
    let current: TreeFolderView | undefined = folder;
    current !== undefined && !seen.has(current.id);
    current = current.parentId === null ? undefined : byId.get(current.parentId)
  ) {
    seen.add(current.id);
    names.unshift(naming.nameOf(current));
  }
  if (folder.accountId === null) names.unshift(naming.localName);
  return names.join('/');
}

/** What deleting a folder takes with it: its messages and those of every sub-folder, and how many sub-folders. */
export function folderDeletion(view: FolderTreeView, folderId: number): { readonly messages: number; readonly subFolders: number } {
  const children = childrenByParent(allFolders(view));
  let messages = 0;
  let subFolders = -1;
  const visit = (id: number): void => {
    const folder = folderById(view, id);
    if (folder === null) return;
    subFolders += 1;
    messages += folder.total;
    for (const child of children.get(id) ?? []) visit(child.id);
  };
  visit(folderId);
  return { messages, subFolders: Math.max(subFolders, 0) };
}

/** A folder a message can be moved or copied to, with its stored path and the path as the window shows it. */
export interface FolderTarget {
  readonly folder: TreeFolderView;
  /** In stored names, as main finds the folder (what a rule keeps). */
  readonly path: string;
  /** In the window's words (built-in folders by role), for showing and filtering. */
  readonly label: string;
}

/**
 * Where messages of these accounts can go: the folders of their account (when they all share one) and
 * Local Folders, in tree order, never the Outbox or Drafts, nor the folder they are in (`except`).
 */
export function folderTargets(view: FolderTreeView, accountIds: ReadonlySet<string | null>, except: number | null, t: Translate): FolderTarget[] {
  const naming = windowNaming(t);
  const only = accountIds.size === 1 ? [...accountIds][0] : undefined;
  const rows = buildTreeRows(view, new Set(), false);
  return rows.flatMap((row) => {
    if (row.kind !== 'folder') return [];
    const { folder } = row;
    if (folder.role === 'outbox' || folder.role === 'drafts' || folder.id === except) return [];
    if (folder.accountId !== null && folder.accountId !== only) return [];
    return [{ folder, path: folderPath(view, folder), label: folderPath(view, folder, naming) }];
  });
}

/** Text folded for matching: lower case without accents, so "archivo" finds "Archivó". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase();
}

/** The targets whose shown path holds every word typed, in order of appearance (an empty filter keeps all). */
export function filterTargets(targets: readonly FolderTarget[], text: string): FolderTarget[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  return targets.filter((target) => {
    const path = fold(target.label);
    return words.every((word) => path.includes(word));
  });
}

/** Whether a folder is one of the built-in ones, which cannot be renamed or deleted. */
export function isSpecialFolder(folder: TreeFolderView): boolean {
  return folder.role !== null;
}
