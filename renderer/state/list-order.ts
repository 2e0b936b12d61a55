import type { MessageListItem } from '../../shared/mail';

/** What the list can be sorted by (the contract's sorts). */
export type SortKey = 'date' | 'sender' | 'subject' | 'size';
/** Which way a sort runs. */
export type SortDirection = 'asc' | 'desc';

/** The list's order: a key and a direction. */
export interface ListOrder {
  readonly sort: SortKey;
  readonly direction: SortDirection;
}

/** The direction a sort starts in when its column is chosen: newest and largest first, names A to Z. */
export function defaultDirection(sort: SortKey): SortDirection {
  return sort === 'date' || sort === 'size' ? 'desc' : 'asc';
}

/** Clicking a column header: the same column flips its direction, another starts in its default. */
export function nextOrder(current: ListOrder, clicked: SortKey): ListOrder {
  if (current.sort === clicked) return { sort: clicked, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { sort: clicked, direction: defaultDirection(clicked) };
}

/** Search results sorted in the browser (the search answers at most one page, newest first). */
export function sortItems(items: readonly MessageListItem[], order: ListOrder): MessageListItem[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  const senderOf = (item: MessageListItem): string => (item.from?.name || item.from?.address || '').toLowerCase();
  const compare = (left: MessageListItem, right: MessageListItem): number => {
    switch (order.sort) {
      case 'date':
        return left.date - right.date;
      case 'size':
        return left.size - right.size;
      case 'sender':
        return senderOf(left).localeCompare(senderOf(right));
      case 'subject':
        return (left.subject ?? '').toLowerCase().localeCompare((right.subject ?? '').toLowerCase());
    }
  };
  return [...items].sort((left, right) => sign * (compare(left, right) || left.id - right.id));
}
