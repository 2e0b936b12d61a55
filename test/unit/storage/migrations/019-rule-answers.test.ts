import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration019RuleAnswers } from '../../../../electron/storage/migrations/019-rule-answers';

test('019 keeps one answer per message, kind and address, and forgets it with its message', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version <= migration019RuleAnswers.version),
  );
  assert.equal(db.pragma('user_version', { simple: true }), migration019RuleAnswers.version);
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  db.prepare("insert into folders (id, account_id, role, name, created_at) values (1, 'a', 'inbox', 'Inbox', 1)").run();
  db.prepare("insert into raw_packs (id, file_name, created_at) values (1, 'p', 1)").run();
  const message = 7;
  db.prepare(
    "insert into messages (id, account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date) values (?, 'a', 1, 1, 0, 10, 'x', 1, 1)",
  ).run(message);
  const answer = db.prepare(
    "insert or ignore into rule_answers (message_id, rule, kind, address, template, state, created_at) values (?, 'R', ?, ?, '', ?, 1)",
  );
  assert.equal(answer.run(message, 'reply', 'ann@example.com', 'pending').changes, 1);
  assert.equal(answer.run(message, 'reply', 'ann@example.com', 'pending').changes, 0, 'never twice');
  assert.equal(answer.run(message, 'forward', 'carol@example.org', 'pending').changes, 1);
  const strict = db.prepare("insert into rule_answers (message_id, rule, kind, address, template, state, created_at) values (?, 'R', ?, ?, '', ?, 1)");
  assert.throws(() => strict.run(message, 'reply', 'ann@example.com', 'pending'), /UNIQUE/);
  assert.throws(() => strict.run(message, 'bounce', 'x@example.com', 'pending'), /CHECK/);
  assert.throws(() => strict.run(message, 'reply', 'y@example.com', 'sent'), /CHECK/);
  db.prepare('delete from messages where id = ?').run(message);
  assert.equal(db.prepare('select count(*) from rule_answers').pluck().get(), 0);
});
