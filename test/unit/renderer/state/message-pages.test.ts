import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CACHED_PAGES, PAGE_SIZE, PageCache } from '../../../../renderer/state/message-pages';

function page(number: number, total = 100_000): number[] {
  return Array.from({ length: Math.min(PAGE_SIZE, total - number * PAGE_SIZE) }, (_, index) => number * PAGE_SIZE + index);
}

test('only the pages holding the requested rows are claimed, each once while on its way', () => {
  const cache = new PageCache<number>();
  assert.deepEqual(cache.claimMissing(0, PAGE_SIZE + 5), [0, 1]);
  assert.deepEqual(cache.claimMissing(0, PAGE_SIZE + 5), [], 'pages on their way are not asked for again');
  cache.store(0, page(0), 100_000);
  assert.equal(cache.itemAt(5), 5);
  assert.equal(cache.itemAt(PAGE_SIZE + 5), undefined);
  cache.release(1);
  assert.deepEqual(cache.claimMissing(PAGE_SIZE, PAGE_SIZE), [1], 'a failed page may be asked for again');
});

test('after mail changed, stale pages are still shown but fetched again', () => {
  const cache = new PageCache<number>();
  cache.claimMissing(0, 0);
  cache.store(0, page(0), 1_000);
  cache.markStale();
  assert.equal(cache.itemAt(3), 3, 'the old rows stay on screen until fresh ones arrive');
  assert.deepEqual(cache.claimMissing(0, 10), [0]);
  cache.store(0, [7, 8, 9], 3);
  assert.equal(cache.total, 3);
  assert.equal(cache.itemAt(0), 7);
  assert.equal(
    cache.indexWhere((item) => item === 9),
    2,
  );
});

test('pages past a shrunken list are dropped and never claimed', () => {
  const cache = new PageCache<number>();
  cache.claimMissing(0, PAGE_SIZE * 3);
  cache.store(2, page(2, 1_000), 1_000);
  cache.store(0, [1, 2], 2);
  assert.equal(cache.itemAt(PAGE_SIZE * 2), undefined);
  assert.deepEqual(cache.claimMissing(0, PAGE_SIZE * 3), []);
});

test('the cache keeps at most MAX_CACHED_PAGES pages, dropping the least recently used', () => {
  const cache = new PageCache<number>();
  const pages = MAX_CACHED_PAGES + 5;
  for (let number = 0; number < pages; number += 1) {
    cache.claimMissing(number * PAGE_SIZE, number * PAGE_SIZE);
    cache.store(number, page(number), 100_000);
    if (number > 0) cache.itemAt(0);
  }
  assert.equal(cache.itemAt(0), 0, 'a page in use stays');
  assert.equal(cache.itemAt(PAGE_SIZE), undefined, 'the oldest unused page went');
  assert.equal(cache.itemAt((pages - 1) * PAGE_SIZE), (pages - 1) * PAGE_SIZE);
});
