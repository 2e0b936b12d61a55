import { useCallback, useEffect, useState } from 'react';
import type { FolderTreeView, TreeFolderView } from '../../shared/folder-ops';
import type { FolderRoleName } from '../../shared/mail';
import { bridge } from '../bridge';
import { LOCAL_FOLDERS_NAME, allFolders } from './folder-tree';

/** What the message list pane shows: one folder, or every account's Inbox together. */
export type MailSource = { readonly kind: 'folder'; readonly folderId: number } | { readonly kind: 'unified-inbox' };

/** The folder a source names, with its account's name (Local Folders for one of no account), or null for the unified Inbox or an unknown id. */
export function findFolder(
  tree: FolderTreeView | null,
  source: MailSource,
  localName: string = LOCAL_FOLDERS_NAME,
): { folder: TreeFolderView; accountName: string } | null {
  if (tree === null || source.kind !== 'folder') return null;
  for (const account of tree.accounts) {
    const folder = account.folders.find((candidate) => candidate.id === source.folderId);
    if (folder !== undefined) return { folder, accountName: account.accountName };
  }
  const local = tree.localFolders.find((candidate) => candidate.id === source.folderId);
  return local === undefined ? null : { folder: local, accountName: localName };
}

/** The folder of an account that has a role (for example its Trash), if the tree knows it. */
export function folderWithRole(tree: FolderTreeView | null, accountId: string, role: FolderRoleName): TreeFolderView | null {
  const account = tree?.accounts.find((candidate) => candidate.accountId === accountId);
  return account?.folders.find((folder) => folder.role === role) ?? null;
}

/** The ids of every account's Trash (deleting there is for good, so the window asks first). */
export function trashFolderIds(tree: FolderTreeView | null): Set<number> {
  return new Set(tree === null ? [] : allFolders(tree).flatMap((folder) => (folder.role === 'trash' ? [folder.id] : [])));
}

/** The display name of an account by id (the id itself when the tree does not know it yet). */
export function accountNameOf(tree: FolderTreeView | null, accountId: string): string {
  return tree?.accounts.find((account) => account.accountId === accountId)?.accountName ?? accountId;
}

/**
 * The folder pane's data: every account's folder tree and the Local Folders with counts, reloaded
 * whenever mail or accounts change so counts stay current.
 */
export function useFolderTree(): { tree: FolderTreeView | null; error: string | null; reload: () => void } {
  const [tree, setTree] = useState<FolderTreeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void bridge.listFolderTree().then((result) => {
      if (result.ok) {
        setTree(result.value);
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
  }, []);
  useEffect(() => {
    reload();
    const stops = [bridge.on('mailChanged', reload), bridge.on('accountsChanged', reload), bridge.on('newMail', reload), bridge.on('outboxChanged', reload)];
    return () => {
      for (const stop of stops) stop();
    };
  }, [reload]);
  return { tree, error, reload };
}
