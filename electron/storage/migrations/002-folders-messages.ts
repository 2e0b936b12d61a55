import type { Migration } from './migration';

/**
 * Folders, where raw bytes live (pack files and large-message files), messages and their attachment
 * metadata. A message row holds two kinds of columns: what cannot be derived (account, folder, raw
 * location, size, hash, flags, partial) and what the parser derives from the raw bytes (addresses,
 * subject, dates, references, snippet, thread key, problems), which `rebuildIndex` may clear and
 * recompute. `indexed_at` is null while a message waits for the parser. Message ids are never reused
 * (autoincrement), so a stale id held by a window can never show another message.
 */
export const migration002FoldersMessages: Migration = {
  version: 2,
  name: 'folders-messages',
  up(database) {
    database.exec(`
      create table folders (
        id integer primary key,
        account_id text not null references accounts(id) on delete cascade,
        role text check (role in ('inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk')),
        name text not null,
        created_at integer not null,
        unique (account_id, name)
      ) strict;
      create unique index folders_account_role on folders(account_id, role) where role is not null;

      create table raw_packs (
        id integer primary key,
        file_name text not null unique,
        created_at integer not null
      ) strict;

      create table messages (
        id integer primary key autoincrement,
        account_id text not null references accounts(id) on delete cascade,
        folder_id integer not null references folders(id),
        pack_id integer references raw_packs(id),
        pack_offset integer,
        raw_file text unique,
        size integer not null check (size >= 0),
        sha256 text not null,
        received_at integer not null,
        seen integer not null default 0 check (seen in (0, 1)),
        flagged integer not null default 0 check (flagged in (0, 1)),
        answered integer not null default 0 check (answered in (0, 1)),
        deleted_locally integer not null default 0 check (deleted_locally in (0, 1)),
        partial integer not null default 0 check (partial in (0, 1)),
        sort_date integer not null,
        indexed_at integer,
        subject text,
        from_name text,
        from_address text,
        to_addresses text,
        cc_addresses text,
        date integer,
        message_id text,
        in_reply_to text,
        message_references text,
        snippet text,
        has_attachments integer not null default 0 check (has_attachments in (0, 1)),
        thread_key text,
        parse_problems text,
        check ((pack_id is not null and pack_offset is not null and raw_file is null)
            or (pack_id is null and pack_offset is null and raw_file is not null))
      ) strict;
      create index messages_folder_date on messages(folder_id, sort_date desc, id desc);
      create index messages_folder_flags on messages(folder_id, deleted_locally, seen);
      create index messages_account on messages(account_id);
      create index messages_message_id on messages(message_id);
      create index messages_thread on messages(thread_key);
      create index messages_pack on messages(pack_id);
      create index messages_fingerprint on messages(size, sha256);
      create index messages_unindexed on messages(id) where indexed_at is null;

      create table attachments (
        message_id integer not null references messages(id) on delete cascade,
        ordinal integer not null,
        file_name text,
        content_type text not null,
        size integer not null,
        content_id text,
        inline integer not null check (inline in (0, 1)),
        primary key (message_id, ordinal)
      ) strict;
    `);
  },
};
