/**
 * The words of the confirmations before mail is deleted for good (emptying Trash, deleting in Trash),
 * kept apart from the dialogs so they are tested as plain text. They speak the window's language
 * through `t`, except the Outbox's question, which the Outbox view asks in English for now.
 */
import type { Translate } from '../../shared/i18n/catalogs';

/** A confirmation's title, text and the label of the button that deletes. */
export interface DeleteQuestion {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
}

/** The question before emptying an account's Trash: names the account and the count. */
export function emptyTrashQuestion(t: Translate, count: number, accountName: string): DeleteQuestion {
  return {
    title: t('delete.emptyTrashTitle', { account: accountName }),
    text: t('delete.emptyTrashText', { count }),
    confirm: t('delete.messagesConfirm', { count }),
  };
}

/**
 * The question before deleting messages that are already in Trash (they are not moved again but
 * deleted for good); `others` is how many of the selected messages only move to Trash.
 */
export function permanentDeleteQuestion(t: Translate, count: number, others: number): DeleteQuestion {
  return {
    title: t('delete.permanentTitle', { count }),
    text: others > 0 ? t('delete.permanentTextOthers', { count, others }) : t('delete.permanentText', { count }),
    confirm: t('delete.messagesConfirm', { count }),
  };
}

/**
 * The question before deleting a folder: names it and how many messages go to Trash with it (its
 * sub-folders' too), so the count the user sees is the count Trash receives.
 */
export function deleteFolderQuestion(t: Translate, name: string, count: number, subFolders: number): DeleteQuestion {
  return {
    title: t('delete.folderTitle', { name }),
    text: count === 0 ? t('delete.folderTextEmpty', { subFolders }) : t('delete.folderText', { subFolders, count }),
    confirm: count === 0 ? t('delete.folderConfirm') : t('delete.folderConfirmMove', { count }),
  };
}
