import { useEffect, useId, useRef, useState, type DragEvent, type FocusEvent, type KeyboardEvent } from 'react';
import type { FolderTreeView, TreeFolderView } from '../../../shared/folder-ops';
import type { FolderRoleName } from '../../../shared/mail';
import { useNavigation } from '../../state/navigation';
import type { MailSource } from '../../state/mail-folders';
import { buildTreeRows, folderKey, type FolderTreeRow } from '../../state/folder-tree';
import { pointOf, type MenuPoint } from '../../components/context-menu';
import { MenuButton } from '../../components/menu-button';
import { MESSAGE_DRAG_TYPE } from './message-list';
import type { MenuEntry } from '../../components/menu-items';
import { useT } from '../../state/locale';
import { SYMBOLS } from '../../components/symbols';
import { folderDisplayName } from '../../../shared/folder-words';

/** Height of one tree row in pixels (mail.css --tree-row), so the heading buttons line up with their rows. */
const TREE_ROW_PX = 30;
/** Indent per tree level in pixels. */
const INDENT_PX = 16;

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

function keyOfSource(source: MailSource): string {
  return source.kind === 'unified-inbox' ? 'unified' : folderKey(source.folderId);
}

/** Whether a drag (or drop) asks for a copy: Ctrl, or Alt/Option, held as in Outlook, Thunderbird and Finder. */
export function isCopyDrag(event: { readonly ctrlKey: boolean; readonly altKey: boolean; readonly metaKey: boolean }): boolean {
  return event.ctrlKey || event.altKey;
}

/** What the pane lets the window do with folders. */
export interface FolderPaneActions {
  readonly onSelect: (source: MailSource) => void;
  /** Right-click, Shift+F10 or the context-menu key on a folder: the window shows the folder's actions. */
  readonly onFolderMenu: (point: MenuPoint, folder: TreeFolderView) => void;
  /** The actions of an account's heading (its "…" button), or of Local Folders (`accountId` null). */
  readonly headingEntries: (accountId: string | null) => MenuEntry[];
  /** F2 on a folder. */
  readonly onRename: (folder: TreeFolderView) => void;
  /** Delete on a folder. */
  readonly onDelete: (folder: TreeFolderView) => void;
  /** Whether messages being dragged may be dropped on this folder. */
  readonly canDrop: (folder: TreeFolderView) => boolean;
  /** Messages dropped on a folder: moved, or copied with Ctrl/Alt held. */
  readonly onDrop: (folder: TreeFolderView, copy: boolean) => void;
}

/**
 * The folder pane: the unified Inbox, each account with its folders nested under their parents, then
 * Local Folders, with unread counts, as an ARIA tree: arrows move and choose, Right and Left open and
 * close a branch (or go to its first child and its parent), F2 renames, Delete deletes, Shift+F10 or
 * the context-menu key open a folder's or heading's actions. Messages dragged from the list drop on a
 * folder (Ctrl or Alt copies), and the folder under the pointer shows whether it moves or copies. The
 * heading buttons sit beside the tree, not inside it, so every tree item stays a single control.
 */
