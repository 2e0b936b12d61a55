/**
 * When indexing beside a download runs: while a download is under way and the machine has a core to
 * spare (its load average below its cores plus one); otherwise the mail waits, whole, for the run in
 * full that follows the download.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createFullTextIndexing, hasSpareCore, SPARE_CORE_LOAD_MARGIN } from '../../../electron/main/full-text-indexing';
import { silentLogger } from '../../../electron/services/logger';
import { ACCOUNT, mail, openTestStore } from '../storage/store-fixture';

test('a core is to spare while the load stays below the cores plus the margin', () => {
  assert.equal(SPARE_CORE_LOAD_MARGIN, 1);
  assert.equal(hasSpareCore(0, 2), true, 'an idle machine');
  assert.equal(hasSpareCore(2.5, 2), true, 'the download and a local server on two cores');
  assert.equal(hasSpareCore(3, 2), false);
  assert.equal(hasSpareCore(17, 2), false, 'a machine others keep busy');
  assert.equal(hasSpareCore(17, 32), true, 'the same load on many cores');
});

test('beside a download, mail is indexed only with a core to spare; the run in full indexes it anyway', { timeout: 60_000 }, async () => {
  const { profile, database, store } = await openTestStore();
  for (let index = 0; index < 20; index += 1) {
    const stored = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: `Spare ${index}`, body: `word${index}` }));
    assert.ok(stored.status === 'stored');
  }
  const unindexed = database.prepare<[], number>('select count(*) from messages where indexed_at is null').pluck();
  const machine = { downloading: true, spare: false };
  const indexing = createFullTextIndexing({
    store,
    target: { databaseFile: path.join(profile, 'mailbag.sqlite') },
    logger: silentLogger,
    downloading: () => machine.downloading,
    spareCore: () => machine.spare,
  });
  try {
    await indexing.indexBesideDownload();
    assert.equal(unindexed.get(), 20, 'no core to spare: nothing indexed beside the download');
    machine.downloading = false;
    machine.spare = true;
    await indexing.indexBesideDownload();
    assert.equal(unindexed.get(), 20, 'no download under way: nothing indexed beside one');
    machine.downloading = true;
    await indexing.indexBesideDownload();
    assert.equal(unindexed.get(), 0, 'a download and a spare core: all indexed');
    const more = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Later', body: 'later' }));
    assert.ok(more.status === 'stored');
    machine.spare = false;
    await indexing.indexPending();
    assert.equal(unindexed.get(), 0, 'the run in full indexes whatever the load');
  } finally {
    await indexing.close();
    await store.close();
    database.close();
  }
});
