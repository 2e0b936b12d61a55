/**
 * The entries of the mail window's context menus (right-click, Shift+F10 or the context-menu key): on
 * messages in the list and on folders in the folder pane. They name commands the window already has,
 * so a menu, a toolbar button and a shortcut always do the same thing.
 */
import type { TreeFolderView } from '../../../shared/folder-ops';
import type { MessageListItem } from '../../../shared/mail';
import { MAX_LIST_PAGE } from '../../../shared/mail';
import { MESSAGE_TAGS, messageTagMenuLabel, type MessageTag } from '../../../shared/tags';
import { bridge } from '../../bridge';
import type { MailCommand } from '../../state/shortcuts';
import type { MenuEntry } from '../../components/menu-items';
import { isSpecialFolder } from '../../state/folder-tree';
import type { Translate } from '../../../shared/i18n/catalogs';

/** What a message menu can do besides the window's commands. */
export interface MessageMenuActions {
  readonly run: (command: MailCommand) => void;
  readonly openWindow: (item: MessageListItem) => void;
  readonly viewSource: (item: MessageListItem) => void;
  readonly saveEml: (item: MessageListItem) => void;
  /** Export… of the selection (or the message right-clicked) to mbox or .eml files. */
  readonly exportSelection: () => void;
  /** Puts a colour tag on the selection, or takes it off when the message right-clicked has it. */
  readonly toggleTag: (tag: MessageTag) => void;
  /** Opens the rule editor with the conditions this message suggests. */
  readonly createRule: (item: MessageListItem) => void;
}

/**
 * The menu of the message right-clicked (`many` when it is one of several selected): open, answer,
 * read state, flag, colour tags, move, copy, junk, delete, and for one message its source and .eml and a rule made from it.
 */
export function messageMenuEntries(
  item: MessageListItem,
  options: { readonly t: Translate; readonly many: boolean; readonly draft: boolean; readonly canJunk: boolean; readonly inJunk?: boolean },
  actions: MessageMenuActions,
): MenuEntry[] {
  const { t } = options;
  const one = !options.many;
  const answer = one && !options.draft;
  return [
    ...(one ? [{ label: t(options.draft ? 'menu.openDraft' : 'readerMenu.newWindow'), onSelect: () => actions.openWindow(item) }] : []),
    ...(answer
      ? [
          { label: t('toolbar.reply'), onSelect: () => actions.run('reply') },
          { label: t('toolbar.replyAll'), onSelect: () => actions.run('reply-all') },
          { label: t('toolbar.forward'), onSelect: () => actions.run('forward') },
        ]
      : []),
    { label: t(item.seen ? 'toolbar.markUnread' : 'toolbar.markRead'), onSelect: () => actions.run(item.seen ? 'mark-unread' : 'mark-read') },
    { label: t(item.flagged ? 'menu.removeFlag' : 'toolbar.flag'), onSelect: () => actions.run('toggle-flag') },
    ...tagMenuEntries(t, item.tags, actions.toggleTag),
    { label: t('toolbar.move'), onSelect: () => actions.run('move') },
    { label: t('toolbar.copyTo'), onSelect: () => actions.run('copy') },
    options.inJunk === true
      ? { label: t('toolbar.notJunk'), onSelect: () => actions.run('not-junk') }
      : { label: t('menu.markJunk'), onSelect: () => actions.run('junk'), disabled: !options.canJunk },
    { label: t('toolbar.delete'), onSelect: () => actions.run('delete') },
    ...(one
      ? [
          { label: t('readerMenu.source'), onSelect: () => actions.viewSource(item) },
          { label: t('source.saveEml'), onSelect: () => actions.saveEml(item) },
        ]
      : []),
    ...(answer ? [{ label: t('menu.createRule'), onSelect: () => actions.createRule(item) }] : []),
    { label: t('menu.export'), onSelect: () => actions.exportSelection() },
  ];
}

/** One entry per colour tag: "Tag Work", or "Remove tag Work" when the message has it, in the chosen language. */
export function tagMenuEntries(t: Translate, tags: readonly MessageTag[], toggle: (tag: MessageTag) => void): MenuEntry[] {
  return MESSAGE_TAGS.map((tag) => ({ label: messageTagMenuLabel(t, tag.key, tags.includes(tag.key)), onSelect: () => toggle(tag.key) }));
}

/** What a folder menu can do. */
export interface FolderMenuActions {
  readonly open: (folder: TreeFolderView) => void;
  readonly markRead: (folder: TreeFolderView) => void;
  /** A new folder inside this one. */
  readonly newFolder: (parent: TreeFolderView) => void;
  readonly rename: (folder: TreeFolderView) => void;
  readonly remove: (folder: TreeFolderView) => void;
  readonly emptyTrash: (accountId: string) => void;
  readonly accountSettings: (accountId: string) => void;
  readonly serverMailbox: (accountId: string) => void;
  readonly exportFolder: (folder: TreeFolderView) => void;
}

/**
 * The menu of a folder: open it, mark it read, a new sub-folder, rename and delete (disabled for the
 * built-in folders, which main refuses anyway), empty it (Trash), and its account's settings and
 * server mailbox (not for Local Folders, which belong to no account).
 */
export function folderMenuEntries(t: Translate, folder: TreeFolderView, actions: FolderMenuActions): MenuEntry[] {
  const special = isSpecialFolder(folder);
  const accountId = folder.accountId;
  return [
    { label: t('attachments.open'), onSelect: () => actions.open(folder) },
    { label: t('menu.markAllRead'), onSelect: () => actions.markRead(folder), disabled: folder.unread === 0 },
    { label: t('menu.newSubfolder'), onSelect: () => actions.newFolder(folder), disabled: folder.role === 'outbox' || folder.role === 'drafts' },
    { label: t('menu.rename'), onSelect: () => actions.rename(folder), disabled: special },
    { label: t('menu.deleteFolder'), onSelect: () => actions.remove(folder), disabled: special },
    ...(folder.role === 'trash' && accountId !== null
      ? [{ label: t('menu.emptyTrash'), onSelect: () => actions.emptyTrash(accountId), disabled: folder.total === 0 }]
      : []),
    ...(accountId === null
      ? []
      : [
          { label: t('folder.accountSettings'), onSelect: () => actions.accountSettings(accountId) },
          { label: t('folder.serverMailbox'), onSelect: () => actions.serverMailbox(accountId) },
        ]),
    { label: t('menu.export'), onSelect: () => actions.exportFolder(folder), disabled: folder.total === 0 },
  ];
}

/** Most pages "Mark all as read" walks (500 messages each), so a runaway loop cannot hang the window. */
const MAX_MARK_READ_PAGES = 1_000;

/** Marks every unread message of a folder read, a page at a time; returns the plain-words error or null. */
export async function markFolderRead(folderId: number): Promise<string | null> {
  for (let page = 0; page < MAX_MARK_READ_PAGES; page++) {
    const listed = await bridge.listMessages({ source: { kind: 'folder', folderId }, filter: 'unread', offset: 0, limit: MAX_LIST_PAGE });
    if (!listed.ok) return listed.error.message;
    const ids = listed.value.messages.map((message) => message.id);
    if (ids.length === 0) return null;
    const marked = await bridge.setMessageFlags({ ids, seen: true });
    if (!marked.ok) return marked.error.message;
  }
  return null;
}
