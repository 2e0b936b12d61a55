import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { FolderRoleName, FolderTree, FolderView } from '../../../shared/mail';
import { useNavigation } from '../../state/navigation';
import { orderFolders, type MailSource } from '../../state/mail-folders';
import { pointOf, type MenuPoint } from '../../components/context-menu';
import { MenuButton } from '../../components/menu-button';

/** Height of one tree row in pixels (mail.css --tree-row), so the account buttons line up with their rows. */
const TREE_ROW_PX = 30;

/** The symbol beside a folder, by its role; the Inbox of all accounts has the Inbox's. */
const FOLDER_ICONS: Readonly<Record<FolderRoleName | 'unified', string>> = {
  unified: '⌂',
  inbox: '⌂',
  drafts: '✎',
  outbox: '⇪',
  sent: '➤',
  trash: '✕',
  junk: '⚠',
};
/** The symbol beside a folder the user made. */
const USER_FOLDER_ICON = '▭';

type TreeRow =
  | { readonly key: string; readonly kind: 'unified'; readonly unread: number }
  | { readonly key: string; readonly kind: 'account'; readonly accountId: string; readonly name: string; readonly expanded: boolean }
  | { readonly key: string; readonly kind: 'folder'; readonly accountId: string; readonly folder: FolderView };

function rowsOf(tree: FolderTree, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [{ key: 'unified', kind: 'unified', unread: tree.unifiedInbox.unread }];
  for (const account of tree.accounts) {
    const expanded = !collapsed.has(account.accountId);
    rows.push({ key: `account:${account.accountId}`, kind: 'account', accountId: account.accountId, name: account.accountName, expanded });
    if (!expanded) continue;
    for (const folder of orderFolders(account.folders)) rows.push({ key: `folder:${folder.id}`, kind: 'folder', accountId: account.accountId, folder });
  }
  return rows;
}

function keyOfSource(source: MailSource): string {
  return source.kind === 'unified-inbox' ? 'unified' : `folder:${source.folderId}`;
}

/**
 * The folder pane: the unified Inbox, then each account with its folders and unread counts, as an
 * ARIA tree (arrows move and choose, Right and Left open and close an account, Shift+F10 or the
 * context-menu key open the account's actions). The account action buttons sit beside the tree, not
 * inside it, so every tree item stays a single control.
 */
