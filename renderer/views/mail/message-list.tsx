import { messageTagInfo, messageTagLabel } from '../../../shared/tags';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { MessageListItem } from '../../../shared/mail';
import type { ListOrder, MessageList, SortKey } from '../../state/mail-list';
import { extendTo, isSelected, selectAll, selectOnly, targetRow, toggleRow, type ListSelection } from '../../state/list-selection';
import { isMenuKey, pointOf, type MenuPoint } from '../../components/context-menu';
import { recipientText, senderText, subjectText, useMailFormats } from './format';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';

/** The data type a drag of messages from the list carries (the ids travel in the window, not in the drag). */
export const MESSAGE_DRAG_TYPE = 'application/x-mailbag-messages';
/** Height of one message row in pixels (mail.css .grid-body .grid-row). */
export const ROW_PX = 28;
/** Height of the column header row in pixels (mail.css .grid-head). */
const HEADER_PX = 30;
/** Rows rendered beyond the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 12;

const COLUMNS: ReadonlyArray<{ readonly key: string; readonly label: MessageId; readonly sort?: SortKey; readonly className: string }> = [
  { key: 'flags', label: 'list.columnFlags', className: 'col-flags' },
  { key: 'attachment', label: 'list.columnAttachment', className: 'col-attachment' },
  { key: 'sender', label: 'header.from', sort: 'sender', className: 'col-sender' },
  { key: 'subject', label: 'list.columnSubject', sort: 'subject', className: 'col-subject' },
  { key: 'date', label: 'header.date', sort: 'date', className: 'col-date' },
  { key: 'size', label: 'list.columnSize', sort: 'size', className: 'col-size' },
];

/**
 * The columns of a folder: lists of mail the user wrote (Sent, Drafts, Outbox) show "To" where others
 * show "From", as Outlook does; the recipients column does not sort (the index orders by sender).
 */
function columnsFor(showRecipients: boolean): typeof COLUMNS {
  return showRecipients
    ? COLUMNS.map((column) => (column.key === 'sender' ? { key: 'sender', label: 'header.to', className: column.className } : column))
    : COLUMNS;
}

function rowId(id: number): string {
  return `message-row-${id}`;
}

/**
 * One row. Memoized, with handlers that keep their identity, so a window update that leaves a row's
 * message alone (progress every fraction of a second while mail arrives, folder counts) skips it.
 */
const Row = memo(function Row(props: {
  readonly item: MessageListItem | undefined;
  readonly index: number;
  readonly start: number;
  readonly selected: boolean;
  readonly active: boolean;
  readonly showRecipients: boolean;
  readonly onClick: (event: MouseEvent, index: number, item: MessageListItem) => void;
  readonly onOpen: (item: MessageListItem) => void;
  readonly onMenu: (point: MenuPoint, index: number, item: MessageListItem) => void;
  readonly onDragStart: (event: DragEvent, index: number, item: MessageListItem) => void;
}) {
  const { item } = props;
  const formats = useMailFormats();
  const t = useT();
  const intl = useIntl();
  const style = { transform: `translateY(${props.start}px)` };
  if (item === undefined) {
    return (
      <div role="row" aria-rowindex={props.index + 2} className="grid-row loading" style={style}>
        <div role="gridcell" className="col-loading">
          <span className="visually-hidden">{t('common.loading')}</span>
        </div>
      </div>
    );
  }
  const classes = ['grid-row', item.seen ? 'read' : 'unread', props.selected ? 'selected' : '', props.active ? 'active' : ''].filter(Boolean).join(' ');
  return (
    <div
      role="row"
      id={rowId(item.id)}
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      className={classes}
      style={style}
      onClick={(event) => props.onClick(event, props.index, item)}
      onDoubleClick={() => props.onOpen(item)}
      draggable
      onDragStart={(event) => props.onDragStart(event, props.index, item)}
      onContextMenu={(event) => {
        event.preventDefault();
        props.onMenu({ x: event.clientX, y: event.clientY }, props.index, item);
      }}
    >
      <div role="gridcell" className="col-flags">
        {item.flagged && (
          <span className="flag flagged" aria-hidden="true">
            {SYMBOLS.star}
          </span>
        )}
        {item.answered && (
          <span className="flag answered" aria-hidden="true">
            {SYMBOLS.answered}
          </span>
        )}
        {item.forwarded && (
          <span className="flag forwarded" aria-hidden="true">
            {SYMBOLS.forwarded}
          </span>
        )}
        {item.partial && (
          <span className="flag partial" aria-hidden="true">
            {SYMBOLS.partial}
          </span>
        )}
        <span className="visually-hidden">
          {intl.formatList(
            [
              item.seen ? '' : t('list.unread'),
              item.flagged ? t('list.flagged') : '',
              item.answered ? t('list.answered') : '',
              item.forwarded ? t('list.forwarded') : '',
              item.partial ? t('list.partial') : '',
            ].filter(Boolean),
            { type: 'unit' },
          )}
        </span>
      </div>
      <div role="gridcell" className="col-attachment">
        {item.hasAttachments && (
          <>
            <svg className="paperclip" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path
                d="M10.5 4.5 5.2 9.8a1.5 1.5 0 0 0 2.1 2.1l5.6-5.6a3 3 0 0 0-4.2-4.2L3.1 7.7a4.5 4.5 0 0 0 6.4 6.4l4.2-4.2"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.4"
                strokeLinecap="round"
              />
            </svg>
            <span className="visually-hidden">{t('list.hasAttachments')}</span>
          </>
        )}
      </div>
      <div
        role="gridcell"
        className="col-sender"
        title={props.showRecipients ? item.recipients.map((recipient) => recipient.address).join(', ') : item.from?.address}
      >
        <bdi>{props.showRecipients ? recipientText(t, item) : senderText(t, item)}</bdi>
      </div>
      <div role="gridcell" className="col-subject">
        {item.tags.map((tag) => {
          const info = messageTagInfo(tag);
          // The colour is a help, never the only sign: the tag's name is written beside it.
          return (
            <span key={tag} className="message-tag" data-tag={tag} style={{ ['--tag-colour' as string]: info.colour }}>
              {messageTagLabel(t, tag)}
            </span>
          );
        })}
        <bdi>{subjectText(t, item)}</bdi>
      </div>
      <div role="gridcell" className="col-date" title={formats.fullDate(item.date)}>
        {formats.listDate(item.date)}
      </div>
      <div role="gridcell" className="col-size">
        {formats.byteSize(item.size)}
      </div>
    </div>
  );
});

