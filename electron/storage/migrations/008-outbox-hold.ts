import type { Migration } from './migration';

/**
 * The time before which a queued message is not sent (`not_before`, milliseconds since the epoch):
 * a message just sent from compose waits there for the user's undo delay, and Undo removes it while it
 * is still queued. Null: due at once. Only `queued` rows are held; every other state ignores it.
 */
export const migration008OutboxHold: Migration = {
  version: 8,
  name: 'outbox-hold',
  up(database) {
    database.exec(`
      alter table outbox add column not_before integer check (not_before is null or not_before >= 0);
    `);
  },
};