export function FolderPane(props: {
  readonly tree: FolderTreeView | null;
  readonly error: string | null;
  readonly source: MailSource;
  readonly actions: FolderPaneActions;
}) {
  const { actions } = props;
  const navigation = useNavigation();
  const t = useT();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string>(keyOfSource(props.source));
  const [menuSignal, setMenuSignal] = useState<Readonly<Record<string, number>>>({});
  const [dropTarget, setDropTarget] = useState<{ key: string; copy: boolean } | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const treeId = useId().replace(/:/g, '');
  const focusWanted = useRef(false);

  const rows = props.tree === null ? [] : buildTreeRows(props.tree, collapsed);
  const selectedKey = keyOfSource(props.source);
  const activeKey = rows.some((row) => row.key === focusKey) ? focusKey : selectedKey;

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    items.current.get(activeKey)?.focus();
  }, [activeKey, rows.length]);

  const choose = (row: FolderTreeRow): void => {
    if (row.kind === 'unified') actions.onSelect({ kind: 'unified-inbox' });
    else if (row.kind === 'folder') actions.onSelect({ kind: 'folder', folderId: row.folder.id });
  };
  const moveTo = (row: FolderTreeRow | undefined): void => {
    if (row === undefined) return;
    focusWanted.current = true;
    setFocusKey(row.key);
    items.current.get(row.key)?.focus();
    choose(row);
  };
  const setExpanded = (key: string, expanded: boolean): void => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (expanded) next.delete(key);
      else next.add(key);
      return next;
    });
  };
  const openMenu = (key: string): void => setMenuSignal((current) => ({ ...current, [key]: (current[key] ?? 0) + 1 }));
  const expandable = (row: FolderTreeRow): boolean => row.kind === 'heading' || (row.kind === 'folder' && row.hasChildren);
  const isExpanded = (row: FolderTreeRow): boolean => (row.kind === 'heading' || row.kind === 'folder') && row.expanded;

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
        if (expandable(row)) {
          if (!isExpanded(row)) setExpanded(row.key, true);
          else moveTo(rows[position + 1]);
        }
        break;
      case 'ArrowLeft':
        if (expandable(row) && isExpanded(row)) setExpanded(row.key, false);
        else if (row.kind === 'folder') moveTo(rows.find((candidate) => candidate.key === row.parentKey));
        break;
      case 'Enter':
      case ' ':
        if (row.kind === 'heading') setExpanded(row.key, !row.expanded);
        else choose(row);
        break;
      case 'F2':
        if (row.kind !== 'folder') return;
        actions.onRename(row.folder);
        break;
      case 'Delete':
        // Delete in the tree is about folders, never the messages selected in the list.
        if (row.kind === 'folder') actions.onDelete(row.folder);
        break;
      case 'ContextMenu':
      case 'F10':
        if (event.key === 'F10' && !event.shiftKey) return;
        if (row.kind === 'folder') {
          const element = items.current.get(row.key);
          if (element !== undefined) actions.onFolderMenu(pointOf(element), row.folder);
        } else if (row.kind === 'heading') openMenu(row.key);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const dragHandlers = (row: FolderTreeRow) => {
    if (row.kind !== 'folder') return {};
    const accepts = (event: DragEvent): boolean => event.dataTransfer.types.includes(MESSAGE_DRAG_TYPE) && actions.canDrop(row.folder);
    return {
      onDragOver: (event: DragEvent) => {
        if (!accepts(event)) return;
        event.preventDefault();
        const copy = isCopyDrag(event);
        event.dataTransfer.dropEffect = copy ? 'copy' : 'move';
        if (dropTarget?.key !== row.key || dropTarget.copy !== copy) setDropTarget({ key: row.key, copy });
      },
      onDragLeave: (event: DragEvent) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setDropTarget((current) => (current?.key === row.key ? null : current));
      },
      onDrop: (event: DragEvent) => {
        setDropTarget(null);
        if (!accepts(event)) return;
        event.preventDefault();
        actions.onDrop(row.folder, isCopyDrag(event));
      },
    };
  };

  const itemProps = (row: FolderTreeRow) => ({
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

  const headingButtons: Array<{ key: string; accountId: string | null; name: string; top: number }> = [];
  rows.forEach((row, index) => {
    if (row.kind === 'heading') headingButtons.push({ key: row.key, accountId: row.accountId, name: row.name, top: index * TREE_ROW_PX });
  });

  return (
    <nav className="pane folder-pane" aria-label={t('folder.pane')} onDragEnd={() => setDropTarget(null)}>
      {props.error !== null && (
        <p className="pane-error" role="alert">
          {props.error}
        </p>
      )}
      {props.tree === null ? (
        <p className="empty">{t('folder.loading')}</p>
      ) : (
        <div className="tree-frame">
          <ul className="folder-tree" role="tree" aria-label={t('folder.pane')} onKeyDown={onKeyDown}>
            {rows.map((row) => {
              const selected = row.key === selectedKey;
              const unread = row.kind === 'folder' ? row.folder.unread : row.kind === 'unified' ? row.unread : 0;
              // The Outbox counts what waits in it (as Outlook and Thunderbird show it), not unread mail.
              const waiting = row.kind === 'folder' && row.folder.role === 'outbox' ? row.folder.total : 0;
              const siblings = rows.filter((candidate) =>
                row.kind === 'folder' ? candidate.kind === 'folder' && candidate.parentKey === row.parentKey : candidate.level === 1,
              );
              const dropping = dropTarget?.key === row.key ? dropTarget : null;
              return (
                <li
                  key={row.key}
                  {...itemProps(row)}
                  {...dragHandlers(row)}
                  aria-level={row.level}
                  aria-describedby={unread > 0 ? `${treeId}-${row.key}-unread` : waiting > 0 ? `${treeId}-${row.key}-waiting` : undefined}
                  aria-setsize={siblings.length}
                  aria-posinset={siblings.indexOf(row) + 1}
                  {...(expandable(row) ? { 'aria-expanded': isExpanded(row) } : {})}
                  {...(row.kind === 'heading' ? {} : { 'aria-selected': selected })}
                  className={`tree-item tree-${row.kind === 'heading' ? 'account' : row.kind}${selected ? ' selected' : ''}${unread > 0 ? ' has-unread' : ''}${dropping === null ? '' : ' drop-target'}`}
                  style={row.kind === 'folder' ? { paddingInlineStart: 8 + (row.level - 1) * INDENT_PX } : undefined}
                  {...(dropping === null ? {} : { 'data-drop': t(dropping.copy ? 'folder.copyHere' : 'folder.moveHere') })}
                  onClick={(event) => {
                    setFocusKey(row.key);
                    const onTwisty = event.target instanceof Element && event.target.classList.contains('twisty');
                    if (row.kind === 'heading' || (onTwisty && expandable(row))) setExpanded(row.key, !isExpanded(row));
                    else choose(row);
                  }}
                  onContextMenu={(event) => {
                    if (row.kind === 'unified') return;
                    event.preventDefault();
                    if (row.kind === 'folder') actions.onFolderMenu({ x: event.clientX, y: event.clientY }, row.folder);
                    else openMenu(row.key);
                  }}
                >
                  {expandable(row) ? (
                    <span className={`twisty${isExpanded(row) ? ' open' : ''}`} aria-hidden="true" />
                  ) : (
                    row.kind === 'folder' && <span className="twisty-space" aria-hidden="true" />
                  )}
                  {row.kind !== 'heading' && (
                    <span
                      className="folder-icon"
                      data-icon={row.kind === 'unified' ? FOLDER_ICONS.unified : row.folder.role === null ? USER_FOLDER_ICON : FOLDER_ICONS[row.folder.role]}
                      aria-hidden="true"
                    />
                  )}
                  <bdi className="tree-name">
                    {row.kind === 'heading'
                      ? row.accountId === null
                        ? t('folder.localFolders')
                        : row.name
                      : row.kind === 'folder'
                        ? folderDisplayName(t, row.folder)
                        : t('mail.unifiedInbox')}
                  </bdi>
                  {unread > 0 && (
                    <span className="tree-count" aria-hidden="true">
                      {unread}
                    </span>
                  )}
                  {unread > 0 && (
                    <span id={`${treeId}-${row.key}-unread`} hidden>
                      {t('folder.unread', { count: unread })}
                    </span>
                  )}
                  {dropping !== null && (
                    <span className="drop-hint" aria-hidden="true">
                      {t(dropping.copy ? 'folder.copyHere' : 'folder.moveHere')}
                    </span>
                  )}
                  {waiting > 0 && (
                    <span className="tree-count outbox-count" aria-hidden="true">
                      {waiting}
                    </span>
                  )}
                  {waiting > 0 && (
                    <span id={`${treeId}-${row.key}-waiting`} hidden>
                      {t('folder.waiting', { count: waiting })}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {headingButtons.map((heading) => (
            <div key={heading.key} className="account-actions" style={{ top: heading.top }}>
              <MenuButton
                label={heading.accountId === null ? t('folder.localActions') : t('folder.accountActions', { account: heading.name })}
                className="icon-button"
                {...(menuSignal[heading.key] === undefined ? {} : { openSignal: menuSignal[heading.key] })}
                entries={actions.headingEntries(heading.accountId)}
              >
                {SYMBOLS.more}
              </MenuButton>
            </div>
          ))}
        </div>
      )}
      <button type="button" className="add-account" onClick={() => navigation.show({ kind: 'account-setup' })}>
        {t('folder.addAccount')}
      </button>
    </nav>
  );
}
