import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase } from '../../../electron/storage/database';
import { isSqliteBusy, writeWhenFree } from '../../../electron/storage/sqlite-busy';
import { temporaryProfile } from './store-fixture';

test('a write SQLite answers busy is tried again, and lands once the other connection has committed', async () => {
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
    const changes = await writeWhenFree(
      () => {
        try {
          return write();
        } catch (error) {
          if (isSqliteBusy(error)) {
            seenBusy += 1;
            holder.exec('commit');
          }
          throw error;
        }
      },
      { withinMs: 5_000, firstPauseMs: 1, maxPauseMs: 10 },
    );
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

test('SQLite’s busy and locked answers are told from other errors', () => {
  assert.equal(isSqliteBusy(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })), true);
  assert.equal(isSqliteBusy(Object.assign(new Error('snapshot'), { code: 'SQLITE_BUSY_SNAPSHOT' })), true);
  assert.equal(isSqliteBusy(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })), false);
  assert.equal(isSqliteBusy(null), false);
});

test('a write answered busy again and again is tried after growing pauses until it lands, and given up only after the time allowed', async () => {
  const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  let now = 0;
  const clock = (): number => now;
  const triedAt: number[] = [];
  // Busy the first five times (each try "waits" a second of the clock), then written.
  const written = await writeWhenFree(
    () => {
      triedAt.push(now);
      now += 1_000;
      if (triedAt.length <= 5) throw busy;
      return 'written';
    },
    { withinMs: 60_000, firstPauseMs: 1, maxPauseMs: 4 },
    clock,
  );
  assert.equal(written, 'written');
  assert.equal(triedAt.length, 6, 'five busy answers in a row did not stop it');

  now = 0;
  let calls = 0;
  await assert.rejects(
    writeWhenFree(
      () => {
        calls += 1;
        now += 10_000;
        throw busy;
      },
      { withinMs: 30_000, firstPauseMs: 1, maxPauseMs: 4 },
      clock,
    ),
    busy,
  );
  assert.equal(calls, 3, 'busy after the time allowed is final');

  calls = 0;
  const broken = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
  await assert.rejects(
    writeWhenFree(
      () => {
        calls += 1;
        throw broken;
      },
      { withinMs: 30_000, firstPauseMs: 1, maxPauseMs: 4 },
      clock,
    ),
    broken,
  );
  assert.equal(calls, 1, 'not a busy answer: not tried again');
});
