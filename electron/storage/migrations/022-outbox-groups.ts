import type { Migration } from './migration';

/**
 * The contact groups an Outbox message is addressed to (JSON: field, group id, name). They stay one
 * entry each until the message is sent; then the Outbox writes their members at that time into the
 * message and the envelope, and the column is emptied.
 */
export const migration022OutboxGroups: Migration = {
  version: 22,
  name: 'outbox-groups',
  up(database) {
    database.exec(`alter table outbox add column groups text not null default '[]';`);
  },
};
