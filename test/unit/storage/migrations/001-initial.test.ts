import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migration001Initial } from '../../../../electron/storage/migrations/001-initial';

test('001 creates the accounts table that counts the profile’s accounts', () => {
  const database = new Database(':memory:');
  migration001Initial.up(database);
  database.prepare('insert into accounts (id, name, email, created_at) values (?, ?, ?, ?)').run('a1', 'Home', 'ann@example.com', 1);
  assert.deepEqual(database.prepare('select count(*) as count from accounts').get(), { count: 1 });
  assert.throws(() => database.prepare('insert into accounts (id, name, email, created_at) values (?, ?, ?, ?)').run('a1', 'x', 'y', 2));
  assert.throws(() => database.prepare('insert into accounts (id, name, email, created_at) values (?, ?, ?, ?)').run('a2', 'x', 'y', 'soon'));
  database.close();
});
