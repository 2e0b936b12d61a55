import type { Migration } from './migration';

/**
 * The address book. `contacts` holds the user's own contacts and those collected by sending (`book`);
 * `contact_addresses` a contact's addresses in order, with `address_key` (lower case) for lookups such
 * as "is this sender in the address book"; groups list contacts. `address_usage` counts how often and
 * when each address was last written to, for ranking suggestions; it outlives deleted contacts, as a
 * recent recipient is still a good suggestion.
 */
export const migration018Contacts: Migration = {
  version: 18,
  name: 'contacts',
  up(database) {
    database.exec(`
      create table contacts (
        id integer primary key,
        book text not null default 'personal' check (book in ('personal', 'collected')),
        display_name text not null default '',
        first_name text not null default '',
        last_name text not null default '',
        nickname text not null default '',
        phone text not null default '',
        notes text not null default '',
        allow_remote_content integer not null default 0 check (allow_remote_content in (0, 1)),
        created_at integer not null,
        updated_at integer not null
      ) strict;
      create table contact_addresses (
        contact_id integer not null references contacts(id) on delete cascade,
        position integer not null,
        address text not null,
        address_key text not null,
        primary key (contact_id, position)
      ) strict;
      create index contact_addresses_key on contact_addresses(address_key);
      create table contact_groups (
        id integer primary key,
        name text not null unique collate nocase,
        created_at integer not null
      ) strict;
      create table contact_group_members (
        group_id integer not null references contact_groups(id) on delete cascade,
        contact_id integer not null references contacts(id) on delete cascade,
        primary key (group_id, contact_id)
      ) strict;
      create table address_usage (
        address_key text primary key,
        address text not null,
        name text not null default '',
        uses integer not null default 0,
        last_used_at integer not null
      ) strict, without rowid;
    `);
  },
};
