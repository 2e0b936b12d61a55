import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MAX_LIST_PAGE, type MessageListItem, type QuickFilterName, type SearchSortName } from '../../shared/mail';
import { describeSearchSyntaxError, type SearchSyntaxError } from '../../shared/search-query';
import { useT } from './locale';
import { bridge } from '../bridge';
import type { MailSource } from './mail-folders';
import { sortItems, type ListOrder } from './list-order';
import { PAGE_SIZE, PageCache } from './message-pages';
import { BridgeError } from './use-result';

export { nextOrder, type ListOrder, type SortKey } from './list-order';

/** What the list shows: a folder (or the unified Inbox) in an order, or search results; either narrowed by the quick filters. */
export type ListQuery =
  | { readonly kind: 'source'; readonly source: MailSource; readonly order: ListOrder; readonly filters: readonly QuickFilterName[] }
  | { readonly kind: 'search'; readonly text: string; readonly sort: SearchSortName; readonly order: ListOrder; readonly filters: readonly QuickFilterName[] };

/** The message list as views use it: rows by index, loaded on demand. */
export interface MessageList {
  /** Rows in the list, null until the first answer. */
  readonly total: number | null;
  /** Changes whenever rows arrive, so views re-render. */
  readonly version: number;
  readonly error: string | null;
  /** A search: how many messages match in all (the list holds the first page), null otherwise. */
  readonly found: number | null;
  /** A search whose text has a mistake: what and where ("Missing closing quote at 14"); null otherwise. */
  readonly syntaxError: string | null;
  /** The row at an index, when loaded. */
  itemAt(index: number): MessageListItem | undefined;
  /** Asks for the rows first..last (inclusive), e.g. those on screen. */
  request(first: number, last: number): void;
  /** The ids of rows first..last, loading what is missing (for Shift-selection and Select all). */
  idsBetween(first: number, last: number): Promise<number[]>;
  /** Where a message is in the loaded rows, or -1. */
  indexOf(id: number): number;
  /** Fetches again (after a failure). */
  refresh(): void;
}

function queryKey(query: ListQuery): string {
  return JSON.stringify(query);
}

/**
 * The rows of a folder, the unified Inbox or a search, windowed: only pages around what is requested
 * are fetched, cached pages are reused, and every mailChanged event refreshes them in place. `keep`
 * names the message the reader shows: a folder narrowed by quick filters goes on listing it after it
 * stops passing them (read in the Unread list), until `keep` names another (Thunderbird's way).
 */