/**
 * The message list: a virtualized ARIA grid (only the rows on screen exist, so 100,000 messages
 * scroll like 100), sortable by clicking a column header, with Outlook's selection rules: click,
 * Ctrl+click, Shift+click, arrows with and without Shift, Ctrl+A; Enter or a double click opens.
 */
export function MessageGrid(props: {
  readonly list: MessageList;
  readonly order: ListOrder;
  readonly onOrder: (sort: SortKey) => void;
  readonly selection: ListSelection;
  readonly onSelection: (selection: ListSelection) => void;
  readonly onOpen: (item: MessageListItem) => void;
  /** Show recipients instead of senders (Sent, Drafts, Outbox). */
  readonly showRecipients?: boolean;
  /** Right-click, Shift+F10 or the context-menu key on a row: the window shows the message actions. */
  readonly onMenu?: (point: MenuPoint, index: number, item: MessageListItem) => void;
  /** A drag of rows starts: the dragged message and whether it is part of the selection (then the selection goes). */
  readonly onDrag?: (item: MessageListItem, withSelection: boolean) => void;
}) {
  const { list, selection, onSelection } = props;
  const t = useT();
  const showRecipients = props.showRecipients === true;
  const columns = columnsFor(showRecipients);
  const scroller = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<{ index: number; extend: boolean } | null>(null);
  const total = list.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN_ROWS,
    scrollMargin: HEADER_PX,
    scrollPaddingStart: HEADER_PX,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const first = virtualRows[0]?.index ?? 0;
  const last = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    list.request(first, Math.max(first, last));
  }, [first, last, list.request]);

  // A row reached by Page Down or End before it was loaded is selected once it arrives.
  useEffect(() => {
    const pending = pendingFocus.current;
    if (pending === null) return;
    const item = list.itemAt(pending.index);
    if (item === undefined) return;
    pendingFocus.current = null;
    moveFocus(pending.index, item, pending.extend);
  }, [list.version]);

  const moveFocus = (index: number, item: MessageListItem, extend: boolean): void => {
    if (!extend) {
      onSelection(selectOnly(index, item.id));
      return;
    }
    const anchor = selection.anchor ?? index;
    void list.idsBetween(anchor, index).then((ids) => onSelection(extendTo({ ...selection, anchor }, index, item.id, ids)));
  };

  const onClick = (event: MouseEvent, index: number, item: MessageListItem): void => {
    scroller.current?.focus({ preventScroll: true });
    if (event.shiftKey) moveFocus(index, item, true);
    else if (event.ctrlKey || event.metaKey) {
      if (selection.all) void list.idsBetween(0, total - 1).then((ids) => onSelection(toggleRow(selection, index, item.id, ids)));
      else onSelection(toggleRow(selection, index, item.id));
    } else onSelection(selectOnly(index, item.id));
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelection(selectAll(selection));
      return;
    }
    if (isMenuKey(event)) {
      const item = selection.focus === null ? undefined : list.itemAt(selection.focus);
      if (item !== undefined && selection.focus !== null) {
        event.preventDefault();
        const element = document.getElementById(rowId(item.id));
        props.onMenu?.(element === null ? pointOf(event.currentTarget) : pointOf(element), selection.focus, item);
      }
      return;
    }
    if (event.key === 'Enter') {
      const item = selection.focus === null ? undefined : list.itemAt(selection.focus);
      if (item !== undefined) {
        event.preventDefault();
        props.onOpen(item);
      }
      return;
    }
    const pageRows = Math.floor((scroller.current?.clientHeight ?? ROW_PX * 10) / ROW_PX) - 1;
    const target = targetRow(event.key, selection.focus, total, pageRows);
    if (target === null) return;
    event.preventDefault();
    virtualizer.scrollToIndex(target, { align: 'auto' });
    const item = list.itemAt(target);
    if (item === undefined) pendingFocus.current = { index: target, extend: event.shiftKey };
    else moveFocus(target, item, event.shiftKey);
  };

  const onMenu = (point: MenuPoint, index: number, item: MessageListItem): void => {
    // Right-clicking a row outside the selection selects it first, as Outlook and Thunderbird do.
    if (!isSelected(selection, item.id)) onSelection(selectOnly(index, item.id));
    scroller.current?.focus({ preventScroll: true });
    props.onMenu?.(point, index, item);
  };

  // Dragging a row that is not selected drags it alone (and selects it), as in Outlook and Thunderbird.
  const onDragStart = (event: DragEvent, index: number, item: MessageListItem): void => {
    if (props.onDrag === undefined) {
      event.preventDefault();
      return;
    }
    const withSelection = isSelected(selection, item.id);
    if (!withSelection) onSelection(selectOnly(index, item.id));
    event.dataTransfer.effectAllowed = 'copyMove';
    event.dataTransfer.setData(MESSAGE_DRAG_TYPE, String(item.id));
    event.dataTransfer.setData('text/plain', item.subject ?? '');
    props.onDrag(item, withSelection);
  };

  // The rows get handlers of fixed identity that call the latest ones, so memoized rows stay skipped.
  const handlers = useRef({ onClick, onOpen: props.onOpen, onMenu, onDragStart });
  handlers.current = { onClick, onOpen: props.onOpen, onMenu, onDragStart };
  const rowClick = useCallback((event: MouseEvent, index: number, item: MessageListItem) => handlers.current.onClick(event, index, item), []);
  const rowOpen = useCallback((item: MessageListItem) => handlers.current.onOpen(item), []);
  const rowMenu = useCallback((point: MenuPoint, index: number, item: MessageListItem) => handlers.current.onMenu(point, index, item), []);
  const rowDrag = useCallback((event: DragEvent, index: number, item: MessageListItem) => handlers.current.onDragStart(event, index, item), []);

  const activeItem = selection.focus === null ? undefined : list.itemAt(selection.focus);
  const activeId = activeItem !== undefined && activeItem.id === selection.focusId ? rowId(activeItem.id) : undefined;

  return (
    <div
      ref={scroller}
      className="message-grid"
      role="grid"
      aria-label={t('mail.messages')}
      aria-multiselectable="true"
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeId}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row head">
          {columns.map((column) => {
            const sorted = column.sort !== undefined && column.sort === props.order.sort;
            const ariaSort = sorted ? (props.order.direction === 'asc' ? 'ascending' : 'descending') : undefined;
            return (
              <div key={column.key} role="columnheader" className={column.className} aria-sort={ariaSort}>
                {column.sort === undefined ? (
                  <span className="visually-hidden">{t(column.label)}</span>
                ) : (
                  <button type="button" className="sort-button" onClick={() => column.sort !== undefined && props.onOrder(column.sort)}>
                    {t(column.label)}
                    {sorted && <span aria-hidden="true"> {props.order.direction === 'asc' ? SYMBOLS.sortAscending : SYMBOLS.sortDescending}</span>}
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => {
          const item = list.itemAt(row.index);
          return (
            <Row
              // By position: when new mail arrives above, the rows on screen change their text in place; rebuilding them (removing every row's nodes) was the longest task while mail arrived.
              key={row.index}
              item={item}
              index={row.index}
              start={row.start - HEADER_PX}
              selected={item !== undefined && isSelected(selection, item.id)}
              active={item !== undefined && item.id === selection.focusId}
              showRecipients={showRecipients}
              onClick={rowClick}
              onOpen={rowOpen}
              onMenu={rowMenu}
              onDragStart={rowDrag}
            />
          );
        })}
      </div>
    </div>
  );
}
