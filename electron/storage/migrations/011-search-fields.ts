import type { Migration } from './migration';

/** The text of one address list column (JSON `[{name, address}]`) as words: names and addresses. */
function addressWords(column: string): string {
  return `(select group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.address'), ''), ' ')
     from json_each(case when json_valid(${column}) then ${column} else '[]' end))`;
}

/** The row of the address index for the messages row `row` (new or m). */
function addressRow(row: string): string {
  return `${row}.id, coalesce(${row}.from_name, '') || ' ' || coalesce(${row}.from_address, ''), ${addressWords(`${row}.to_addresses`)}, ${addressWords(`${row}.cc_addresses`)}`;
}

/** The names of one message's attachments, one per line; no row when it has none with a name. */
function attachmentNames(messageId: string): string {
  return `select ${messageId}, group_concat(file_name, char(10)) from attachments where message_id = ${messageId} and file_name is not null having count(*) > 0`;
}

/**
 * Indexes for the search language's field operators. `message_address_search` keeps From, To and Cc
 * apart (the main index has them in one column), so `from:anna` does not find mail sent to Anna;
 * `attachment_name_search` holds attachment file names as trigrams, so `filename:` finds any part of
 * a name (`filename:port` finds report.pdf). Both are contentless, their rowid the message id, and
 * kept by triggers on the columns they come from, so every writer of those columns (the batch commit
 * with the header columns, the indexer, `rebuild-index`, deletion) keeps them right without knowing
 * them. Filled here from what is already stored.
 */
export const migration011SearchFields: Migration = {
  version: 11,
  name: 'search-fields',
  up(database) {
    database.exec(`
      create virtual table message_address_search using fts5(
        from_text, to_text, cc_text,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      create trigger messages_address_search_insert after insert on messages begin
        insert into message_address_search (rowid, from_text, to_text, cc_text) select ${addressRow('new')};
      end;
      create trigger messages_address_search_update after update of from_name, from_address, to_addresses, cc_addresses on messages begin
        delete from message_address_search where rowid = old.id;
        insert into message_address_search (rowid, from_text, to_text, cc_text) select ${addressRow('new')};
      end;
      create trigger messages_address_search_delete after delete on messages begin
        delete from message_address_search where rowid = old.id;
      end;
      insert into message_address_search (rowid, from_text, to_text, cc_text) select ${addressRow('m')} from messages m;

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
    `);
  },
};
