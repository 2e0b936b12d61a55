import type { Migration } from './migration';

/** The text of one address list column (JSON `[{name, address}]`) as words: names and addresses. */
function addressWords(column: string): string {
  return `(select group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.address'), ''), ' ')
     from json_each(case when json_valid(${column}) then ${column} else '[]' end))`;
}

/** The address indexes: table, and the text of its row for the messages row `row` (new or m). */
function addressIndexes(row: string): ReadonlyArray<readonly [string, string]> {
  return [
    ['message_from_search', `coalesce(${row}.from_name, '') || ' ' || coalesce(${row}.from_address, '')`],
    ['message_to_search', addressWords(`${row}.to_addresses`)],
    ['message_cc_search', addressWords(`${row}.cc_addresses`)],
  ];
}

/** Statements that write the address rows of the messages row `row`. */
function insertAddresses(row: string, from = ''): string {
  return addressIndexes(row)
    .map(([table, text]) => `insert into ${table} (rowid, text) select ${row}.id, ${text} ${from};`)
    .join('\n');
}

function deleteAddresses(row: string): string {
  return addressIndexes(row)
    .map(([table]) => `delete from ${table} where rowid = ${row}.id;`)
    .join('\n');
}

/** The names of one message's attachments, one per line; no row when it has none with a name. */
function attachmentNames(messageId: string): string {
  return `select ${messageId}, group_concat(file_name, char(10)) from attachments where message_id = ${messageId} and file_name is not null having count(*) > 0`;
}

/**
 * Indexes for the search language's field operators and its date order. From, To and Cc get a
 * full-text index each (the main index has them in one column, and a column filter there costs a
 * position list per row), so `from:anna` does not find mail sent to Anna; `attachment_name_search`
 * holds attachment file names as trigrams, so `filename:` finds any part of a name (`filename:port`
 * finds report.pdf). All are contentless, their rowid the message id, and kept by triggers on the
 * columns they come from, so every writer of those columns (the batch commit with the header columns,
 * the indexer, `rebuild-index`, deletion) keeps them right without knowing them. Filled here from what
 * is already stored. `messages_search_date` walks all mail newest first across folders and covers the
 * columns flags, sizes, folders and accounts are tested on, so a search stops after a page and
 * counts without reading message rows. The main and CJK full-text rows of a message now go with it
 * however it is removed (removing an account left them behind; those are removed here), so a search
 * of one word is counted in its index alone.
 */
export const migration011SearchFields: Migration = {
  version: 11,
  name: 'search-fields',
  up(database) {
    database.exec(`
      ${addressIndexes('new')
        .map(([table]) => `create virtual table ${table} using fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');`)
        .join('\n')}
      create trigger messages_address_search_insert after insert on messages begin
        ${insertAddresses('new')}
      end;
      create trigger messages_address_search_update after update of from_name, from_address, to_addresses, cc_addresses on messages begin
        ${deleteAddresses('old')}
        ${insertAddresses('new')}
      end;
      create trigger messages_address_search_delete after delete on messages begin
        ${deleteAddresses('old')}
      end;
      ${insertAddresses('m', 'from messages m')}

      create virtual table attachment_name_search using fts5(
        names,
        content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1'
      );
      create trigger attachments_name_search_insert after insert on attachments begin
        delete from attachment_name_search where rowid = new.message_id;
        insert into attachment_name_search (rowid, names) ${attachmentNames('new.message_id')};
      end;
      create trigger attachments_name_search_delete after delete on attachments begin
        delete from attachment_name_search where rowid = old.message_id;
        insert into attachment_name_search (rowid, names) ${attachmentNames('old.message_id')};
      end;
      insert into attachment_name_search (rowid, names)
        select message_id, group_concat(file_name, char(10)) from attachments where file_name is not null group by message_id;

      create index messages_search_date on messages(sort_date desc, id desc, seen, flagged, has_attachments, size, folder_id, account_id);

      create trigger messages_search_delete after delete on messages begin
        delete from message_search where rowid = old.id;
        delete from message_search_cjk where rowid = old.id;
      end;
      delete from message_search where rowid in (select rowid from message_search except select id from messages);
      delete from message_search_cjk where rowid in (select rowid from message_search_cjk except select id from messages);
    `);
  },
};
