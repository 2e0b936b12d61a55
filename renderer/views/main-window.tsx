import type { MessageTag } from '../../shared/tags';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { TreeFolderView } from '../../shared/folder-ops';
import type { MessageListItem, QuickFilterName, SearchSortName } from '../../shared/mail';
import type { Settings } from '../../shared/settings';
import { bridge } from '../bridge';
import { EMPTY_SELECTION, followFocus, rowAfterRemoval, selectOnly, selectedCount, type ListSelection } from '../state/list-selection';
import { accountNameOf, findFolder, folderWithRole, trashFolderIds, useFolderTree, type MailSource } from '../state/mail-folders';
import { folderTargets, unifiedUnread, type FolderTarget } from '../state/folder-tree';
import { folderDisplayName } from '../../shared/folder-words';
import { windowUndo } from '../state/undo';
import { deleteMessagesUndoably, moveMessagesUndoably, setFlagsUndoably } from '../state/undoable-mail';
import { undoOutcomeWords, type FlagPatch } from '../state/undo-words';
import { useConversationList } from '../state/conversation-list';
import { ConversationGrid } from './mail/conversation-grid';
import { NO_THREADED_SELECTION, type ThreadedSelection } from '../state/threaded-selection';
import { ConversationsToggle } from './mail/conversations-toggle';
import { nextOrder, useMessageList, type ListOrder, type ListQuery, type SortKey } from '../state/mail-list';
import { useNavigation } from '../state/navigation';
import { useSendReceive, isRunning } from '../state/send-receive';
import { emptyTrashQuestion, permanentDeleteQuestion, type DeleteQuestion } from '../state/permanent-delete';
import { commandForKey, isTypingTarget, type MailCommand } from '../state/shortcuts';
import { useMarkShownRead } from '../state/mark-read';
import { QuickFilterBar } from './mail/quick-filters';
import { OutboxView } from './compose/outbox-view';
import { useContextMenu, type MenuPoint } from '../components/context-menu';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FolderPane, type FolderPaneActions } from './mail/folder-pane';
import { useFolderEditing } from './mail/folder-editing';
import { UndoToast } from './mail/undo-toast';
import { MailToolbar, type ToolbarCommand } from './mail/mail-toolbar';
import { folderMenuEntries, markFolderRead, messageMenuEntries } from './mail/mail-menus';
import { MessageGrid } from './mail/message-list';
import { MoveDialog } from './mail/move-dialog';
import { PaneSeparator, usePaneLayout } from './mail/pane-layout';
import { OutboxNotice } from './mail/outbox-notice';
import { PasswordDialog, usePasswordPrompt } from './mail/password-dialog';
import { SendReceiveProgress, StatusLine } from './mail/status-line';
import { openMessageWindow, saveAsEml } from './reader/raw-source';
import { rulePrefillFromStoredMessage } from './settings/rule-from-stored-message';
import { SourceDialog } from './reader/source-dialog';
import { ExportDialog, type ExportTarget } from './import/export-dialog';
import { ImportWizard } from './import/import-wizard';
import { ReaderPane } from './reader/reader-pane';
import { useProviderAccounts } from '../state/provider-sign-in';
import { useT } from '../state/locale';
import type { Translate } from '../../shared/i18n/catalogs';
import './mail/mail.css';
import './mail/folders.css';

/** The window title without unread mail. */
const APP_TITLE = 'Mailbag';
/** The list's order until the user clicks a column: newest first. */
const DEFAULT_ORDER: ListOrder = { sort: 'date', direction: 'desc' };

/** A question the window asks over itself: where to move or copy, or whether to delete for good. */
type WindowDialog =
  | { readonly kind: 'move'; readonly copy: boolean }
  | { readonly kind: 'confirm'; readonly question: DeleteQuestion; readonly onConfirm: () => void }
  | { readonly kind: 'source'; readonly item: MessageListItem }
  | { readonly kind: 'import' }
  | { readonly kind: 'export'; readonly target: ExportTarget };

/** Shows a desktop notification in a browser; Electron's main process shows its own instead. */
function notifyInBrowser(title: string, body: string): void {
  if (window.mailbag !== undefined || !('Notification' in window) || Notification.permission !== 'granted') return;
  new Notification(title, { body, tag: 'mailbag-new-mail' });
}