export function FolderPane(props: {
  readonly tree: FolderTree | null;
  readonly error: string | null;
  readonly source: MailSource;
  readonly onSelect: (source: MailSource) => void;
  readonly onEmptyTrash: (accountId: string) => void;
  /** Right-click, Shift+F10 or the context-menu key on a folder: the window shows the folder's actions. */
  readonly onFolderMenu?: (point: MenuPoint, folder: FolderView) => void;
}) {
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string>(keyOfSource(props.source));
  const [menuSignal, setMenuSignal] = useState<Readonly<Record<string, number>>>({});
  const items = useRef(new Map<string, HTMLLIElement>());
  const treeId = useId().replace(/:/g, '');
  const focusWanted = useRef(false);

  const rows = props.tree === null ? [] : rowsOf(props.tree, collapsed);
  const selectedKey = keyOfSource(props.source);
  const activeKey = rows.some((row) => row.key === focusKey) ? focusKey : selectedKey;

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    items.current.get(activeKey)?.focus();
  }, [activeKey, rows.length]);

  const choose = (row: TreeRow): void => {
    if (row.kind === 'unified') props.onSelect({ kind: 'unified-inbox' });
    else if (row.kind === 'folder') props.onSelect({ kind: 'folder', folderId: row.folder.id });
  };
  const moveTo = (row: TreeRow | undefined): void => {
    if (row === undefined) return;
    focusWanted.current = true;
    setFocusKey(row.key);
    items.current.get(row.key)?.focus();
    choose(row);
  };
  const setExpanded = (accountId: string, expanded: boolean): void => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (expanded) next.delete(accountId);
      else next.add(accountId);
      return next;
    });
  };
  const openMenu = (accountId: string): void => setMenuSignal((current) => ({ ...current, [accountId]: (current[accountId] ?? 0) + 1 }));

  const onKeyDown = (event: KeyboardEvent): void => {
    const position = rows.findIndex((row) => row.key === activeKey);
    const row = rows[position];
    if (row === undefined) return;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(rows[position + 1]);
        break;
      case 'ArrowUp':
        moveTo(rows[position - 1]);
        break;
      case 'Home':
        moveTo(rows[0]);
        break;
      case 'End':
        moveTo(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (row.kind === 'account') {
          if (!row.expanded) setExpanded(row.accountId, true);
          else moveTo(rows[position + 1]);
        }
        break;
      case 'ArrowLeft':
        if (row.kind === 'account' && row.expanded) setExpanded(row.accountId, false);
        else if (row.kind === 'folder') moveTo(rows.find((candidate) => candidate.kind === 'account' && candidate.accountId === row.accountId));
        break;
      case 'Enter':
      case ' ':
        if (row.kind === 'account') setExpanded(row.accountId, !row.expanded);
        else choose(row);
        break;
      case 'ContextMenu':
      case 'F10':
        if (event.key === 'F10' && !event.shiftKey) return;
        if (row.kind === 'folder' && props.onFolderMenu !== undefined) {
          const element = items.current.get(row.key);
          if (element !== undefined) props.onFolderMenu(pointOf(element), row.folder);
        } else if (row.kind !== 'unified') openMenu(row.accountId);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const itemProps = (row: TreeRow) => ({
    ref: (element: HTMLLIElement | null) => {
      if (element === null) items.current.delete(row.key);
      else items.current.set(row.key, element);
    },
    role: 'treeitem',
    tabIndex: row.key === activeKey ? 0 : -1,
    onFocus: (event: FocusEvent) => {
      if (event.target === event.currentTarget) setFocusKey(row.key);
    },
  });

  let accountRowIndex = 0;
  const accountButtons: Array<{ accountId: string; name: string; top: number; trashEmpty: boolean }> = [];
  rows.forEach((row, index) => {
    if (row.kind !== 'account') return;
    accountRowIndex = index;
    const trash = props.tree?.accounts.find((account) => account.accountId === row.accountId)?.folders.find((folder) => folder.role === 'trash');
    accountButtons.push({ accountId: row.accountId, name: row.name, top: accountRowIndex * TREE_ROW_PX, trashEmpty: trash === undefined || trash.total === 0 });
  });

  return (
    <nav className="pane folder-pane" aria-label="Folders">
      {props.error !== null && (
        <p className="pane-error" role="alert">
          {props.error}
        </p>
      )}
      {props.tree === null ? (
        <p className="empty">Loading folders…</p>
      ) : (
        <div className="tree-frame">
          <ul className="folder-tree" role="tree" aria-label="Folders" onKeyDown={onKeyDown}>
            {rows.map((row) => {
              const selected = row.key === selectedKey;
              const unread = row.kind === 'folder' ? row.folder.unread : row.kind === 'unified' ? row.unread : 0;
              // The Outbox counts what waits in it (as Outlook and Thunderbird show it), not unread mail.
              const waiting = row.kind === 'folder' && row.folder.role === 'outbox' ? row.folder.total : 0;
              const level = row.kind === 'folder' ? 2 : 1;
              const siblings = rows.filter(
                (candidate) =>
                  (candidate.kind === 'folder' ? 2 : 1) === level &&
                  (level === 1 || (candidate.kind === 'folder' && row.kind === 'folder' && candidate.accountId === row.accountId)),
              );
              return (
                <li
                  key={row.key}
                  {...itemProps(row)}
                  aria-level={level}
                  aria-describedby={unread > 0 ? `${treeId}-${row.key}-unread` : waiting > 0 ? `${treeId}-${row.key}-waiting` : undefined}
                  aria-setsize={siblings.length}
                  aria-posinset={siblings.indexOf(row) + 1}
                  {...(row.kind === 'account' ? { 'aria-expanded': row.expanded } : { 'aria-selected': selected })}
                  className={`tree-item tree-${row.kind}${selected ? ' selected' : ''}${unread > 0 ? ' has-unread' : ''}`}
                  onClick={() => {
                    setFocusKey(row.key);
                    if (row.kind === 'account') setExpanded(row.accountId, !row.expanded);
                    else choose(row);
                  }}
                  onContextMenu={(event) => {
                    if (row.kind === 'unified') return;
                    event.preventDefault();
                    if (row.kind === 'folder' && props.onFolderMenu !== undefined) props.onFolderMenu({ x: event.clientX, y: event.clientY }, row.folder);
                    else openMenu(row.accountId);
                  }}
                >
                  {row.kind === 'account' && <span className={`twisty${row.expanded ? ' open' : ''}`} aria-hidden="true" />}
                  {row.kind !== 'account' && (
                    <span
                      className="folder-icon"
                      data-icon={row.kind === 'unified' ? FOLDER_ICONS.unified : row.folder.role === null ? USER_FOLDER_ICON : FOLDER_ICONS[row.folder.role]}
                      aria-hidden="true"
                    />
                  )}
                  <span className="tree-name">{row.kind === 'account' ? row.name : row.kind === 'folder' ? row.folder.name : 'Inbox (all accounts)'}</span>
                  {unread > 0 && (
                    <span className="tree-count" aria-hidden="true">
                      {unread}
                    </span>
                  )}
                  {unread > 0 && (
                    <span id={`${treeId}-${row.key}-unread`} hidden>
                      {unread} unread
                    </span>
                  )}
                  {waiting > 0 && (
                    <span className="tree-count outbox-count" aria-hidden="true">
                      {waiting}
                    </span>
                  )}
                  {waiting > 0 && (
                    <span id={`${treeId}-${row.key}-waiting`} hidden>
                      {waiting === 1 ? '1 message waiting to be sent' : `${waiting} messages waiting to be sent`}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {accountButtons.map((account) => (
            <div key={account.accountId} className="account-actions" style={{ top: account.top }}>
              <MenuButton
                label={`Account actions for ${account.name}`}
                className="icon-button"
                {...(menuSignal[account.accountId] === undefined ? {} : { openSignal: menuSignal[account.accountId] })}
                entries={[
                  { label: 'Server mailbox…', onSelect: () => navigation.show({ kind: 'server-mailbox', accountId: account.accountId }) },
                  { label: 'Account settings…', onSelect: () => navigation.show({ kind: 'account-setup', accountId: account.accountId }) },
                  { label: 'Empty Trash', onSelect: () => props.onEmptyTrash(account.accountId), disabled: account.trashEmpty },
                ]}
              >
                …
              </MenuButton>
            </div>
          ))}
        </div>
      )}
      <button type="button" className="add-account" onClick={() => navigation.show({ kind: 'account-setup' })}>
        Add account
      </button>
    </nav>
  );
}
