import type { Migration } from './migration';

/**
 * The user's answer to a message's read-receipt request (RFC 8098): 'sent' once a receipt was queued,
 * 'declined' when the user said no. A message is asked about until answered, and a receipt is sent at
 * most once; the answer goes with its message.
 */
export const migration021ReadReceipts: Migration = {
  version: 21,
  name: 'read-receipts',
  up(database) {
    database.exec(`
      create table read_receipts (
        message_id integer primary key references messages(id) on delete cascade,
        answer text not null check (answer in ('sent', 'declined')),
        answered_at integer not null
      );
    `);
  },
};
