import type { Migration } from './migration';

/**
 * The per-account POP3 journal (what the store knows about each server message, by UIDL) and the audit
 * log of every server-side deletion. Neither is derived: they survive `rebuildIndex` and the removal of
 * the local message they point to (the link is then set to null, so the UIDL is never downloaded again).
 */
export const migration003PopJournal: Migration = {
  version: 3,
  name: 'pop-journal',
  up(database) {
    database.exec(`
      create table pop_journal (
        account_id text not null references accounts(id) on delete cascade,
        uidl text not null,
        state text not null check (state in ('downloaded', 'kept-on-server', 'headers-only', 'delete-pending', 'deleted')),
        reason text,
        message_id integer references messages(id) on delete set null,
        size integer,
        first_seen_at integer not null,
        downloaded_at integer,
        updated_at integer not null,
        primary key (account_id, uidl)
      ) strict;
      create index pop_journal_message on pop_journal(message_id) where message_id is not null;
      create index pop_journal_state on pop_journal(account_id, state);

      create table server_deletions (
        id integer primary key,
        account_id text not null references accounts(id) on delete cascade,
        uidl text not null,
        message_id integer references messages(id) on delete set null,
        reason text not null,
        deleted_at integer not null
      ) strict;
      create index server_deletions_account on server_deletions(account_id, deleted_at);
    `);
  },
};
