import { useCallback, useEffect, useState } from 'react';
import type { FolderRoleName, FolderTree, FolderView } from '../../shared/mail';
import { bridge } from '../bridge';

/** The order built-in folders are shown in, as Outlook and Thunderbird show them. */
const ROLE_ORDER: readonly FolderRoleName[] = ['inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk'];

/** What the message list pane shows: one folder, or every account's Inbox together. */
export type MailSource = { readonly kind: 'folder'; readonly folderId: number } | { readonly kind: 'unified-inbox' };

/** An account's folders: built-in ones in their fixed order, then the user's own by name. */
export function orderFolders(folders: readonly FolderView[]): FolderView[] {
  const rank = (folder: FolderView): number => (folder.role === null ? ROLE_ORDER.length : ROLE_ORDER.indexOf(folder.role));
  return [...folders].sort((left, right) => rank(left) - rank(right) || left.name.localeCompare(right.name));
}

/** The folder a source names, with its account's name, or null for the unified Inbox or an unknown id. */
export function findFolder(tree: FolderTree | null, source: MailSource): { folder: FolderView; accountName: string } | null {
  if (tree === null || source.kind !== 'folder') return null;
  for (const account of tree.accounts) {
    const folder = account.folders.find((candidate) => candidate.id === source.folderId);
    if (folder !== undefined) return { folder, accountName: account.accountName };
  }
  return null;
}

/** The folder of an account that has a role (for example its Trash), if the tree knows it. */
export function folderWithRole(tree: FolderTree | null, accountId: string, role: FolderRoleName): FolderView | null {
  const account = tree?.accounts.find((candidate) => candidate.accountId === accountId);
  return account?.folders.find((folder) => folder.role === role) ?? null;
}

/** The display name of an account by id (the id itself when the tree does not know it yet). */
export function accountNameOf(tree: FolderTree | null, accountId: string): string {
  return tree?.accounts.find((account) => account.accountId === accountId)?.accountName ?? accountId;
}

/**
 * The folder pane's data: every account's folders with counts, reloaded whenever mail or accounts
 * change so counts stay current.
 */
export function useFolderTree(): { tree: FolderTree | null; error: string | null; reload: () => void } {
  const [tree, setTree] = useState<FolderTree | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void bridge.listFolders().then((result) => {
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
