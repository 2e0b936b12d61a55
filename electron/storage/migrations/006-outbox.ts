import type { Migration } from './migration';

/**
 * The Outbox queue and what Mailbag learned about each account's SMTP server. An `outbox` row points
 * at the composed raw bytes (a message in the account's Outbox folder, later its Sent folder), so a
 * retry sends the identical bytes with the same Message-ID. It records the SMTP envelope (RFC 5321
 * §3.3), the state, the attempts and the next try, the reason in plain words, and one result per
 * recipient (JSON), so a recipient that accepted the message is never sent it again. Removing the
 * stored message removes its row. `smtp_limits` keeps the SIZE announced in EHLO (RFC 1870) so a
 * message too large is refused before it is queued.
 */
export const migration006Outbox: Migration = {
  version: 6,
  name: 'outbox',
  up(database) {
    database.exec(`
      create table outbox (
        id integer primary key autoincrement,
        account_id text not null references accounts(id) on delete cascade,
        message_id integer not null unique references messages(id) on delete cascade,
        rfc_message_id text not null,
        envelope_from text not null,
        recipients text not null check (json_valid(recipients) and json_type(recipients) = 'array'),
        needs_smtp_utf8 integer not null check (needs_smtp_utf8 in (0, 1)),
        eight_bit integer not null check (eight_bit in (0, 1)),
        size integer not null check (size >= 0),
        state text not null check (state in ('queued', 'sending', 'retrying', 'failed', 'sent', 'ambiguous')),
        attempts integer not null default 0 check (attempts >= 0),
        next_attempt_at integer,
        reason text,
        reason_code text,
        queued_at integer not null,
        updated_at integer not null,
        sent_at integer,
        check ((state = 'retrying') = (next_attempt_at is not null)),
        check ((state = 'sent') = (sent_at is not null))
      ) strict;
      create index outbox_account_state on outbox(account_id, state);
      create index outbox_due on outbox(state, next_attempt_at);

      create table smtp_limits (
        account_id text primary key references accounts(id) on delete cascade,
        max_message_size integer check (max_message_size is null or max_message_size > 0),
        learned_at integer not null
      ) strict;
    `);
  },
};
