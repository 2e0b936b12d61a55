/**
 * How a folder is worded to a person: the built-in folders (Inbox, Drafts, Outbox, Sent, Trash, Junk)
 * by their role, in the reader's language, as Outlook and Thunderbird do (they cannot be renamed, so
 * their stored English name is data, never words); every other folder by the name its owner gave it,
 * even one a user called "Inbox". The window and the command line's human output both word folders here.
 */
import type { Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';
import type { FolderRoleName } from './mail';

/** The catalog message that names each built-in folder. */
const ROLE_WORDS: Readonly<Record<FolderRoleName, MessageId>> = {
  inbox: 'folder.special.inbox',
  drafts: 'folder.special.drafts',
  outbox: 'folder.special.outbox',
  sent: 'folder.special.sent',
  trash: 'folder.special.trash',
  junk: 'folder.special.junk',
};

/** A folder's name as shown: a built-in folder's words for its role, a user folder's own name. */
export function folderDisplayName(t: Translate, folder: { readonly role: FolderRoleName | null; readonly name: string }): string {
  return folder.role === null ? folder.name : t(ROLE_WORDS[folder.role]);
}
