import type { Migration } from './migration';

/**
 * The account configuration: servers, identities and Send/Receive policies as one JSON document
 * (validated by `shared/accounts.ts` on every read and write, and checked to be JSON here), and when
 * it last changed. Passwords are never stored here; they live in the keychain. Accounts created
 * before this step get an empty document, which the account service reports as "set up again".
 */
export const migration005AccountSettings: Migration = {
  version: 5,
  name: 'account-settings',
  up(database) {
    database.exec(`
      alter table accounts add column settings text not null default '{}' check (json_valid(settings));
      alter table accounts add column updated_at integer not null default 0;
      update accounts set updated_at = created_at;
      create index accounts_email on accounts(email collate nocase);
    `);
  },
};