/** Asks for notification permission, once and only from a user's action (browsers require a gesture). */
function askNotificationPermission(settings: Settings): void {
  if (!settings.notifications || window.mailbag !== undefined || !('Notification' in window)) return;
  if (Notification.permission === 'default') void Notification.requestPermission();
}

/** The status line of a search: how many match, and which of them the list shows. */
function searchSummary(t: Translate, text: string, found: number, shown: number, sort: SearchSortName): string {
  if (found <= shown) return t('search.found', { count: found, text });
  return t(sort === 'relevance' ? 'search.foundBest' : 'search.foundRecent', { count: found, text, shown });
}

/**
 * The three-pane mail window: folders, the message list and the reader under the toolbar, with
 * Send/Receive progress and the status line below. Keyboard shortcuts follow the keyboard preset
 * (Outlook's) and never fire while typing or while compose is open.
 */
export function MainWindow(props: { readonly info: AppInfo; readonly settings: Settings; readonly onAppearance: (value: Settings['appearance']) => void }) {
  const { info, settings } = props;
  const navigation = useNavigation();
  const t = useT();
  const { tree, error: treeError } = useFolderTree();
  const [source, setSource] = useState<MailSource>({ kind: 'unified-inbox' });
  const [order, setOrder] = useState<ListOrder>(DEFAULT_ORDER);
  const [searchText, setSearchText] = useState('');
  const [searchSort, setSearchSort] = useState<SearchSortName>('date');
  const [quickFilters, setQuickFilters] = useState<QuickFilterName[]>([]);
  const [selection, setSelection] = useState<ListSelection>(EMPTY_SELECTION);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<WindowDialog | null>(null);
  const contextMenu = useContextMenu();
  const sendReceive = useSendReceive();
  const passwordPrompt = usePasswordPrompt(sendReceive.state);
  const searchBox = useRef<HTMLInputElement>(null);
  const panes = useRef<HTMLDivElement>(null);
  const layout = usePaneLayout(settings.paneWidths, panes);
  /** Messages just deleted or moved away: the next row that is none of them gets selected. */
  const reselect = useRef<ReadonlySet<number> | null>(null);

  const query: ListQuery =
    searchText === ''
      ? { kind: 'source', source, order, filters: quickFilters }
      : { kind: 'search', text: searchText, sort: searchSort, order, filters: quickFilters };
  // With quick filters on, the message shown stays listed once read, until the selection moves on (Thunderbird).
  // The focused message stays listed while it is selected (alone, among others, or in select all), even
  // once it no longer passes the quick filters, so what is acted on is what is shown.
  const keptId = selection.focusId !== null && (selection.all || selection.ids.has(selection.focusId)) ? selection.focusId : null;
  const list = useMessageList(query, keptId);
  const current = findFolder(tree, source, t('folder.localFolders'));
  const role = searchText === '' ? (current?.folder.role ?? null) : null;
  // The threaded list (Conversations) replaces the flat one for folders; search results and quick filters stay flat.
  const threaded = settings.conversations && searchText === '' && quickFilters.length === 0 && role !== 'outbox' && role !== 'drafts';
  const conversations = useConversationList(source, threaded);
  const [threadSelection, setThreadSelection] = useState<ThreadedSelection>(NO_THREADED_SELECTION);
  const nameOf = useCallback((accountId: string) => accountNameOf(tree, accountId), [tree]);
  const providerAccounts = useProviderAccounts(tree);

  const focusedItem = selection.focus === null ? undefined : list.itemAt(selection.focus);
  const flatSingle = !selection.all && selection.ids.size === 1 && focusedItem !== undefined && focusedItem.id === selection.focusId ? focusedItem : undefined;
  const single = threaded ? (threadSelection.shown ?? undefined) : flatSingle;
  const count = threaded ? threadSelection.count : selectedCount(selection, list.total ?? 0);
  /** The message whose read and flag state a toggle flips for the whole selection. */
  const actedItem = threaded ? (threadSelection.focused ?? undefined) : focusedItem;

  // A new list (folder, search or order) starts with nothing selected.
  const listKey = JSON.stringify(query);
  useEffect(() => setSelection(EMPTY_SELECTION), [listKey]);

  // After a delete or move, the row that took the removed one's place is selected.
  useEffect(() => {
    const removed = reselect.current;
    if (removed === null || list.total === null) return;
    const index = rowAfterRemoval(selection.focus, list.total);
    if (index === null) {
      reselect.current = null;
      return;
    }
    const item = list.itemAt(index);
    // Until the refreshed rows arrive, the removed messages are still listed.
    if (item === undefined || removed.has(item.id)) return;
    reselect.current = null;
    setSelection(selectOnly(index, item.id));
  }, [list, list.version, list.total, selection.focus]);

  // Rows above the selected message came or went: the selection (and the reader) follows the message.
  useEffect(() => {
    if (reselect.current === null) setSelection((selected) => followFocus(selected, (index) => list.itemAt(index)?.id, list.indexOf));
  }, [list, list.version]);

  // Showing a message in the reader opens it: it is marked read once, at once or after the chosen delay (Ctrl+U on it then sticks).
  useMarkShownRead(single?.id ?? null, single !== undefined && !single.seen, settings.markReadAfterSeconds, (id) => void markRead([id]));

  // Unread mail in the window title ("(3) Mailbag") and new mail announced and notified.
  const unread = tree === null ? 0 : unifiedUnread(tree);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${APP_TITLE}` : APP_TITLE;
  }, [unread]);
  useEffect(() => () => void (document.title = APP_TITLE), []);
  useEffect(
    () =>
      bridge.on('newMail', ({ accountId, count: arrived }) => {
        const text = t('mail.newMailFor', { count: arrived, account: nameOf(accountId) });
        setAnnouncement(text);
        if (settings.notifications) notifyInBrowser(t('mail.newMailTitle'), text);
      }),
    [nameOf, settings.notifications, t],
  );

  const selectedIds = async (): Promise<number[]> =>
    threaded ? threadSelection.ids() : selection.all ? list.idsBetween(0, (list.total ?? 1) - 1) : [...selection.ids];

  const removeSelected = async (action: (ids: number[]) => Promise<string | null>): Promise<void> => {
    const ids = await selectedIds().catch(() => []);
    if (ids.length === 0) return;
    const failure = await action(ids);
    if (failure !== null) {
      setProblem(failure);
      return;
    }
    setProblem(null);
    reselect.current = new Set(ids);
    // The first removed row's place is where the next message now is.
    const places = ids.map((id) => list.indexOf(id)).filter((index) => index >= 0);
    const place = selection.all ? 0 : places.length > 0 ? Math.min(...places) : selection.focus;
    setSelection({ ...EMPTY_SELECTION, focus: place, anchor: place });
  };

  /** Sets read or flagged on these messages (undoably), the one way every toolbar button, key and menu does it. */
  const changeFlags = async (ids: number[], patch: FlagPatch): Promise<void> => {
    if (ids.length === 0) return;
    setProblem(await setFlagsUndoably(t, ids, patch));
  };
  /** Moves the selected messages to a folder (undoably), or copies them there with `copy`. */
  const moveSelected = (folder: { readonly id: number; readonly name: string }, copy = false): void => {
    if (copy) {
      void selectedIds()
        .catch(() => [])
        .then(async (ids) => (ids.length === 0 ? null : moveMessagesUndoably(t, ids, folder, true)))
        .then(setProblem);
      return;
    }
    void removeSelected((ids) => moveMessagesUndoably(t, ids, folder, false));
  };
  /**
   * A shown message read: not an action of its own in the undo history (as in Thunderbird and Outlook),
   * so Ctrl+Z after a move undoes the move, not the reading of the message that took its place.
   */
  const markRead = async (ids: number[]): Promise<void> => {
    if (ids.length === 0) return;
    const result = await bridge.setMessageFlags({ ids, seen: true });
    setProblem(result.ok ? null : result.error.message);
  };
  const setFlags = async (patch: FlagPatch): Promise<void> => changeFlags(await selectedIds().catch(() => []), patch);
  /** Puts a colour tag on the selection, or takes it off when the message acted on (`item`, else the focused one) has it. */
  const toggleTag = async (tag: MessageTag, item: MessageListItem | undefined = actedItem): Promise<void> => {
    const ids = await selectedIds().catch(() => []);
    if (ids.length === 0) return;
    const result = await bridge.setMessageTag(ids, tag, !(item?.tags.includes(tag) ?? false));
    setProblem(result.ok ? null : result.error.message);
  };
  const deleteSelected = async (): Promise<void> => {
    const trashIds = trashFolderIds(tree);
    const deleteNow = (): void => void removeSelected((ids) => deleteMessagesUndoably(t, ids, trashIds));
    const ids = await selectedIds().catch(() => []);
    const inTrash = role === 'trash' ? ids.length : ids.filter((id) => trashIds.has(list.itemAt(list.indexOf(id))?.folderId ?? -1)).length;
    if (inTrash === 0) deleteNow();
    else setDialog({ kind: 'confirm', question: permanentDeleteQuestion(t, inTrash, ids.length - inTrash), onConfirm: deleteNow });
  };

  const answer = (mode: 'reply' | 'replyAll' | 'forward'): void => {
    if (single !== undefined) navigation.openCompose({ kind: 'answer', messageId: single.id, mode });
  };

  const runCommand = (command: ToolbarCommand | MailCommand): void => {
    switch (command) {
      case 'new':
        navigation.openCompose(current === null || current.folder.accountId === null ? { kind: 'new' } : { kind: 'new', accountId: current.folder.accountId });
        return;
      case 'reply':
        answer('reply');
        return;
      case 'reply-all':
        answer('replyAll');
        return;
      case 'forward':
        answer('forward');
        return;
      case 'delete':
        void deleteSelected();
        return;
      case 'mark-read':
      case 'mark-unread':
      case 'toggle-read':
        if (count > 0) void setFlags({ seen: command === 'toggle-read' ? !(actedItem?.seen ?? false) : command === 'mark-read' });
        return;
      case 'toggle-flag':
        if (count > 0) void setFlags({ flagged: !(actedItem?.flagged ?? false) });
        return;
      case 'junk':
      case 'not-junk':
        // The junk filter learns from it; junk goes to its account's Junk folder, good mail leaves Junk.
        if (count > 0 && (command === 'junk') !== (role === 'junk'))
          void removeSelected(async (ids) => {
            const result = await bridge.markJunk(ids, command === 'junk');
            return result.ok ? null : result.error.message;
          });
        return;
      case 'move':
      case 'copy':
        if (count > 0) setDialog({ kind: 'move', copy: command === 'copy' });
        return;
      case 'undo':
        void windowUndo.undoLast(undoOutcomeWords(t)).then((failure) => failure !== null && setProblem(failure));
        return;
      case 'send-receive':
        askNotificationPermission(settings);
        void sendReceive.start().then((failure) => setProblem(failure === null ? null : failure.message));
        return;
      case 'cancel':
        sendReceive.cancel();
        return;
      case 'settings':
        navigation.show({ kind: 'settings' });
        return;
      case 'contacts':
        navigation.show({ kind: 'contacts' });
        return;
      case 'import':
        setDialog({ kind: 'import' });
        return;
      case 'search':
        searchBox.current?.focus();
        searchBox.current?.select();
        return;
    }
  };
  const commandRef = useRef(runCommand);
  commandRef.current = runCommand;
  const toggleTagRef = useRef(toggleTag);
  toggleTagRef.current = toggleTag;

  const composeOpen = navigation.compose !== null;
  // The application menu's and the tray's commands run as the window's own keys do (not over compose).
  useEffect(
    () =>
      bridge.on('windowCommand', (sent) => {
        if (composeOpen && sent.command !== 'new' && sent.command !== 'settings') return;
        if (sent.command !== 'mailto') commandRef.current(sent.command);
      }),
    [composeOpen],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (composeOpen || event.defaultPrevented) return;
      const command = commandForKey(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          shiftKey: event.shiftKey,
          altKey: event.altKey,
          typing: isTypingTarget(event.target),
        },
        settings.keyboardPreset,
      );
      if (command === null) return;
      event.preventDefault();
      commandRef.current(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [composeOpen, settings.keyboardPreset]);

  const onOpen = (item: MessageListItem): void => {
    if (role === 'drafts') navigation.openCompose({ kind: 'draft', draftId: item.id });
    else void openMessageWindow(item.id).then((failure) => failure !== null && setProblem(failure));
  };
  const onSelectFolder = (next: MailSource): void => {
    setSource(next);
  };
  const onEmptyTrash = (accountId: string): void => {
    const account = tree?.accounts.find((candidate) => candidate.accountId === accountId);
    const trashCount = account?.folders.find((folder) => folder.role === 'trash')?.total ?? 0;
    if (account === undefined || trashCount === 0) return;
    setDialog({
      kind: 'confirm',
      question: emptyTrashQuestion(t, trashCount, account.accountName),
      onConfirm: () => void bridge.emptyTrash({ accountId }).then((result) => setProblem(result.ok ? null : result.error.message)),
    });
  };
  const onSearch = useCallback((text: string) => setSearchText(text), []);
  const report = (failure: string | null): void => setProblem(failure);
  const onMessageMenu = (point: MenuPoint, _index: number, item: MessageListItem): void => {
    const junk = item.accountId === null ? undefined : (folderWithRole(tree, item.accountId, 'junk') ?? undefined);
    const many = selection.all || (selection.ids.has(item.id) && selection.ids.size > 1);
    const entries = messageMenuEntries(
      item,
      { t, many, draft: role === 'drafts', canJunk: junk !== undefined && junk.id !== item.folderId, inJunk: junk !== undefined && junk.id === item.folderId },
      {
        // The row may have just been selected by the right-click: commands run with the selection of the moment they are chosen.
        run: (command) => commandRef.current(command),
        openWindow: (chosen) => onOpen(chosen),
        viewSource: (chosen) => setDialog({ kind: 'source', item: chosen }),
        saveEml: (chosen) => void saveAsEml(chosen.id, chosen.subject).then(report),
        // Several selected: the selection as it was when the menu opened; otherwise the row right-clicked.
        exportSelection: () =>
          void (many ? selectedIds() : Promise.resolve([item.id])).then(
            (ids) => ids.length > 0 && setDialog({ kind: 'export', target: { kind: 'messages', ids } }),
          ),
        toggleTag: (tag) => void toggleTagRef.current(tag, item),
        createRule: (chosen) => void rulePrefillFromStoredMessage(chosen).then((newRule) => navigation.show({ kind: 'settings', section: 'rules', newRule })),
      },
    );
    contextMenu.show({ label: t('mail.messageActions'), point, entries });
  };
  const onFolderMenu = (point: MenuPoint, folder: TreeFolderView): void =>
    contextMenu.show({
      label: t('mail.folderActions', { folder: folderDisplayName(t, folder) }),
      point,
      entries: folderMenuEntries(t, folder, {
        open: (chosen) => onSelectFolder({ kind: 'folder', folderId: chosen.id }),
        markRead: (chosen) => void markFolderRead(chosen.id).then(report),
        newFolder: (parent) => askNewFolder(parent.accountId, parent),
        rename: askRename,
        remove: askDeleteFolder,
        emptyTrash: onEmptyTrash,
        accountSettings: (accountId) => navigation.show({ kind: 'account-setup', accountId }),
        serverMailbox: (accountId) => navigation.show({ kind: 'server-mailbox', accountId }),
        exportFolder: (chosen) => setDialog({ kind: 'export', target: { kind: 'folder', folderId: chosen.id, name: folderDisplayName(t, chosen) } }),
      }),
    });

  const moveAccount = single?.accountId ?? current?.folder.accountId ?? focusedItem?.accountId;
  // The accounts of the selected messages (as far as they are loaded): a folder of an account takes only its own mail.
  const selectedAccounts = (): Set<string | null> => {
    if (threaded) return new Set(threadSelection.accounts);
    const known = selection.all ? [] : [...selection.ids].flatMap((id) => list.itemAt(list.indexOf(id)) ?? []);
    if (known.length > 0) return new Set(known.map((item) => item.accountId));
    return new Set(moveAccount === undefined ? [] : [moveAccount]);
  };
  // Not where the list or the message already is (the unified Inbox lists Inbox messages).
  const moveHere = current?.folder.id ?? focusedItem?.folderId ?? null;
  const moveTargets = (): FolderTarget[] => (tree === null ? [] : folderTargets(tree, selectedAccounts(), moveHere, t));

  const folderEditing = useFolderEditing({
    tree,
    shown: current?.folder ?? null,
    nameOf,
    show: setSource,
    report: setProblem,
    announce: setAnnouncement,
  });
  const askNewFolder = folderEditing.newFolder;
  const askRename = folderEditing.rename;
  const askDeleteFolder = folderEditing.remove;
  /** What a drag of messages carries: their accounts and the folder they come from (not a drop target). */
  const dragging = useRef<{ readonly accounts: ReadonlySet<string | null>; readonly from: number | null } | null>(null);
  const paneActions: FolderPaneActions = {
    onSelect: (next) => onSelectFolder(next),
    onFolderMenu,
    headingEntries: (accountId) =>
      accountId === null
        ? [{ label: t('folder.new'), onSelect: () => askNewFolder(null, null) }]
        : [
            { label: t('folder.new'), onSelect: () => askNewFolder(accountId, null) },
            { label: t('folder.serverMailbox'), onSelect: () => navigation.show({ kind: 'server-mailbox', accountId }) },
            { label: t('folder.accountSettings'), onSelect: () => navigation.show({ kind: 'account-setup', accountId }) },
            { label: t('folder.emptyTrash'), onSelect: () => onEmptyTrash(accountId), disabled: (folderWithRole(tree, accountId, 'trash')?.total ?? 0) === 0 },
          ],
    onRename: askRename,
    onDelete: askDeleteFolder,
    canDrop: (folder) => {
      const drag = dragging.current;
      if (drag === null || folder.role === 'outbox' || folder.role === 'drafts' || folder.id === drag.from) return false;
      return folder.accountId === null || [...drag.accounts].every((accountId) => accountId === folder.accountId);
    },
    onDrop: (folder, copy) => {
      dragging.current = null;
      moveSelected({ id: folder.id, name: folderDisplayName(t, folder) }, copy);
    },
  };
  const onDrag = (item: MessageListItem, withSelection: boolean): void => {
    const accounts = withSelection ? selectedAccounts() : new Set([item.accountId]);
    dragging.current = { accounts: accounts.size === 0 ? new Set([item.accountId]) : accounts, from: current?.folder.id ?? item.folderId };
  };

  const total = list.total;
  const listName =
    searchText !== ''
      ? t('mail.searchResults')
      : current === null
        ? t('mail.unifiedInbox')
        : t('mail.folderOfAccount', { folder: folderDisplayName(t, current.folder), account: current.accountName });
  const summary =
    (tree === null ? info.accountCount : tree.accounts.length) === 0
      ? t('mail.noAccounts')
      : total === null
        ? t('mail.loadingList', { list: listName })
        : list.syntaxError !== null
          ? t('search.mistake', { problem: list.syntaxError })
          : searchText !== ''
            ? searchSummary(t, searchText, list.found ?? total, total, searchSort)
            : t(count > 1 ? 'mail.summarySelected' : 'mail.summary', {
                list: listName,
                total,
                unread: current === null ? unread : current.folder.unread,
                selected: count,
              });
  const emptyText =
    list.syntaxError !== null
      ? t('search.correctIt')
      : searchText !== ''
        ? t('search.noMatch')
        : quickFilters.length > 0
          ? t('mail.noneFiltered')
          : t('mail.emptyFolder');

  return (
    <div className="main-window mail-window">
      <MailToolbar
        ref={searchBox}
        canAnswer={single !== undefined && role !== 'drafts'}
        canDelete={count > 0}
        marks={count > 0 && actedItem !== undefined ? { seen: actedItem.seen, flagged: actedItem.flagged } : null}
        tags={count > 0 && actedItem !== undefined ? actedItem.tags : null}
        onTag={(tag) => void toggleTag(tag)}
        junkCommand={role === 'junk' ? 'not-junk' : 'junk'}
        running={isRunning(sendReceive.state)}
        onCommand={runCommand}
        onSearch={onSearch}
        searchError={list.syntaxError}
      />
      <div className="window-notices">
        <SendReceiveProgress state={sendReceive.state} nameOf={nameOf} />
        <OutboxNotice
          onOpen={(accountId) => {
            const outbox = folderWithRole(tree, accountId, 'outbox');
            if (outbox !== null) setSource({ kind: 'folder', folderId: outbox.id });
          }}
        />
        <UndoToast onUndone={(failure) => failure !== null && setProblem(failure)} />
      </div>
      <div className="panes mail-panes" ref={panes} style={layout.style}>
        <FolderPane tree={tree} error={treeError} source={source} actions={paneActions} />
        <PaneSeparator {...layout.separator('folders')} />
        {role === 'outbox' && current !== null ? (
          <section className="pane list-pane" aria-label={t('mail.outbox')}>
            <OutboxView
              accountId={current.folder.accountId ?? ''}
              onEnterPassword={(accountId, reason) => passwordPrompt.open(accountId, reason, 'smtp')}
              providerAccounts={providerAccounts}
            />
          </section>
        ) : (
          <section className="pane list-pane" aria-label={t('mail.messages')}>
            <div className="list-heading">
              <h2 className="pane-title list-title">{listName}</h2>
              <ConversationsToggle on={settings.conversations} />
            </div>
            <QuickFilterBar filters={quickFilters} onChange={setQuickFilters} />
            {searchText !== '' && (
              <label className="search-sort">
                {t('search.sortBy')}
                <select value={searchSort} onChange={(event) => setSearchSort(event.target.value === 'relevance' ? 'relevance' : 'date')}>
                  <option value="date">{t('search.sortDate')}</option>
                  <option value="relevance">{t('search.sortRelevance')}</option>
                </select>
              </label>
            )}
            {threaded ? (
              <ConversationGrid key={JSON.stringify(source)} list={conversations} onSelection={setThreadSelection} onOpen={onOpen} onDrag={onDrag} />
            ) : (
              <MessageGrid
                list={list}
                order={order}
                onOrder={(sort: SortKey) => setOrder((currentOrder) => nextOrder(currentOrder, sort))}
                selection={selection}
                onSelection={setSelection}
                onOpen={onOpen}
                showRecipients={role === 'sent' || role === 'drafts'}
                onMenu={onMessageMenu}
                onDrag={onDrag}
              />
            )}
            {(threaded ? conversations.total : total) === 0 && <p className="grid-empty empty">{emptyText}</p>}
            {list.error !== null && (
              <p className="pane-error" role="alert">
                {list.error}
                <button type="button" onClick={list.refresh}>
                  {t('common.tryAgain')}
                </button>
              </p>
            )}
          </section>
        )}
        <PaneSeparator {...layout.separator('list')} />
        <ReaderPane messageId={role === 'outbox' ? null : (single?.id ?? null)} />
      </div>
      <StatusLine
        summary={summary}
        state={sendReceive.state}
        nameOf={nameOf}
        announcement={announcement}
        problem={problem}
        onEnterPassword={passwordPrompt.open}
        providerAccounts={providerAccounts}
      />
      {contextMenu.element}
      {dialog?.kind === 'source' && <SourceDialog messageId={dialog.item.id} subject={dialog.item.subject} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import' && <ImportWizard tree={tree} initialFolderId={current?.folder.id ?? null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'export' && <ExportDialog target={dialog.target} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'move' && (
        <MoveDialog
          count={count}
          copy={dialog.copy}
          targets={moveTargets()}
          onCancel={() => setDialog(null)}
          onChoose={(target) => {
            setDialog(null);
            moveSelected({ id: target.folder.id, name: target.label }, dialog.copy);
          }}
        />
      )}
      {folderEditing.element}
      {dialog?.kind === 'confirm' && (
        <ConfirmDialog
          question={dialog.question}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            dialog.onConfirm();
          }}
        />
      )}
      {passwordPrompt.current !== null && (
        <PasswordDialog
          key={passwordPrompt.current.accountId}
          accountId={passwordPrompt.current.accountId}
          reason={passwordPrompt.current.reason}
          protocol={passwordPrompt.current.protocol}
          name={nameOf(passwordPrompt.current.accountId)}
          onCancel={passwordPrompt.close}
          onSettings={(accountId) => {
            passwordPrompt.close();
            navigation.show({ kind: 'account-setup', accountId });
          }}
          onSignedIn={(accountId) => {
            passwordPrompt.close();
            // The run the password was asked for, now with it.
            void sendReceive.start(accountId).then((failure) => setProblem(failure === null ? null : failure.message));
          }}
        />
      )}
    </div>
  );
}
