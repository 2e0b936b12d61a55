import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationListItem } from '../../../shared/conversations';
import type { MessageListItem } from '../../../shared/mail';
import type { ConversationList } from '../../state/conversation-list';
import { rowAt, rowCount, treeKey, type ConversationRow } from '../../state/conversation-rows';
import { fullDate, listDate, senderText, subjectText } from './format';
import { ROW_PX } from './message-list';

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

/** The senders of a conversation, as the list shows them: "Bob, Ann and 2 more". */
function participantsText(conversation: ConversationListItem): string {
  const names = conversation.participants.map((person) => (person.name.trim() === '' ? person.address : person.name));
  const more = conversation.participantCount - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** The message a row shows in the reader: a conversation's first message, or the line's. */
function messageOf(at: ConversationRow, list: ConversationList): MessageListItem | undefined {
  const conversation = list.itemAt(at.index);
  if (conversation === undefined) return undefined;
  if (at.kind === 'conversation') return conversation.root;
  return list.linesOf(conversation.id)[at.line]?.message ?? undefined;
}

/**
 * The threaded message list: a virtualized ARIA treegrid of conversations (row level 1) and, for an
 * open conversation, its messages in reply order below it (level 2 and deeper). Thunderbird's keys:
 * Up and Down move, Right opens a conversation (then goes to its first message), Left goes back up
 * (then closes it), `*` opens every loaded conversation and `\` closes them all; Enter opens the
 * message in a window of its own.
 */
export function ConversationGrid(props: {
  readonly list: ConversationList;
  /** The message to show in the reader (null: none). */
  readonly onShow: (item: MessageListItem | null) => void;
  readonly onOpen: (item: MessageListItem) => void;
}) {
  const { list } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<number | null>(null);
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
  const shown = focused === null ? undefined : messageOf(focused, list);
  const shownId = shown?.id ?? null;
  const onShow = useRef(props.onShow);
  onShow.current = props.onShow;
  useEffect(() => onShow.current(shown ?? null), [shownId, shown?.seen]);

  const moveTo = (row: number): void => {
    const target = Math.max(0, Math.min(total - 1, row));
    setFocus(target);
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
        case 'collapse-all':
          if (focused !== null) setFocus(focused.index);
          list.collapse('all');
          return;
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
      moveTo(next);
      return;
    }
    if (event.key === 'Enter' && shown !== undefined) {
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

  return (
    <div
      ref={scroller}
      className="message-grid conversation-grid"
      role="treegrid"
      aria-label="Conversations"
      aria-rowcount={total}
      aria-colcount={4}
      aria-activedescendant={activeId}
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
                  <span className="visually-hidden">Loading…</span>
                </div>
              </div>
            );
          }
          const active = focus === virtual.index;
          const select = (): void => {
            scroller.current?.focus({ preventScroll: true });
            setFocus(virtual.index);
          };
          if (at.kind === 'conversation') {
            const open = list.blocks.some((block) => block.index === at.index);
            const expandable = conversation.messageCount > 1;
            const unread = conversation.unreadCount > 0;
            const classes = ['grid-row', 'conversation-row', unread ? 'unread' : 'read', active ? 'selected active' : ''].filter(Boolean).join(' ');
            return (
              <div
                key={rowKey(at)}
                id={domId(at, list)}
                role="row"
                aria-rowindex={virtual.index + 1}
                aria-level={1}
                aria-expanded={expandable ? open : undefined}
                aria-selected={active}
                className={classes}
                style={style}
                onClick={select}
                onDoubleClick={() => props.onOpen(conversation.root)}
              >
                <div role="gridcell" className="col-twisty">
                  {expandable && (
                    <span
                      className="twisty"
                      aria-hidden="true"
                      onClick={(event) => {
                        event.stopPropagation();
                        select();
                        toggle(at.index);
                      }}
                    >
                      {open ? '▾' : '▸'}
                    </span>
                  )}
                  {conversation.flagged && (
                    <span className="flag flagged" aria-hidden="true">
                      ★
                    </span>
                  )}
                </div>
                <div role="gridcell" className="col-sender" title={conversation.participants.map((person) => person.address).join(', ')}>
                  <bdi>{participantsText(conversation)}</bdi>
                </div>
                <div role="gridcell" className="col-subject">
                  <bdi>{subjectText(conversation.root)}</bdi>
                  <span className="conversation-count">
                    {' '}
                    ({conversation.messageCount === 1 ? '1 message' : `${conversation.messageCount} messages`}
                    {unread ? `, ${conversation.unreadCount} unread` : ''})
                  </span>
                </div>
                <div role="gridcell" className="col-date" title={fullDate(conversation.latestDate)}>
                  {listDate(conversation.latestDate)}
                </div>
              </div>
            );
          }
          const line = list.linesOf(conversation.id)[at.line];
          const message = line?.message ?? null;
          const depth = line?.depth ?? 0;
          const classes = ['grid-row', 'conversation-line', message === null || message.seen ? 'read' : 'unread', active ? 'selected active' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <div
              key={rowKey(at)}
              id={domId(at, list)}
              role="row"
              aria-rowindex={virtual.index + 1}
              aria-level={depth + 2}
              aria-selected={active}
              className={classes}
              style={style}
              onClick={select}
              onDoubleClick={() => message !== null && props.onOpen(message)}
            >
              <div role="gridcell" className="col-twisty">
                <span className="visually-hidden">{message === null ? '' : message.seen ? '' : 'Unread'}</span>
              </div>
              <div role="gridcell" className="col-sender" style={{ paddingInlineStart: `${(depth + 1) * INDENT_PX}px` }}>
                {message === null ? <span className="muted">Message not here</span> : <bdi>{senderText(message)}</bdi>}
              </div>
              <div role="gridcell" className="col-subject">
                {message === null ? '' : <bdi>{subjectText(message)}</bdi>}
              </div>
              <div role="gridcell" className="col-date" title={message === null ? undefined : fullDate(message.date)}>
                {message === null ? '' : listDate(message.date)}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
