/**
 * Making, renaming and deleting folders from the folder pane: the questions (a name; before deleting,
 * how many messages go to Trash) and the requests to main. The window shows `element` and calls the
 * three actions from the pane's menus and keys.
 */
import { useState, type ReactNode } from 'react';
import type { FolderTreeView, TreeFolderView } from '../../../shared/folder-ops';
import { bridge } from '../../bridge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { folderById, folderDeletion, folderPath, windowNaming } from '../../state/folder-tree';
import { folderDisplayName } from '../../../shared/folder-words';
import type { MailSource } from '../../state/mail-folders';
import { useT } from '../../state/locale';
import { deleteFolderQuestion, type DeleteQuestion } from '../../state/permanent-delete';
import { FolderNameDialog } from './folder-name-dialog';

type EditingDialog =
  | {
      readonly kind: 'name';
      readonly title: string;
      readonly action: string;
      readonly initial: string;
      readonly where?: string;
      readonly submit: (name: string) => Promise<string | null>;
    }
  | { readonly kind: 'confirm'; readonly question: DeleteQuestion; readonly onConfirm: () => void };

/** Whether a folder sits somewhere below another. */
function isInside(tree: FolderTreeView, folder: TreeFolderView, ancestorId: number): boolean {
  const seen = new Set<number>();
  for (let parent = folder.parentId; parent !== null && !seen.has(parent); parent = folderById(tree, parent)?.parentId ?? null) {
    if (parent === ancestorId) return true;
    seen.add(parent);
  }
  return false;
}

/** What folder editing needs from the window. */
export interface FolderEditingOptions {
  readonly tree: FolderTreeView | null;
  /** The folder the list shows, if any (deleting it shows the unified Inbox instead). */
  readonly shown: TreeFolderView | null;
  readonly nameOf: (accountId: string) => string;
  readonly show: (source: MailSource) => void;
  /** A problem in words for the status line, or null to clear it. */
  readonly report: (problem: string | null) => void;
  /** What was done, for the status line. */
  readonly announce: (text: string) => void;
}

/** The folder actions of the pane and the dialogs they open. */
export function useFolderEditing(options: FolderEditingOptions): {
  readonly newFolder: (accountId: string | null, parent: TreeFolderView | null) => void;
  readonly rename: (folder: TreeFolderView) => void;
  readonly remove: (folder: TreeFolderView) => void;
  readonly element: ReactNode;
} {
  const t = useT();
  const { tree, shown, report } = options;
  const [dialog, setDialog] = useState<EditingDialog | null>(null);

  const newFolder = (accountId: string | null, parent: TreeFolderView | null): void => {
    const where =
      parent !== null && tree !== null ? folderPath(tree, parent, windowNaming(t)) : accountId === null ? t('folder.localFolders') : options.nameOf(accountId);
    setDialog({
      kind: 'name',
      title: t(parent === null ? 'folder.newTitle' : 'folder.newSubTitle'),
      action: t('folder.create'),
      initial: '',
      where: t('folder.createIn', { where }),
      submit: async (name) => {
        const result = await bridge.createFolder({ accountId, parentId: parent?.id ?? null, name });
        if (!result.ok) return result.error.message;
        setDialog(null);
        options.show({ kind: 'folder', folderId: result.value.id });
        return null;
      },
    });
  };
  const rename = (folder: TreeFolderView): void => {
    if (folder.role !== null) {
      report(t('folder.builtInRename', { name: folderDisplayName(t, folder) }));
      return;
    }
    setDialog({
      kind: 'name',
      title: t('folder.renameTitle', { name: folder.name }),
      action: t('folder.rename'),
      initial: folder.name,
      submit: async (name) => {
        const result = await bridge.renameFolder(folder.id, name);
        if (!result.ok) return result.error.message;
        setDialog(null);
        return null;
      },
    });
  };
  const remove = (folder: TreeFolderView): void => {
    if (folder.role !== null || tree === null) {
      report(t('folder.builtInDelete', { name: folderDisplayName(t, folder) }));
      return;
    }
    const { messages, subFolders } = folderDeletion(tree, folder.id);
    setDialog({
      kind: 'confirm',
      question: deleteFolderQuestion(t, folder.name, messages, subFolders),
      onConfirm: () =>
        void bridge.deleteFolder(folder.id).then((result) => {
          if (!result.ok) {
            report(result.error.message);
            return;
          }
          report(null);
          // The folder shown went with it: the unified Inbox takes its place.
          if (shown !== null && (shown.id === folder.id || isInside(tree, shown, folder.id))) options.show({ kind: 'unified-inbox' });
          const moved = result.value.movedToTrash;
          options.announce(t('folder.deleted', { name: folder.name, moved }));
        }),
    });
  };

  const element =
    dialog === null ? null : dialog.kind === 'name' ? (
      <FolderNameDialog
        title={dialog.title}
        action={dialog.action}
        initial={dialog.initial}
        {...(dialog.where === undefined ? {} : { where: dialog.where })}
        onSubmit={dialog.submit}
        onCancel={() => setDialog(null)}
      />
    ) : (
      <ConfirmDialog
        question={dialog.question}
        onCancel={() => setDialog(null)}
        onConfirm={() => {
          setDialog(null);
          dialog.onConfirm();
        }}
      />
    );
  return { newFolder, rename, remove, element };
}
