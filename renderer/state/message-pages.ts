/**
 * The message list's page cache: a folder may hold 100,000 messages, so the list asks for pages of
 * PAGE_SIZE rows around what is on screen and keeps at most MAX_CACHED_PAGES of them. After mail
 * changes, pages are kept but marked stale, so the list shows them until fresh ones arrive instead of
 * flashing empty rows.
 */

/** Rows per request (the contract allows up to 500; smaller pages answer sooner while scrolling). */
export const PAGE_SIZE = 200;
/** Pages kept in memory; the least recently used go first. */
export const MAX_CACHED_PAGES = 60;

interface CachedPage<T> {
  readonly items: readonly T[];
  stale: boolean;
  usedAt: number;
}

/** Pages of one list (one folder, sort and direction); a new list gets a new cache. */
export class PageCache<T> {
  private readonly pages = new Map<number, CachedPage<T>>();
  private readonly loading = new Set<number>();
  private clock = 0;
  /** Rows in the whole list, once any page has answered. */
  total: number | null = null;

  /** The page that holds a row. */
  static pageOf(index: number): number {
    return Math.floor(index / PAGE_SIZE);
  }

  /** The row at an index, if its page (fresh or stale) is here. */
  itemAt(index: number): T | undefined {
    const page = this.pages.get(PageCache.pageOf(index));
    if (page === undefined) return undefined;
    page.usedAt = ++this.clock;
    return page.items[index % PAGE_SIZE];
  }

  /**
   * Pages to request so rows first..last (inclusive) can be shown fresh: absent or stale, and not
   * already on their way. They are marked as loading.
   */
  claimMissing(first: number, last: number): number[] {
    if (last < first) return [];
    const wanted: number[] = [];
    for (let page = PageCache.pageOf(Math.max(0, first)); page <= PageCache.pageOf(last); page += 1) {
      if (this.total !== null && page * PAGE_SIZE >= this.total && page > 0) break;
      const cached = this.pages.get(page);
      if ((cached === undefined || cached.stale) && !this.loading.has(page)) {
        this.loading.add(page);
        wanted.push(page);
      }
    }
    return wanted;
  }

  /** Stores an answered page and the list's total, then drops the oldest pages beyond the limit. */
  store(page: number, items: readonly T[], total: number): void {
    this.loading.delete(page);
    this.total = total;
    this.pages.set(page, { items, stale: false, usedAt: ++this.clock });
    // Pages past the new end are gone.
    for (const key of [...this.pages.keys()]) if (key * PAGE_SIZE >= Math.max(total, 1) && key > 0) this.pages.delete(key);
    if (this.pages.size <= MAX_CACHED_PAGES) return;
    const oldest = [...this.pages.entries()].sort((left, right) => left[1].usedAt - right[1].usedAt);
    for (const [key] of oldest.slice(0, this.pages.size - MAX_CACHED_PAGES)) this.pages.delete(key);
  }

  /** A request failed: the page may be asked for again. */
  release(page: number): void {
    this.loading.delete(page);
  }

  /** Mail changed: every page is shown until a fresh copy replaces it, and in-flight answers are old. */
  markStale(): void {
    for (const page of this.pages.values()) page.stale = true;
    this.loading.clear();
  }

  /** The index of a message among the cached rows, or -1. */
  indexWhere(accept: (item: T) => boolean): number {
    for (const [key, page] of this.pages) {
      const offset = page.items.findIndex(accept);
      if (offset >= 0) return key * PAGE_SIZE + offset;
    }
    return -1;
  }
}