export function useMessageList(query: ListQuery, keep: number | null = null): MessageList {
  const key = queryKey(query);
  const kept = useRef(keep);
  kept.current = keep;
  // Callers rebuild the query on every render; its key decides when the list is a new one.
  const stable = useMemo<ListQuery>(() => JSON.parse(key) as ListQuery, [key]);
  const cache = useRef(new PageCache<MessageListItem>());
  const generation = useRef(0);
  const visible = useRef<{ first: number; last: number }>({ first: 0, last: PAGE_SIZE - 1 });
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<number | null>(null);
  const [syntaxError, setSyntaxError] = useState<{ readonly text: string; readonly error: SearchSyntaxError } | null>(null);
  const t = useT();

  const fetchPage = useCallback(
    async (page: number, current: PageCache<MessageListItem>, stamp: number): Promise<void> => {
      const order = stable.order;
      if (stable.kind === 'search') {
        const result = await bridge.searchMessages({
          text: stable.text,
          sort: stable.sort,
          locale: navigator.language,
          limit: MAX_LIST_PAGE,
          ...(stable.filters.length === 0 ? {} : { filters: [...stable.filters] }),
        });
        if (stamp !== generation.current || current !== cache.current) return;
        if (!result.ok) {
          current.release(page);
          setError(result.error.message);
          return;
        }
        const answer = result.value;
        if (answer.kind === 'syntax-error') {
          current.store(0, [], 0);
          setFound(null);
          setSyntaxError({ text: stable.text, error: answer.error });
        } else {
          // Relevance keeps the store's order; otherwise the columns' order sorts the page here.
          const sorted = stable.sort === 'relevance' ? [...answer.messages] : sortItems(answer.messages, order);
          for (let start = 0, index = 0; start < Math.max(sorted.length, 1); start += PAGE_SIZE, index += 1) {
            current.store(index, sorted.slice(start, start + PAGE_SIZE), sorted.length);
          }
          setFound(answer.total);
          setSyntaxError(null);
        }
      } else {
        const result = await bridge.listMessages({
          source: stable.source,
          sort: order.sort,
          direction: order.direction,
          ...(stable.filters.length === 0 ? {} : { filters: [...stable.filters] }),
          ...(stable.filters.length === 0 || kept.current === null ? {} : { keep: kept.current }),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
        if (stamp !== generation.current || current !== cache.current) return;
        if (!result.ok) {
          current.release(page);
          setError(result.error.message);
          return;
        }
        current.store(page, result.value.messages, result.value.total);
      }
      setError(null);
      setVersion((value) => value + 1);
    },
    [stable],
  );

  const load = useCallback(
    (first: number, last: number): Promise<void>[] => {
      const current = cache.current;
      const stamp = generation.current;
      // A search answers every row at once: its one request stands for all pages.
      const pages = stable.kind === 'search' ? current.claimMissing(0, 0) : current.claimMissing(first, last);
      return pages.map((page) => fetchPage(page, current, stamp));
    },
    [fetchPage, stable.kind],
  );

  const request = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      void Promise.all(load(first, last));
    },
    [load],
  );

  useEffect(() => {
    cache.current = new PageCache<MessageListItem>();
    generation.current += 1;
    if (stable.kind !== 'search') {
      setFound(null);
      setSyntaxError(null);
    }
    setVersion((value) => value + 1);
    request(visible.current.first, visible.current.last);
    const refresh = (): void => {
      cache.current.markStale();
      generation.current += 1;
      request(visible.current.first, visible.current.last);
    };
    return bridge.on('mailChanged', refresh);
  }, [stable, request]);

  const idsBetween = useCallback(
    async (first: number, last: number): Promise<number[]> => {
      const low = Math.max(0, Math.min(first, last));
      const high = Math.max(first, last);
      const ids: number[] = [];
      if (stable.kind === 'search') {
        for (let index = low; index <= high; index += 1) {
          const item = cache.current.itemAt(index);
          if (item !== undefined) ids.push(item.id);
        }
        return ids;
      }
      // Straight from the store in the largest pages allowed, so a range never waits on the cache.
      for (let offset = low; offset <= high; offset += MAX_LIST_PAGE) {
        const limit = Math.min(MAX_LIST_PAGE, high - offset + 1);
        // The same narrowing as the rows shown: a range never takes in messages the quick filters hide.
        const result = await bridge.listMessages({
          source: stable.source,
          sort: stable.order.sort,
          direction: stable.order.direction,
          offset,
          limit,
          ...(stable.filters.length === 0 ? {} : { filters: [...stable.filters] }),
          ...(stable.filters.length === 0 || kept.current === null ? {} : { keep: kept.current }),
        });
        if (!result.ok) throw new BridgeError(result.error);
        for (const item of result.value.messages) ids.push(item.id);
        if (result.value.messages.length < limit) break;
      }
      return ids;
    },
    [stable],
  );

  return {
    total: cache.current.total,
    version,
    error,
    found: stable.kind === 'search' ? found : null,
    syntaxError: stable.kind === 'search' && syntaxError !== null ? describeSearchSyntaxError(syntaxError.text, syntaxError.error, t) : null,
    itemAt: (index) => cache.current.itemAt(index),
    request,
    idsBetween,
    indexOf: (id) => cache.current.indexWhere((item) => item.id === id),
    refresh: () => {
      cache.current.markStale();
      generation.current += 1;
      request(visible.current.first, visible.current.last);
    },
  };
}
