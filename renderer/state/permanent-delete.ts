/**
 * The words of the confirmations before mail is deleted for good (emptying Trash, deleting in Trash),
 * kept apart from the dialogs so they are tested as plain text.
 */

/** A confirmation's title, text and the label of the button that deletes. */
export interface DeleteQuestion {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
}

function messages(count: number): string {
  return count === 1 ? '1 message' : `${count} messages`;
}

/** The question before emptying an account's Trash: names the account and the count. */
export function emptyTrashQuestion(count: number, accountName: string): DeleteQuestion {
  return {
    title: `Empty Trash of ${accountName}?`,
    text: `${count === 1 ? 'The message' : `All ${messages(count)}`} in Trash will be deleted for good. This cannot be undone.`,
    confirm: `Delete ${messages(count)}`,
  };
}

/**
 * The question before deleting messages that are already in Trash (they are not moved again but
 * deleted for good); `others` is how many of the selected messages only move to Trash.
 */
export function permanentDeleteQuestion(count: number, others: number): DeleteQuestion {
  const them = count === 1 ? 'it' : 'them';
  return {
    title: `Delete ${messages(count)} for good?`,
    text:
      `${count === 1 ? 'This message is' : 'These messages are'} in Trash already: deleting removes ${them} from this computer. This cannot be undone.` +
      (others > 0 ? ` The other ${messages(others)} move to Trash.` : ''),
    confirm: `Delete ${messages(count)}`,
  };
}

/** The question before removing a message that has not been sent from the Outbox: it is deleted, never sent. */
export function outboxRemoveQuestion(subject: string): DeleteQuestion {
  return {
    title: 'Remove this message from the Outbox?',
    text: `“${subject === '' ? '(no subject)' : subject}” will not be sent, and it is deleted for good. This cannot be undone.`,
    confirm: 'Remove message',
  };
}

/**
 * The question before deleting a folder: names it and how many messages go to Trash with it (its
 * sub-folders' too), so the count the user sees is the count Trash receives.
 */
export function deleteFolderQuestion(name: string, count: number, subFolders: number): DeleteQuestion {
  const folders = subFolders === 0 ? '' : subFolders === 1 ? ' and its sub-folder' : ` and its ${subFolders} sub-folders`;
  return {
    title: `Delete the folder “${name}”?`,
    text:
      count === 0
        ? `The folder${folders} will be deleted. ${subFolders === 0 ? 'It holds' : 'They hold'} no messages.`
        : `The folder${folders} will be deleted, and ${count === 1 ? 'the 1 message' : `the ${messages(count)}`} in ${subFolders === 0 ? 'it' : 'them'} will move to Trash.`,
    confirm: count === 0 ? 'Delete folder' : `Delete folder, move ${messages(count)} to Trash`,
  };
}
