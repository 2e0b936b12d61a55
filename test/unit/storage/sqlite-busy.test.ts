import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase } from '../../../electron/storage/database';
import { isSqliteBusy, writeUnlessBusy } from '../../../electron/storage/sqlite-busy';
import { temporaryProfile } from './store-fixture';

test('a write SQLite answers busy is tried again, and lands once the other connection has committed', () => {
  const file = path.join(temporaryProfile(), 'mailbag.sqlite');
  const holder = openDatabase(file);
  const writer = openDatabase(file);
  try {
    holder.exec('create table notes (text text)');
    // Busy at once, as SQLite sometimes answers instead of waiting out the busy timeout.
    writer.pragma('busy_timeout = 0');
    holder.exec("begin immediate; insert into notes values ('first')");
    let tries = 0;
    const write = (): number =>
      writer
        .transaction(() => {
          tries += 1;
          return writer.prepare("insert into notes values ('second')").run().changes;
        })
        .immediate();
    assert.throws(write, (error: unknown) => isSqliteBusy(error), 'the other connection holds the write lock');
    let seenBusy = 0;
    const changes = writeUnlessBusy(() => {
      try {
        return write();
      } catch (error) {
        if (isSqliteBusy(error)) {
          seenBusy += 1;
          holder.exec('commit');
        }
        throw error;
      }
    }, 3);
    assert.equal(changes, 1);
    assert.equal(seenBusy, 1, 'answered busy once, then written');
    assert.deepEqual(holder.prepare('select text from notes order by rowid').pluck().all(), ['first', 'second']);
    assert.equal(tries, 1, 'the transaction body ran only when the write lock was taken');
  } finally {
    if (holder.inTransaction) holder.exec('rollback');
    holder.close();
    writer.close();
  }
});

test('busy on every try, or any other error, is thrown', () => {
  let calls = 0;
  const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  assert.throws(
    () =>
      writeUnlessBusy(() => {
        calls += 1;
        throw busy;
      }, 3),
    busy,
  );
  assert.equal(calls, 3);
  calls = 0;
  const broken = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
  assert.throws(
    () =>
      writeUnlessBusy(() => {
        calls += 1;
        throw broken;
      }, 3),
    broken,
  );
  assert.equal(calls, 1, 'not a busy answer: not tried again');
  assert.equal(isSqliteBusy(Object.assign(new Error('snapshot'), { code: 'SQLITE_BUSY_SNAPSHOT' })), true);
  assert.equal(isSqliteBusy(null), false);
});
