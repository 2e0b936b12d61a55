import type { Migration } from './migration';

/**
 * An Outbox message's reason as data (JSON: a catalog message and its values), so the window and the
 * command line say it in the reader's language. Null for reasons kept before: their English words stay.
 */
export const migration023OutboxReasonWords: Migration = {
  version: 23,
  name: 'outbox-reason-words',
  up(database) {
    database.exec(`alter table outbox add column reason_words text;`);
  },
};
