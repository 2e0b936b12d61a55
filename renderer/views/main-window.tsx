import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { FolderView, MessageListItem, SearchSortName } from '../../shared/mail';
import type { Settings } from '../../shared/settings';
import { bridge } from '../bridge';
import { EMPTY_SELECTION, rowAfterRemoval, selectOnly, selectedCount, type ListSelection } from '../state/list-selection';
import { accountNameOf, findFolder, folderWithRole, orderFolders, useFolderTree, type MailSource } from '../state/mail-folders';
import { useConversationList } from '../state/conversation-list';
import { ConversationGrid } from './mail/conversation-grid';
import { ConversationsToggle } from './mail/conversations-toggle';
import { nextOrder, useMessageList, type ListOrder, type ListQuery, type SortKey } from '../state/mail-list';
import { useNavigation } from '../state/navigation';
import { useSendReceive, isRunning } from '../state/send-receive';
import { emptyTrashQuestion, permanentDeleteQuestion, type DeleteQuestion } from '../state/permanent-delete';
import { commandForKey, isTypingTarget, type MailCommand } from '../state/shortcuts';
import { OutboxView } from './compose/outbox-view';
import { useContextMenu, type MenuPoint } from '../components/context-menu';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FolderPane } from './mail/folder-pane';
import { MailToolbar, type ToolbarCommand } from './mail/mail-toolbar';
import { folderMenuEntries, markFolderRead, messageMenuEntries } from './mail/mail-menus';
import { MessageGrid } from './mail/message-list';
import { MoveDialog } from './mail/move-dialog';
import { PaneSeparator, usePaneLayout } from './mail/pane-layout';
import { OutboxNotice } from './mail/outbox-notice';
import { PasswordDialog, usePasswordPrompt } from './mail/password-dialog';
import { SendReceiveProgress, StatusLine } from './mail/status-line';
import { openMessageWindow, saveAsEml } from './reader/raw-source';
import { SourceDialog } from './reader/source-dialog';
import { ReaderPane } from './reader/reader-pane';
import './mail/mail.css';

/** The window title without unread mail. */
const APP_TITLE = 'Mailbag';
/** The list's order until the user clicks a column: newest first. */
const DEFAULT_ORDER: ListOrder = { sort: 'date', direction: 'desc' };

/** A question the window asks over itself: where to move, or whether to delete for good. */
type WindowDialog =
  | { readonly kind: 'move' }
  | { readonly kind: 'confirm'; readonly question: DeleteQuestion; readonly onConfirm: () => void }
  | { readonly kind: 'source'; readonly item: MessageListItem };

/** Shows a desktop notification in a browser; Electron's main process shows its own instead. */
function notifyInBrowser(body: string): void {
  if (window.mailbag !== undefined || !('Notification' in window) || Notification.permission !== 'granted') return;
  new Notification('New mail', { body, tag: 'mailbag-new-mail' });
}

/** Asks for notification permission, once and only from a user's action (browsers require a gesture). */
function askNotificationPermission(settings: Settings): void {
  if (!settings.notifications || window.mailbag !== undefined || !('Notification' in window)) return;
  if (Notification.permission === 'default') void Notification.requestPermission();
}

/** The status line of a search: how many match, and which of them the list shows. */
function searchSummary(text: string, found: number, shown: number, sort: SearchSortName): string {
  const count = found === 1 ? '1 message' : `${found} messages`;
  const part = found > shown ? ` (the ${shown} ${sort === 'relevance' ? 'best matches' : 'most recent'} shown)` : '';
  return `${count} found for “${text}”${part}.`;
}

/**
 * The three-pane mail window: folders, the message list and the reader under the toolbar, with
 * Send/Receive progress and the status line below. Keyboard shortcuts follow the keyboard preset
 * (Outlook's) and never fire while typing or while compose is open.
 */
