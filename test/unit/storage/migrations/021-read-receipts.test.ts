import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration021ReadReceipts } from '../../../../electron/storage/migrations/021-read-receipts';
import { readReceiptAnswer, recordReadReceiptAnswer } from '../../../../electron/storage/read-receipts';

test('021 records one answer per read-receipt request, which goes with its message', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version <= migration021ReadReceipts.version),
  );
  assert.equal(db.pragma('user_version', { simple: true }), migration021ReadReceipts.version);
  db.exec('pragma foreign_keys = OFF');
  db.prepare('insert into read_receipts (message_id, answer, answered_at) values (?, ?, ?)').run(1, 'sent', 5);
  db.exec('pragma foreign_keys = ON');
  assert.equal(readReceiptAnswer(db, 1), 'sent');
  assert.equal(readReceiptAnswer(db, 2), null);
  assert.equal(recordReadReceiptAnswer(db, 1, 'declined', 6), false, 'a second answer is not recorded');
  assert.equal(readReceiptAnswer(db, 1), 'sent');
  assert.throws(() => db.prepare("insert into read_receipts (message_id, answer, answered_at) values (3, 'maybe', 1)").run(), /CHECK|FOREIGN/);
});
