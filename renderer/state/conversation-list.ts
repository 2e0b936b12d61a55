/**
 * The threaded list's data: pages of conversations of a folder (or the unified Inbox) loaded around
 * what is on screen, and the lines of the conversations the user opened, all refreshed in place when
 * mail changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationLineView, ConversationListItem } from '../../shared/conversations';
import { bridge } from '../bridge';
import type { ExpandedBlock } from './conversation-rows';
import type { MailSource } from './mail-folders';
import { PAGE_SIZE, PageCache } from './message-pages';

/** The threaded list as the view uses it. */
export interface ConversationList {
  /** Conversations in the list, null until the first answer. */
  readonly total: number | null;
  /** Changes whenever conversations or lines arrive. */
  readonly version: number;
  readonly error: string | null;
  /** The conversation at an index, when loaded. */
  itemAt(index: number): ConversationListItem | undefined;
  /** The lines of an open conversation (empty while they load). */
  linesOf(id: number): readonly ConversationLineView[];
  /** The open conversations where they are in the list. */
  readonly blocks: readonly ExpandedBlock[];
  /** Asks for the conversations first..last (inclusive). */
  request(first: number, last: number): void;
  expand(ids: readonly number[]): void;
  collapse(ids: readonly number[] | 'all'): void;
  /** The ids of the loaded conversations of more than one message (what `*` opens). */
  loadedExpandable(): number[];
}

/** The conversation list of a source; nothing is asked of main while `enabled` is false (the flat list is shown). */
export function useConversationList(source: MailSource, enabled: boolean): ConversationList {
  const key = enabled ? JSON.stringify(source) : '';
  const cache = useRef(new PageCache<ConversationListItem>());
  const generation = useRef(0);
  const visible = useRef({ first: 0, last: PAGE_SIZE - 1 });
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlyMap<number, readonly ConversationLineView[]>>(new Map());
  const openRef = useRef(open);
  openRef.current = open;

  const fetchLines = useCallback((ids: readonly number[]) => {
    for (const id of ids) {
      void bridge.getConversation(id).then((result) => {
        if (!result.ok) return;
        setOpen((current) => (current.has(id) ? new Map(current).set(id, result.value.lines) : current));
      });
    }
  }, []);

  const request = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      if (key === '') return;
      const current = cache.current;
      const stamp = generation.current;
      const parsed = JSON.parse(key) as MailSource;
      for (const page of current.claimMissing(first, last)) {
        void bridge.listConversations({ source: parsed, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((result) => {
          if (stamp !== generation.current || current !== cache.current) return;
          if (!result.ok) {
            current.release(page);
            setError(result.error.message);
            return;
          }
          current.store(page, result.value.conversations, result.value.total);
          setError(null);
          setVersion((value) => value + 1);
        });
      }
    },
    [key],
  );

  useEffect(() => {
    cache.current = new PageCache<ConversationListItem>();
    generation.current += 1;
    setOpen(new Map());
    setVersion((value) => value + 1);
    request(visible.current.first, visible.current.last);
    if (key === '') return undefined;
    return bridge.on('mailChanged', () => {
      cache.current.markStale();
      generation.current += 1;
      request(visible.current.first, visible.current.last);
      fetchLines([...openRef.current.keys()]);
    });
  }, [key, request, fetchLines]);

  const blocks: ExpandedBlock[] = [];
  for (const [id, lines] of open) {
    const index = cache.current.indexWhere((item) => item.id === id);
    if (index >= 0) blocks.push({ index, count: lines.length });
  }

  return {
    total: cache.current.total,
    version,
    error,
    itemAt: (index) => cache.current.itemAt(index),
    linesOf: (id) => open.get(id) ?? [],
    blocks,
    request,
    expand: (ids) => {
      const added = ids.filter((id) => !openRef.current.has(id));
      if (added.length === 0) return;
      setOpen((current) => {
        const next = new Map(current);
        for (const id of added) next.set(id, []);
        return next;
      });
      fetchLines(added);
    },
    collapse: (ids) =>
      setOpen((current) => {
        if (ids === 'all') return new Map();
        const next = new Map(current);
        for (const id of ids) next.delete(id);
        return next;
      }),
    loadedExpandable: () => {
      const ids: number[] = [];
      for (let index = 0; index < (cache.current.total ?? 0); index += 1) {
        const item = cache.current.itemAt(index);
        if (item !== undefined && item.messageCount > 1) ids.push(item.id);
      }
      return ids;
    },
  };
}
