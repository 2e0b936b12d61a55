import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration005AccountSettings } from '../../../../electron/storage/migrations/005-account-settings';

test('005 adds a JSON settings document and updated_at to accounts, keeping existing accounts', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const earlier = MIGRATIONS.filter((migration) => migration.version < migration005AccountSettings.version);
  for (const migration of earlier) migration.up(db);
  db.prepare("insert into accounts (id, name, email, created_at) values ('old', 'Old', 'old@example.com', 42)").run();
  migration005AccountSettings.up(db);

  assert.deepEqual(db.prepare("select settings, updated_at from accounts where id = 'old'").get(), { settings: '{}', updated_at: 42 });
  const insert = db.prepare('insert into accounts (id, name, email, created_at, updated_at, settings) values (?, ?, ?, 1, 1, ?)');
  insert.run('new', 'New', 'new@example.com', JSON.stringify({ name: 'New' }));
  assert.throws(() => insert.run('bad', 'Bad', 'bad@example.com', '{not json'), /CHECK/);
  assert.throws(() => insert.run('nul', 'Nul', 'nul@example.com', null), /NOT NULL/);
  const plan = db.prepare('explain query plan select id from accounts where email = ? collate nocase').all('x') as Array<{ detail: string }>;
  assert.ok(
    plan.some((row) => /accounts_email/.test(row.detail)),
    JSON.stringify(plan),
  );
  db.close();
});

test('005 is registered right after the migrations before it', () => {
  const index = MIGRATIONS.indexOf(migration005AccountSettings);
  assert.ok(index > 0);
  assert.equal(MIGRATIONS[index - 1]?.version, 4);
  assert.equal(migration005AccountSettings.version, 5);
});
