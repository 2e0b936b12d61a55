import type { Migration } from './migration';

/**
 * The Server mailbox's records: messages the user chose to keep on the server forever (consulted by
 * every Send/Receive policy run, so no policy ever deletes them), and the protocol transcript of the
 * last POP3 session of each account (passwords already redacted by the engine). Neither is derived
 * from raw mail, so both survive `rebuildIndex`.
 */
export const migration009ServerMailbox: Migration = {
  version: 9,
  name: 'server-mailbox',
  up(database) {
    database.exec(`
      create table pop_keep_forever (
        account_id text not null references accounts(id) on delete cascade,
        uidl text not null,
        kept_at integer not null,
        primary key (account_id, uidl)
      ) strict;

      create table pop_transcripts (
        account_id text primary key references accounts(id) on delete cascade,
        kind text not null check (kind in ('send-receive', 'server-mailbox')),
        started_at integer not null,
        ended_at integer not null,
        omitted integer not null default 0,
        entries text not null
      ) strict;
    `);
  },
};
