import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration018Contacts } from '../../../../electron/storage/migrations/018-contacts';

test('018 adds an empty address book to a store with mail, and deleting a contact takes its addresses and memberships', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version < migration018Contacts.version),
  );
  db.prepare("insert into accounts (id, name, email, created_at) values ('a', 'A', 'a@example.com', 1)").run();
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version <= migration018Contacts.version),
  );
  assert.equal(db.pragma('user_version', { simple: true }), migration018Contacts.version);
  assert.equal(db.prepare('select count(*) from contacts').pluck().get(), 0);
  const id = db.prepare("insert into contacts (display_name, created_at, updated_at) values ('Zoë', 1, 1)").run().lastInsertRowid;
  db.prepare("insert into contact_addresses (contact_id, position, address, address_key) values (?, 0, 'Zoe@Example.com', 'zoe@example.com')").run(id);
  const group = db.prepare("insert into contact_groups (name, created_at) values ('Team', 1)").run().lastInsertRowid;
  db.prepare('insert into contact_group_members (group_id, contact_id) values (?, ?)').run(group, id);
  assert.throws(() => db.prepare("insert into contacts (book, created_at, updated_at) values ('other', 1, 1)").run(), /CHECK/);
  assert.throws(() => db.prepare("insert into contact_groups (name, created_at) values ('TEAM', 1)").run(), /UNIQUE/);
  db.prepare('delete from contacts where id = ?').run(id);
  assert.equal(db.prepare('select count(*) from contact_addresses').pluck().get(), 0);
  assert.equal(db.prepare('select count(*) from contact_group_members').pluck().get(), 0);
});