export function MainWindow(props: { readonly info: AppInfo; readonly settings: Settings; readonly onAppearance: (value: Settings['appearance']) => void }) {
  const { info, settings } = props;
  const navigation = useNavigation();
  const { tree, error: treeError } = useFolderTree();
  const [source, setSource] = useState<MailSource>({ kind: 'unified-inbox' });
  const [order, setOrder] = useState<ListOrder>(DEFAULT_ORDER);
  const [searchText, setSearchText] = useState('');
  const [searchSort, setSearchSort] = useState<SearchSortName>('date');
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

  const query: ListQuery = searchText === '' ? { kind: 'source', source, order } : { kind: 'search', text: searchText, sort: searchSort, order };
  const list = useMessageList(query);
  const current = findFolder(tree, source);
  const role = searchText === '' ? (current?.folder.role ?? null) : null;
  // The threaded list (Conversations) replaces the flat one for folders; search results stay flat.
  const threaded = settings.conversations && searchText === '' && role !== 'outbox' && role !== 'drafts';
  const conversations = useConversationList(source, threaded);
  const [threadItem, setThreadItem] = useState<MessageListItem | null>(null);
  const nameOf = useCallback((accountId: string) => accountNameOf(tree, accountId), [tree]);

  const focusedItem = selection.focus === null ? undefined : list.itemAt(selection.focus);
  const flatSingle = !selection.all && selection.ids.size === 1 && focusedItem !== undefined && focusedItem.id === selection.focusId ? focusedItem : undefined;
  const single = threaded ? (threadItem ?? undefined) : flatSingle;
  const count = threaded ? (threadItem === null ? 0 : 1) : selectedCount(selection, list.total ?? 0);

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

  // Showing a message in the reader opens it: it is marked read, once (Ctrl+U on it then sticks).
  const shownId = single?.id ?? null;
  const shownUnread = single !== undefined && !single.seen;
  const markedShown = useRef<number | null>(null);
  useEffect(() => {
    if (shownId === markedShown.current) return;
    markedShown.current = shownId;
    if (shownId === null || !shownUnread) return;
    void bridge.setMessageFlags({ ids: [shownId], seen: true });
  }, [shownId, shownUnread]);

  // Unread mail in the window title ("(3) Mailbag") and new mail announced and notified.
  const unread = tree?.unifiedInbox.unread ?? 0;
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${APP_TITLE}` : APP_TITLE;
  }, [unread]);
  useEffect(() => () => void (document.title = APP_TITLE), []);
  useEffect(
    () =>
      bridge.on('newMail', ({ accountId, count: arrived }) => {
        const text = `${arrived === 1 ? '1 new message' : `${arrived} new messages`} for ${nameOf(accountId)}.`;
        setAnnouncement(text);
        if (settings.notifications) notifyInBrowser(text);
      }),
    [nameOf, settings.notifications],
  );

  const selectedIds = async (): Promise<number[]> =>
    threaded ? (threadItem === null ? [] : [threadItem.id]) : selection.all ? list.idsBetween(0, (list.total ?? 1) - 1) : [...selection.ids];

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

  const setFlags = async (patch: { seen?: boolean; flagged?: boolean }): Promise<void> => {
    const ids = await selectedIds().catch(() => []);
    if (ids.length === 0) return;
    const result = await bridge.setMessageFlags({ ids, ...patch });
    setProblem(result.ok ? null : result.error.message);
  };
  const moveSelected = (folderId: number): void =>
    void removeSelected(async (ids) => {
      const result = await bridge.moveMessages(ids, folderId);
      return result.ok ? null : result.error.message;
    });
  const deleteSelected = async (): Promise<void> => {
    const deleteNow = (): void =>
      void removeSelected(async (ids) => {
        const result = await bridge.deleteMessages(ids);
        return result.ok ? null : result.error.message;
      });
    const ids = await selectedIds().catch(() => []);
    const trashIds = new Set(tree?.accounts.flatMap((account) => account.folders.filter((folder) => folder.role === 'trash').map((folder) => folder.id)) ?? []);
    const inTrash = role === 'trash' ? ids.length : ids.filter((id) => trashIds.has(list.itemAt(list.indexOf(id))?.folderId ?? -1)).length;
    if (inTrash === 0) deleteNow();
    else setDialog({ kind: 'confirm', question: permanentDeleteQuestion(inTrash, ids.length - inTrash), onConfirm: deleteNow });
  };

  const answer = (mode: 'reply' | 'replyAll' | 'forward'): void => {
    if (single !== undefined) navigation.openCompose({ kind: 'answer', messageId: single.id, mode });
  };

  const runCommand = (command: ToolbarCommand | MailCommand): void => {
    switch (command) {
      case 'new':
        navigation.openCompose(current === null ? { kind: 'new' } : { kind: 'new', accountId: current.folder.accountId });
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
        if (count > 0) void setFlags({ seen: command === 'toggle-read' ? !(focusedItem?.seen ?? false) : command === 'mark-read' });
        return;
      case 'toggle-flag':
        if (count > 0) void setFlags({ flagged: !(focusedItem?.flagged ?? false) });
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
        if (count > 0) setDialog({ kind: 'move' });
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
      case 'search':
        searchBox.current?.focus();
        searchBox.current?.select();
        return;
    }
  };
  const commandRef = useRef(runCommand);
  commandRef.current = runCommand;

  const composeOpen = navigation.compose !== null;
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
      question: emptyTrashQuestion(trashCount, account.accountName),
      onConfirm: () => void bridge.emptyTrash({ accountId }).then((result) => setProblem(result.ok ? null : result.error.message)),
    });
  };
  const onSearch = useCallback((text: string) => setSearchText(text), []);
  const report = (failure: string | null): void => setProblem(failure);
  const onMessageMenu = (point: MenuPoint, _index: number, item: MessageListItem): void => {
    const junk = tree?.accounts.find((account) => account.accountId === item.accountId)?.folders.find((folder) => folder.role === 'junk');
    const many = selection.all || (selection.ids.has(item.id) && selection.ids.size > 1);
    const entries = messageMenuEntries(
      item,
      { many, draft: role === 'drafts', canJunk: junk !== undefined && junk.id !== item.folderId, inJunk: junk !== undefined && junk.id === item.folderId },
      {
        // The row may have just been selected by the right-click: commands run with the selection of the moment they are chosen.
        run: (command) => commandRef.current(command),
        openWindow: (chosen) => onOpen(chosen),
        viewSource: (chosen) => setDialog({ kind: 'source', item: chosen }),
        saveEml: (chosen) => void saveAsEml(chosen.id, chosen.subject).then(report),
      },
    );
    contextMenu.show({ label: 'Message actions', point, entries });
  };
  const onFolderMenu = (point: MenuPoint, folder: FolderView): void =>
    contextMenu.show({
      label: `Actions for ${folder.name}`,
      point,
      entries: folderMenuEntries(folder, {
        open: (chosen) => onSelectFolder({ kind: 'folder', folderId: chosen.id }),
        markRead: (chosen) => void markFolderRead(chosen.id).then(report),
        emptyTrash: onEmptyTrash,
        accountSettings: (accountId) => navigation.show({ kind: 'account-setup', accountId }),
        serverMailbox: (accountId) => navigation.show({ kind: 'server-mailbox', accountId }),
      }),
    });

  const moveAccount = single?.accountId ?? current?.folder.accountId ?? focusedItem?.accountId;
  const moveTargets = useMemo(() => {
    const account = tree?.accounts.find((candidate) => candidate.accountId === moveAccount);
    if (account === undefined) return [];
    // Not where the list or the message already is (the unified Inbox lists Inbox messages).
    const here = current?.folder.id ?? focusedItem?.folderId;
    return orderFolders(account.folders).filter((folder) => folder.role !== 'outbox' && folder.role !== 'drafts' && folder.id !== here);
  }, [tree, moveAccount, current?.folder.id, focusedItem?.folderId]);

  const total = list.total;
  const listName = searchText !== '' ? 'Search results' : current === null ? 'Inbox (all accounts)' : `${current.folder.name} (${current.accountName})`;
  const summary =
    (tree === null ? info.accountCount : tree.accounts.length) === 0
      ? '0 accounts: add one to receive mail.'
      : total === null
        ? `${listName}: loading…`
        : list.syntaxError !== null
          ? `The search has a mistake: ${list.syntaxError}.`
          : searchText !== ''
            ? searchSummary(searchText, list.found ?? total, total, searchSort)
            : `${listName}: ${total === 1 ? '1 message' : `${total} messages`}, ${current === null ? unread : current.folder.unread} unread${count > 1 ? `, ${count} selected` : ''}.`;
  const emptyText =
    list.syntaxError !== null ? 'Correct the search to see results.' : searchText !== '' ? 'No message matches this search.' : 'No messages in this folder.';

  return (
    <div className="main-window mail-window">
      <MailToolbar
        ref={searchBox}
        canAnswer={single !== undefined && role !== 'drafts'}
        canDelete={count > 0}
        junkCommand={role === 'junk' ? 'not-junk' : 'junk'}
        running={isRunning(sendReceive.state)}
        moveTargets={moveTargets}
        onCommand={runCommand}
        onMove={moveSelected}
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
      </div>
      <div className="panes mail-panes" ref={panes} style={layout.style}>
        <FolderPane tree={tree} error={treeError} source={source} onSelect={onSelectFolder} onEmptyTrash={onEmptyTrash} onFolderMenu={onFolderMenu} />
        <PaneSeparator {...layout.separator('folders')} />
        {role === 'outbox' && current !== null ? (
          <section className="pane list-pane" aria-label="Outbox">
            <OutboxView accountId={current.folder.accountId} onEnterPassword={(accountId, reason) => passwordPrompt.open(accountId, reason, 'smtp')} />
          </section>
        ) : (
          <section className="pane list-pane" aria-label="Messages">
            <div className="list-heading">
              <h2 className="pane-title list-title">{listName}</h2>
              <ConversationsToggle on={settings.conversations} />
            </div>
            {searchText !== '' && (
              <label className="search-sort">
                Sort results by{' '}
                <select value={searchSort} onChange={(event) => setSearchSort(event.target.value === 'relevance' ? 'relevance' : 'date')}>
                  <option value="date">Date</option>
                  <option value="relevance">Relevance</option>
                </select>
              </label>
            )}
            {threaded ? (
              <ConversationGrid key={JSON.stringify(source)} list={conversations} onShow={setThreadItem} onOpen={onOpen} />
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
              />
            )}
            {(threaded ? conversations.total : total) === 0 && <p className="grid-empty empty">{emptyText}</p>}
            {list.error !== null && (
              <p className="pane-error" role="alert">
                {list.error}{' '}
                <button type="button" onClick={list.refresh}>
                  Try again
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
      />
      {contextMenu.element}
      {dialog?.kind === 'source' && <SourceDialog messageId={dialog.item.id} subject={dialog.item.subject} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'move' && (
        <MoveDialog
          count={count}
          folders={moveTargets}
          onCancel={() => setDialog(null)}
          onMove={(folderId) => {
            setDialog(null);
            moveSelected(folderId);
          }}
        />
      )}
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
