import type { Migration } from './migration';

/**
 * The From, To and Cc full-text rows of a message are no longer written by a trigger on every insert
 * of a messages row: the indexer writes them with the message's other full-text rows (see
 * `applyParseResults`), so the batch commit that stores new mail does not tokenize addresses (it
 * spent about as long on them as on everything else it writes). Rows already written stay; the
 * triggers that rewrite them when the address columns change and remove them with their message stay.
 */
export const migration017AddressSearchAtIndex: Migration = {
  version: 17,
  name: 'address-search-at-index',
  up(database) {
    database.exec('drop trigger messages_address_search_insert;');
  },
};
