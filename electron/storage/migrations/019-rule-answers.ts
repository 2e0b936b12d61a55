import type { Migration } from './migration';

/**
 * The answers rules send: one row per message, kind and address (a reply goes to the message's sender,
 * a forward to the rule's address), so the same answer is never sent twice however often rules run on
 * the message. A row is written in the transaction of the rule's other actions, as `pending`, or as
 * `skipped` with the reason when the message must not be answered (a bounce, list mail, an automatic
 * answer: RFC 3834 §2); it becomes `queued` in the transaction that puts the answer in the Outbox.
 */
export const migration019RuleAnswers: Migration = {
  version: 19,
  name: 'rule-answers',
  up(database) {
    database.exec(`
      create table rule_answers (
        id integer primary key,
        message_id integer not null references messages(id) on delete cascade,
        rule text not null,
        kind text not null check (kind in ('reply', 'forward')),
        address text not null,
        template text not null,
        state text not null check (state in ('pending', 'queued', 'skipped')),
        reason text,
        outbox_id integer,
        created_at integer not null,
        unique (message_id, kind, address)
      ) strict;
      create index rule_answers_pending on rule_answers(state) where state = 'pending';
    `);
  },
};
