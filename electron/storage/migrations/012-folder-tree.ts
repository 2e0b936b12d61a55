import type { Migration } from './migration';

/**
 * Folders become a tree: a user folder may sit inside another (`parent_id`), and "Local Folders" are
 * folders of no account (`account_id` null; mail moved there keeps the account it came from). Names are
 * unique among siblings (ignoring ASCII case) instead of per account, and built-in folders still need
 * an account. Messages gain `forwarded`, set like `answered`. The folders table is rebuilt (SQLite cannot
 * relax NOT NULL in place) with foreign keys off and checked before commit, so messages keep their folders.
 */
export const migration012FolderTree: Migration = {
  version: 12,
  name: 'folder-tree',
  rebuildsTables: true,
  up(database) {
    database.exec(`
      create table folders_next (
        id integer primary key,
        account_id text references accounts(id) on delete cascade,
        parent_id integer references folders_next(id) on delete cascade,
        role text check (role in ('inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk')),
        name text not null,
        created_at integer not null,
        check (role is null or (account_id is not null and parent_id is null))
      ) strict;
      insert into folders_next (id, account_id, parent_id, role, name, created_at)
        select id, account_id, null, role, name, created_at from folders;
      drop table folders;
      alter table folders_next rename to folders;
      create unique index folders_account_role on folders(account_id, role) where role is not null;
      create unique index folders_sibling_name on folders(coalesce(account_id, ''), coalesce(parent_id, 0), lower(name));
      create index folders_parent on folders(parent_id);
      alter table messages add column forwarded integer not null default 0 check (forwarded in (0, 1));
    `);
  },
};
