import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration022OutboxGroups } from '../../../../electron/storage/migrations/022-outbox-groups';
import { getOutboxRow } from '../../../../electron/storage/outbox';

test('022 gives every Outbox row its contact groups, none for the rows queued before', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version < migration022OutboxGroups.version),
  );
  db.exec('pragma foreign_keys = OFF');
  db.prepare(
    `insert into outbox (account_id, message_id, rfc_message_id, envelope_from, recipients, needs_smtp_utf8, eight_bit, size, state, queued_at, updated_at)
     values ('a', 1, '<1@x>', 'ann@example.com', '[{"address":"bob@example.com","status":"pending"}]', 0, 0, 10, 'queued', 1, 1)`,
  ).run();
  migrate(db, MIGRATIONS);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
  assert.deepEqual(getOutboxRow(db, 1).groups, [], 'a message queued before has no group');
  db.prepare(`update outbox set groups = ? where id = 1`).run(JSON.stringify([{ field: 'cc', groupId: 4, name: 'Team' }]));
  assert.deepEqual(getOutboxRow(db, 1).groups, [{ field: 'cc', groupId: 4, name: 'Team' }]);
});
