import type { Migration } from './migration';

/** The states in which the POP journal points at a message that has just arrived from the server. */
const ARRIVED = "('downloaded', 'headers-only')";

/**
 * Message rules and junk verdicts. `rules` is one ordered list (global rules have no account), each
 * rule a search-language condition, its actions (JSON) and whether it stops later rules.
 * `rules_pending` names mail that arrived and has not been filtered yet: a trigger on the POP journal
 * writes it in the very transaction that stores the message, so a crash between storing and filtering
 * leaves it pending, never forgotten. Filtering deletes it and writes `rules_ran` in the transaction
 * of the rules' actions, so they never run twice. `message_headers` keeps a message's header section
 * for `header:` conditions; `message_junk` the junk verdict of a message and where it came from.
 */
export const migration015Rules: Migration = {
  version: 15,
  name: 'rules',
  up(database) {
    database.exec(`
      create table rules (
        id integer primary key,
        account_id text references accounts(id) on delete cascade,
        position integer not null,
        name text not null unique collate nocase,
        query text not null,
        actions text not null,
        stop integer not null default 0 check (stop in (0, 1)),
        created_at integer not null
      ) strict;
      create index rules_position on rules(position, id);
      create table rules_pending (message_id integer primary key references messages(id) on delete cascade) strict;
      create table rules_ran (message_id integer primary key references messages(id) on delete cascade, ran_at integer not null) strict;
      create table message_headers (message_id integer primary key references messages(id) on delete cascade, headers text not null) strict;
      create table message_junk (
        message_id integer primary key references messages(id) on delete cascade,
        verdict text not null check (verdict in ('junk', 'ham')),
        source text not null check (source in ('user', 'filter', 'server', 'rule')),
        score real,
        trained text check (trained in ('junk', 'ham')),
        updated_at integer not null
      ) strict;
      create table junk_tokens (token text primary key, junk integer not null default 0, ham integer not null default 0) strict, without rowid;
      create table junk_training (id integer primary key check (id = 1), junk_messages integer not null, ham_messages integer not null) strict;
      insert into junk_training (id, junk_messages, ham_messages) values (1, 0, 0);
      create trigger pop_journal_arrived_insert after insert on pop_journal
        when new.message_id is not null and new.state in ${ARRIVED} begin
          insert or ignore into rules_pending (message_id)
            select new.message_id where not exists (select 1 from rules_ran where message_id = new.message_id);
        end;
      create trigger pop_journal_arrived_update after update of message_id on pop_journal
        when new.message_id is not null and old.message_id is null and new.state in ${ARRIVED} begin
          insert or ignore into rules_pending (message_id)
            select new.message_id where not exists (select 1 from rules_ran where message_id = new.message_id);
        end;
    `);
  },
};
