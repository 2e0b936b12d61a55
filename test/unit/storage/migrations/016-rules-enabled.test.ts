import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration016RulesEnabled } from '../../../../electron/storage/migrations/016-rules-enabled';

test('016 keeps the rules saved before it switched on, and a rule can be switched off', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version < migration016RulesEnabled.version),
  );
  db.prepare("insert into rules (position, name, query, actions, created_at) values (1, 'Lists', 'header:list-id:x', '[]', 1)").run();
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version <= migration016RulesEnabled.version),
  );
  assert.equal(db.pragma('user_version', { simple: true }), migration016RulesEnabled.version);
  assert.deepEqual(db.prepare('select name, enabled from rules').all(), [{ name: 'Lists', enabled: 1 }]);
  db.prepare("update rules set enabled = 0 where name = 'Lists'").run();
  assert.throws(() => db.prepare("update rules set enabled = 2 where name = 'Lists'").run(), /CHECK/);
});
