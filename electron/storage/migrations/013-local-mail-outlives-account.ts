import type { Migration } from './migration';

/** How the messages table declared its account when it still had to have one. */
const REQUIRED_ACCOUNT = 'account_id text not null references accounts(id) on delete cascade';

/**
 * Mail filed in Local Folders outlives the account it came from. `messages.account_id` may be null, and
 * removing an account first lets go of its messages that sit in a folder of no account (a trigger, so
 * every way of removing the row does it), so the cascade deletes only the mail in the account's own
 * folders; the raw bytes stay referenced by the kept rows. While the account exists its mail in Local
 * Folders still names it, so the POP journal and the duplicate safety net see it as before. The
 * messages table is rebuilt from its own stored definition (SQLite cannot relax NOT NULL in place),
 * with its indexes and triggers, and its autoincrement counter carried over so ids are never reused.
 */
export const migration013LocalMailOutlivesAccount: Migration = {
  version: 13,
  name: 'local-mail-outlives-account',
  rebuildsTables: true,
  up(database) {
    const table = database.prepare<[], { sql: string }>("select sql from sqlite_master where type = 'table' and name = 'messages'").get();
    if (table === undefined || !table.sql.includes(REQUIRED_ACCOUNT)) throw new Error('The messages table is not the one this step knows.');
    const dependents = database
      .prepare<[], { sql: string }>("select sql from sqlite_master where tbl_name = 'messages' and type in ('index', 'trigger') and sql is not null")
      .all();
    const columns = database
      .prepare<[], { name: string; hidden: number }>("select name, hidden from pragma_table_xinfo('messages')")
      .all()
      .filter((column) => column.hidden === 0)
      .map((column) => column.name)
      .join(', ');
    const sequence = database.prepare<[], { seq: number }>("select seq from sqlite_sequence where name = 'messages'").get()?.seq ?? 0;
    const nextTable = table.sql
      .replace(/^CREATE TABLE messages\b/, 'create table messages_next')
      .replace(REQUIRED_ACCOUNT, 'account_id text references accounts(id) on delete cascade');
    database.exec(nextTable);
    database.exec(`insert into messages_next (${columns}) select ${columns} from messages`);
    database.exec('drop table messages');
    database.exec('alter table messages_next rename to messages');
    for (const dependent of dependents) database.exec(dependent.sql);
    database.prepare("update sqlite_sequence set seq = max(seq, ?) where name = 'messages'").run(sequence);
    database.exec(`
      create trigger accounts_keep_local_mail before delete on accounts begin
        update messages set account_id = null
          where account_id = old.id and folder_id in (select id from folders where account_id is null);
      end;
    `);
  },
};
