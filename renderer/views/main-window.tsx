import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { MessageListItem } from '../../shared/mail';
import type { Settings } from '../../shared/settings';
import { bridge } from '../bridge';
import { EMPTY_SELECTION, rowAfterRemoval, selectOnly, selectedCount, type ListSelection } from '../state/list-selection';
import { accountNameOf, findFolder, folderWithRole, orderFolders, useFolderTree, type MailSource } from '../state/mail-folders';
import { nextOrder, useMessageList, type ListOrder, type ListQuery, type SortKey } from '../state/mail-list';
import { useNavigation } from '../state/navigation';
import { useSendReceive, isRunning } from '../state/send-receive';
import { commandForKey, isTypingTarget } from '../state/shortcuts';
import { OutboxView } from './compose/outbox-view';
import { FolderPane } from './mail/folder-pane';
import { MailToolbar, type ToolbarCommand } from './mail/mail-toolbar';
import { MessageGrid } from './mail/message-list';
import { OutboxNotice } from './mail/outbox-notice';
import { PasswordDialog, usePasswordPrompt } from './mail/password-dialog';
import { SendReceiveProgress, StatusLine } from './mail/status-line';
import { ReaderPane } from './reader/reader-pane';
import './mail/mail.css';

/** The window title without unread mail. */
const APP_TITLE = 'Mailbag';
/** The list's order until the user clicks a column: newest first. */
const DEFAULT_ORDER: ListOrder = { sort: 'date', direction: 'desc' };

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
  const [selection, setSelection] = useState<ListSelection>(EMPTY_SELECTION);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const sendReceive = useSendReceive();
  const passwordPrompt = usePasswordPrompt(sendReceive.state);
  const searchBox = useRef<HTMLInputElement>(null);
  /** Messages just deleted or moved away: the next row that is none of them gets selected. */
  const reselect = useRef<ReadonlySet<number> | null>(null);

  const query: ListQuery = searchText === '' ? { kind: 'source', source, order } : { kind: 'search', text: searchText, order };
  const list = useMessageList(query);
  const current = findFolder(tree, source);
  const role = searchText === '' ? (current?.folder.role ?? null) : null;
  const nameOf = useCallback((accountId: string) => accountNameOf(tree, accountId), [tree]);

  const focusedItem = selection.focus === null ? undefined : list.itemAt(selection.focus);
  const single = !selection.all && selection.ids.size === 1 && focusedItem !== undefined && focusedItem.id === selection.focusId ? focusedItem : undefined;
  const count = selectedCount(selection, list.total ?? 0);

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

  // Showing a message in the reader opens it: it is marked read.
  const shownId = single?.id ?? null;
  const shownUnread = single !== undefined && !single.seen;
  useEffect(() => {
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

  const selectedIds = async (): Promise<number[]> => (selection.all ? list.idsBetween(0, (list.total ?? 1) - 1) : [...selection.ids]);

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

  const answer = (mode: 'reply' | 'replyAll' | 'forward'): void => {
    if (single !== undefined) navigation.openCompose({ kind: 'answer', messageId: single.id, mode });
  };

  const runCommand = (command: ToolbarCommand | 'search'): void => {
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
        void removeSelected(async (ids) => {
          const result = await bridge.deleteMessages(ids);
          return result.ok ? null : result.error.message;
        });
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
        { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, altKey: event.altKey, typing: isTypingTarget(event.target) },
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
  };
  const onSelectFolder = (next: MailSource): void => {
    setSource(next);
  };
  const onEmptyTrash = (accountId: string): void => {
    void bridge.emptyTrash({ accountId }).then((result) => setProblem(result.ok ? null : result.error.message));
  };
  const onSearch = useCallback((text: string) => setSearchText(text), []);

  const moveAccount = single?.accountId ?? current?.folder.accountId ?? focusedItem?.accountId;
  const moveTargets = useMemo(() => {
    const account = tree?.accounts.find((candidate) => candidate.accountId === moveAccount);
    if (account === undefined) return [];
    return orderFolders(account.folders).filter((folder) => folder.role !== 'outbox' && folder.role !== 'drafts' && folder.id !== current?.folder.id);
  }, [tree, moveAccount, current?.folder.id]);

  const total = list.total;
  const listName = searchText !== '' ? 'Search results' : current === null ? 'Inbox (all accounts)' : `${current.folder.name} (${current.accountName})`;
  const summary =
    (tree === null ? info.accountCount : tree.accounts.length) === 0
      ? '0 accounts: add one to receive mail.'
      : total === null
        ? `${listName}: loading…`
        : searchText !== ''
          ? `${total === 1 ? '1 message' : `${total} messages`} found for “${searchText}”${total >= 500 ? ' (the 500 most recent)' : ''}.`
          : `${listName}: ${total === 1 ? '1 message' : `${total} messages`}, ${current === null ? unread : current.folder.unread} unread${count > 1 ? `, ${count} selected` : ''}.`;
  const emptyText = searchText !== '' ? 'No message matches this search.' : 'No messages in this folder.';

  return (
    <div className="main-window mail-window">
      <MailToolbar
        ref={searchBox}
        canAnswer={single !== undefined && role !== 'drafts'}
        canDelete={count > 0}
        running={isRunning(sendReceive.state)}
        moveTargets={moveTargets}
        onCommand={runCommand}
        onMove={(folderId) =>
          void removeSelected(async (ids) => {
            const result = await bridge.moveMessages(ids, folderId);
            return result.ok ? null : result.error.message;
          })
        }
        onSearch={onSearch}
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
      <div className="panes mail-panes">
        <FolderPane tree={tree} error={treeError} source={source} onSelect={onSelectFolder} onEmptyTrash={onEmptyTrash} />
        {role === 'outbox' && current !== null ? (
          <section className="pane list-pane" aria-label="Outbox">
            <OutboxView accountId={current.folder.accountId} onEnterPassword={(accountId, reason) => passwordPrompt.open(accountId, reason, 'smtp')} />
          </section>
        ) : (
          <section className="pane list-pane" aria-label="Messages">
            <h2 className="pane-title list-title">{listName}</h2>
            <MessageGrid
              list={list}
              order={order}
              onOrder={(sort: SortKey) => setOrder((currentOrder) => nextOrder(currentOrder, sort))}
              selection={selection}
              onSelection={setSelection}
              onOpen={onOpen}
              showRecipients={role === 'sent' || role === 'drafts'}
            />
            {total === 0 && <p className="grid-empty empty">{emptyText}</p>}
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
        <ReaderPane messageId={role === 'outbox' ? null : (single?.id ?? null)} />
      </div>
      <StatusLine summary={summary} state={sendReceive.state} nameOf={nameOf} announcement={announcement} problem={problem} onEnterPassword={passwordPrompt.open} />
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
