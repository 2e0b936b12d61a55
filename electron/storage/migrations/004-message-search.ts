import type { Migration } from './migration';

/**
 * Full-text search over subject, addresses and body text (SQLite FTS5). The index is contentless (the
 * text is not stored twice) with delete support; its rowid is the message id. Derived: `rebuildIndex`
 * empties and refills it.
 */
export const migration004MessageSearch: Migration = {
  version: 4,
  name: 'message-search',
  up(database) {
    database.exec(`
      create virtual table message_search using fts5(
        subject, addresses, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
