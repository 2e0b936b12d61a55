import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWritingConnection } from '../../../electron/storage/database-connection';
import { openDatabase, schemaVersion } from '../../../electron/storage/database';

function file(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-connection-')), 'mailbag.sqlite');
}

test('a writing connection opens the migrated database with the settings of its owner, and migrates nothing', () => {
  const target = file();
  const owner = openDatabase(target);
  const connection = openWritingConnection(target);
  try {
    assert.equal(schemaVersion(connection), schemaVersion(owner));
    assert.equal(connection.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(connection.pragma('synchronous', { simple: true }), 2, 'synchronous = FULL');
    assert.equal(connection.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(connection.pragma('busy_timeout', { simple: true }), 5_000);
  } finally {
    connection.close();
    owner.close();
  }
});

test("a writing connection never creates a database: without its owner's file it is refused", () => {
  const target = file();
  assert.throws(() => openWritingConnection(target));
  assert.equal(existsSync(target), false);
});
