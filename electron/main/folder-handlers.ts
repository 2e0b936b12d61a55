/**
 * The contract's folder operations, wired to the store: the folder tree with Local Folders and unread
 * counts, creating, renaming and deleting user folders, copying messages, marking a folder read and
 * deleting messages for good, and the places and flags of messages (read before a change, to undo it).
 * Every change is announced with mailChanged so open windows refresh.
 */
import type { Account } from '../../shared/accounts';
import type { FolderTreeView } from '../../shared/folder-ops';
import type { Handlers } from '../ipc/registry';
import type { AccountService } from '../services/accounts';
import type { EventHub } from '../services/events';
import { createTreeFolder, deleteTreeFolder, listTreeFolders, markFolderRead, renameTreeFolder } from '../storage/folder-tree';
import { copyMessages } from '../storage/message-copy';
import { locateMessages, messageStates, type MessageLocation } from '../storage/message-locations';
import type { MessageStore } from '../storage/message-store';

/** The folder operations of the contract. */
export type FolderHandlers = Pick<
  Handlers,
  'listFolderTree' | 'createFolder' | 'renameFolder' | 'deleteFolder' | 'copyMessages' | 'markFolderRead' | 'deleteMessagesPermanently' | 'messageStates'
>;

/** What the folder operations need. */
export interface FolderHandlerOptions {
  readonly store: MessageStore;
  readonly accounts: AccountService;
  readonly events: EventHub;
}

/**
 * The folder tree of `accounts` (each given its built-in folders first), then the Local Folders. Its
 * accounts need only their id and name: the command line names a message's folder with it
 * (`mailbag show`) without reading the accounts' settings.
 */
export function folderTreeOf(store: MessageStore, accounts: ReadonlyArray<Pick<Account, 'id' | 'name'>>): FolderTreeView {
  return {
    accounts: accounts.map((account) => {
      store.ensureDefaultFolders(account.id);
      return { accountId: account.id, accountName: account.name, folders: listTreeFolders(store.database, account.id) };
    }),
    localFolders: listTreeFolders(store.database, null),
  };
}

/** Builds the folder operations. */
export function createFolderHandlers(options: FolderHandlerOptions): FolderHandlers {
  const { store, accounts, events } = options;
  const database = store.database;

  const announce = (located: readonly MessageLocation[], folderIds: readonly number[], accountIds: readonly string[] = []): void => {
    events.emit('mailChanged', {
      accountIds: [...new Set([...accountIds, ...located.flatMap((entry) => (entry.accountId === null ? [] : [entry.accountId]))])],
      folderIds: [...new Set([...folderIds, ...located.map((entry) => entry.folderId)])],
      messageIds: located.map((entry) => entry.id),
    });
  };

  return {
    listFolderTree: (input) => folderTreeOf(store, input?.accountId === undefined ? accounts.list() : [accounts.get(input.accountId)]),
    createFolder: ({ accountId, parentId, name }) => {
      if (accountId !== null) accounts.get(accountId);
      const id = createTreeFolder(database, { accountId, parentId: parentId ?? null, name });
      announce([], [id], accountId === null ? [] : [accountId]);
      return { id };
    },
    renameFolder: ({ folderId, name }) => {
      renameTreeFolder(database, folderId, name);
      announce([], [folderId]);
      return { id: folderId };
    },
    deleteFolder: ({ folderId }) => {
      const { movedToTrash, folders } = deleteTreeFolder(database, folderId);
      announce([], folders);
      return { movedToTrash };
    },
    copyMessages: async ({ ids, folderId }) => {
      const copies = await copyMessages(database, store.rawDirectory, ids, folderId);
      announce(locateMessages(database, copies), [folderId]);
      return { copies };
    },
    markFolderRead: ({ folderId }) => {
      const changed = markFolderRead(database, folderId);
      if (changed > 0) announce([], [folderId]);
      return { changed };
    },
    deleteMessagesPermanently: async ({ ids }) => {
      const located = locateMessages(database, ids);
      const deleted = await store.deleteMessagesPermanently(ids);
      if (located.length > 0) announce(located, []);
      return { deleted };
    },
    messageStates: ({ ids }) => ({ messages: messageStates(database, ids) }),
  };
}
