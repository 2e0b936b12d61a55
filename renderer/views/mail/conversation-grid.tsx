import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { MessageListItem } from '../../../shared/mail';
import type { ConversationList } from '../../state/conversation-list';
import { rowAt, rowCount, treeKey, type ConversationRow } from '../../state/conversation-rows';
import {
  extendPicks,
  isPicked,
  NO_PICKS,
  pickedAccounts,
  pickedCount,
  pickedMessageIds,
  pickKey,
  pickOnly,
  refreshPicks,
  shownPick,
  togglePick,
  type ConversationPick,
  type ConversationSelection,
} from '../../state/conversation-selection';
import { conversationMessageIds, type ThreadedSelection } from '../../state/threaded-selection';
import { participantsText, senderText, subjectText, useMailFormats } from './format';
import { SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';
import { MESSAGE_DRAG_TYPE, ROW_PX } from './message-list';

/** Rows rendered beyond the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 12;
/** Indentation of one reply level, in pixels. */
const INDENT_PX = 16;

function rowKey(at: ConversationRow): string {
  return at.kind === 'conversation' ? `conversation-${at.index}` : `line-${at.index}-${at.line}`;
}

function domId(at: ConversationRow, list: ConversationList): string | undefined {
  const conversation = list.itemAt(at.index);
  if (conversation === undefined) return undefined;
  return at.kind === 'conversation' ? `conversation-row-${conversation.id}` : `conversation-line-${conversation.id}-${at.line}`;
}

/** What a row stands for when selected: its conversation, or its line's message (a placeholder: nothing). */
function pickOf(at: ConversationRow, list: ConversationList): ConversationPick | undefined {
  const conversation = list.itemAt(at.index);
  if (conversation === undefined) return undefined;
  if (at.kind === 'conversation') return { kind: 'conversation', conversation };
  const message = list.linesOf(conversation.id)[at.line]?.message ?? null;
  return message === null ? undefined : { kind: 'message', item: message };
}

function messageOfPick(pick: ConversationPick | undefined): MessageListItem | undefined {
  if (pick === undefined) return undefined;
  return pick.kind === 'message' ? pick.item : pick.conversation.root;
}

/**
 * The threaded message list: a virtualized ARIA treegrid of conversations (row level 1) and, for an
 * open conversation, its messages in reply order below it (level 2 and deeper). Thunderbird's keys:
 * Up and Down move, Right opens a conversation (then goes to its first message), Left goes back up
 * (then closes it), `*` opens every loaded conversation and `\` closes them all; Enter opens the
 * message in a window of its own. Several rows are selected as in the flat list (Ctrl-click,
 * Shift-click, Shift+arrows) and dragged onto a folder; a closed conversation stands for all its messages.
 */
export function ConversationGrid(props: {
  readonly list: ConversationList;
  /** What is selected now (the reader shows `shown`). */
  readonly onSelection: (selection: ThreadedSelection) => void;
  readonly onOpen: (item: MessageListItem) => void;
  /** A drag of rows starts: the row's message, and whether it carries the selection (else the row alone, now selected). */
  readonly onDrag?: (item: MessageListItem, withSelection: boolean) => void;
}) {
  const { list } = props;
  const formats = useMailFormats();
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<ConversationSelection>(NO_PICKS);
  const focus = selection.focus;
  const total = rowCount(list.total ?? 0, list.blocks);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN_ROWS,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? 0;
  const firstConversation = rowAt(firstRow, list.blocks).index;
  const lastConversation = rowAt(lastRow, list.blocks).index;

  useEffect(() => {
    list.request(firstConversation, Math.max(firstConversation, lastConversation));
  }, [firstConversation, lastConversation, list.request]);

  const focused = focus === null || focus >= total ? null : rowAt(focus, list.blocks);
  const pickAt = (row: number): ConversationPick | undefined => (row < 0 || row >= total ? undefined : pickOf(rowAt(row, list.blocks), list));
  const isOpen = (conversationId: number): boolean => list.linesOf(conversationId).length > 0;
  const between = (first: number, last: number): ConversationPick[] => {
    const picks: ConversationPick[] = [];
    for (let row = first; row <= last; row += 1) {
      const pick = pickAt(row);
      if (pick !== undefined) picks.push(pick);
    }
    return picks;
  };

  // Mail changed or a conversation opened: picks take what their rows show now and follow them.
  useEffect(() => {
    setSelection((current) => {
      if (current.picks.size === 0) return current;
      const rows = new Map<string, { row: number; pick: ConversationPick }>();
      for (let row = 0; row < total; row += 1) {
        const pick = pickAt(row);
        if (pick !== undefined) rows.set(pickKey(pick), { row, pick });
      }
      return refreshPicks(current, rows);
    });
  }, [list.version, total]);

  // The window hears what is selected whenever it, or the flags of what it shows, change.
  const latest = useRef({ selection, isOpen });
  latest.current = { selection, isOpen };
  const shown = shownPick(selection);
  const focusedMessage = messageOfPick(selection.focusKey === null ? undefined : selection.picks.get(selection.focusKey)) ?? null;
  const count = pickedCount(selection, isOpen);
  const onSelection = useRef(props.onSelection);
  onSelection.current = props.onSelection;
  const signature = [
    [...selection.picks.keys()].join(','),
    count,
    shown?.id,
    shown?.seen,
    shown?.flagged,
    focusedMessage?.id,
    focusedMessage?.seen,
    focusedMessage?.flagged,
  ].join('|');
  useEffect(() => {
    onSelection.current({
      count,
      shown,
      focused: focusedMessage,
      accounts: pickedAccounts(selection),
      ids: () => pickedMessageIds(latest.current.selection, latest.current.isOpen, conversationMessageIds),
    });
  }, [signature]);

  /** Puts the keyboard on a row: selects it alone, or extends the selection to it. */
  const select = (row: number, mode: 'only' | 'extend' | 'toggle'): void => {
    const pick = pickAt(row);
    if (mode === 'extend') setSelection((current) => extendPicks(current, row, between));
    else if (pick === undefined) setSelection({ ...NO_PICKS, anchor: row, focus: row });
    else if (mode === 'toggle') setSelection((current) => togglePick(current, row, pick));
    else setSelection(pickOnly(row, pick));
  };

  const moveTo = (row: number, extend = false): void => {
    const target = Math.max(0, Math.min(total - 1, row));
    select(target, extend ? 'extend' : 'only');
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const action = treeKey(event.key, focused, list.blocks, (index) => (list.itemAt(index)?.messageCount ?? 0) > 1);
    if (action !== null) {
      event.preventDefault();
      switch (action.kind) {
        case 'expand': {
          const conversation = list.itemAt(action.index);
          if (conversation !== undefined) list.expand([conversation.id]);
          return;
        }
        case 'collapse': {
          const conversation = list.itemAt(action.index);
          if (conversation !== undefined) list.collapse([conversation.id]);
          return;
        }
        case 'focus':
          moveTo(action.row);
          return;
        case 'expand-all':
          list.expand(list.loadedExpandable());
          return;
        case 'collapse-all': {
          const conversation = focused === null ? undefined : list.itemAt(focused.index);
          if (focused !== null && conversation !== undefined) setSelection(pickOnly(focused.index, { kind: 'conversation', conversation }));
          list.collapse('all');
          return;
        }
      }
    }
    if (total === 0) return;
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_PX * 10) / ROW_PX) - 1);
    const current = focus ?? -1;
    const next =
      event.key === 'ArrowDown'
        ? current + 1
        : event.key === 'ArrowUp'
          ? current - 1
          : event.key === 'PageDown'
            ? current + pageRows
            : event.key === 'PageUp'
              ? current - pageRows
              : event.key === 'Home'
                ? 0
                : event.key === 'End'
                  ? total - 1
                  : null;
    if (next !== null) {
      event.preventDefault();
      moveTo(next, event.shiftKey);
      return;
    }
    if (event.key === 'Enter' && shown !== null) {
      event.preventDefault();
      props.onOpen(shown);
    }
  };

  const toggle = (index: number): void => {
    const conversation = list.itemAt(index);
    if (conversation === undefined || conversation.messageCount < 2) return;
    if (list.blocks.some((block) => block.index === index)) list.collapse([conversation.id]);
    else list.expand([conversation.id]);
  };

  const activeId = focused === null ? undefined : domId(focused, list);

  const onRowClick = (event: MouseEvent, row: number): void => {
    scroller.current?.focus({ preventScroll: true });
    select(row, event.shiftKey ? 'extend' : event.ctrlKey || event.metaKey ? 'toggle' : 'only');
  };

  // Dragging a row that is not selected drags it alone (and selects it), as in the flat list.
  const onRowDrag = (event: DragEvent, row: number): void => {
    const pick = pickAt(row);
    const item = messageOfPick(pick);
    if (props.onDrag === undefined || pick === undefined || item === undefined) {
      event.preventDefault();
      return;
    }
    const withSelection = isPicked(selection, pick);
    if (!withSelection) setSelection(pickOnly(row, pick));
    event.dataTransfer.effectAllowed = 'copyMove';
    event.dataTransfer.setData(MESSAGE_DRAG_TYPE, String(item.id));
    event.dataTransfer.setData('text/plain', item.subject ?? '');
    props.onDrag(item, withSelection);
  };

  return (
    <div
      ref={scroller}
      className="message-grid conversation-grid"
      role="treegrid"
      aria-label={t('conversations.toggle')}
      aria-rowcount={total}
      aria-colcount={4}
      aria-activedescendant={activeId}
      aria-multiselectable="true"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((virtual) => {
          const at = rowAt(virtual.index, list.blocks);
          const conversation = list.itemAt(at.index);
          const style = { transform: `translateY(${virtual.start}px)` };
          if (conversation === undefined) {
            return (
              <div key={rowKey(at)} role="row" aria-rowindex={virtual.index + 1} aria-level={1} className="grid-row conversation-row loading" style={style}>
                <div role="gridcell" className="col-loading">
                  <span className="visually-hidden">{t('common.loading')}</span>
                </div>
              </div>
            );
          }
          const active = focus === virtual.index;
          const picked = isPicked(selection, pickOf(at, list));
          const rowEvents = {
            onClick: (event: MouseEvent) => onRowClick(event, virtual.index),
            draggable: true,
            onDragStart: (event: DragEvent) => onRowDrag(event, virtual.index),
          };
          if (at.kind === 'conversation') {
            const open = list.blocks.some((block) => block.index === at.index);
            const expandable = conversation.messageCount > 1;
            const unread = conversation.unreadCount > 0;
            const classes = ['grid-row', 'conversation-row', unread ? 'unread' : 'read', picked ? 'selected' : '', active ? 'active' : '']
              .filter(Boolean)
              .join(' ');
            return (
              <div
                key={rowKey(at)}
                id={domId(at, list)}
                role="row"
                aria-rowindex={virtual.index + 1}
                aria-level={1}
                aria-expanded={expandable ? open : undefined}
                aria-selected={picked}
                className={classes}
                style={style}
                {...rowEvents}
                onDoubleClick={() => props.onOpen(conversation.root)}
              >
                <div role="gridcell" className="col-twisty">
                  {expandable && (
                    <span
                      className="twisty"
                      aria-hidden="true"
                      onClick={(event) => {
                        event.stopPropagation();
                        scroller.current?.focus({ preventScroll: true });
                        setSelection(pickOnly(virtual.index, { kind: 'conversation', conversation }));
                        toggle(at.index);
                      }}
                    >
                      {open ? SYMBOLS.expanded : SYMBOLS.collapsed}
                    </span>
                  )}
                  {conversation.flagged && (
                    <span className="flag flagged" aria-hidden="true">
                      {SYMBOLS.star}
                    </span>
                  )}
                </div>
                <div role="gridcell" className="col-sender" title={conversation.participants.map((person) => person.address).join(', ')}>
                  <bdi>{participantsText(t, conversation)}</bdi>
                </div>
                <div role="gridcell" className="col-subject">
                  <bdi>{subjectText(t, conversation.root)}</bdi>
                  <span className="conversation-count">
                    {SYMBOLS.space}
                    {unread
                      ? t('conversations.countUnread', { count: conversation.messageCount, unread: conversation.unreadCount })
                      : t('conversations.count', { count: conversation.messageCount })}
                  </span>
                </div>
                <div role="gridcell" className="col-date" title={formats.fullDate(conversation.latestDate)}>
                  {formats.listDate(conversation.latestDate)}
                </div>
              </div>
            );
          }
          const line = list.linesOf(conversation.id)[at.line];
          const message = line?.message ?? null;
          const depth = line?.depth ?? 0;
          const classes = [
            'grid-row',
            'conversation-line',
            message === null || message.seen ? 'read' : 'unread',
            picked ? 'selected' : '',
            active ? 'active' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <div
              key={rowKey(at)}
              id={domId(at, list)}
              role="row"
              aria-rowindex={virtual.index + 1}
              aria-level={depth + 2}
              aria-selected={picked}
              className={classes}
              style={style}
              {...rowEvents}
              onDoubleClick={() => message !== null && props.onOpen(message)}
            >
              <div role="gridcell" className="col-twisty">
                <span className="visually-hidden">{message === null ? '' : message.seen ? '' : t('list.unread')}</span>
              </div>
              <div role="gridcell" className="col-sender" style={{ paddingInlineStart: `${(depth + 1) * INDENT_PX}px` }}>
                {message === null ? <span className="muted">{t('conversations.missing')}</span> : <bdi>{senderText(t, message)}</bdi>}
              </div>
              <div role="gridcell" className="col-subject">
                {message === null ? '' : <bdi>{subjectText(t, message)}</bdi>}
              </div>
              <div role="gridcell" className="col-date" title={message === null ? undefined : formats.fullDate(message.date)}>
                {message === null ? '' : formats.listDate(message.date)}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
