import type { Migration } from './migration';

/**
 * The index of messages by account also holds their folder, so an account's message count (shown
 * with the account, read whenever accounts are listed) is read from the index alone: it leaves out
 * mail in local folders, and with the folder only in the table row it read every row of the account
 * (about a quarter of a second for 100,000 messages, at every `mailbag receive`). Lookups by account
 * alone use the same index.
 */
export const migration024AccountFolderIndex: Migration = {
  version: 24,
  name: 'account-folder-index',
  up(database) {
    database.exec(`
      drop index if exists messages_account;
      create index messages_account_folder on messages(account_id, folder_id);
    `);
  },
};
