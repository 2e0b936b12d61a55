import type { Migration } from './migration';
import { cjkIndexText } from '../cjk-search';

/** Messages read at a time while filling the side index. */
const BACKFILL_BATCH = 1_000;

/**
 * A side full-text index for Chinese, Japanese and Korean words (see cjk-search.ts): contentless, one
 * row per message that has CJK text, its rowid the message id. Filled here from the subjects and names
 * already indexed; message bodies stored before it join it with `mailbag rebuild-index`.
 */
export const migration010CjkSearch: Migration = {
  version: 10,
  name: 'cjk-search',
  up(database) {
    database.exec(`
      create virtual table message_search_cjk using fts5(
        text,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61'
      );
    `);
    const insert = database.prepare('insert into message_search_cjk (rowid, text) values (?, ?)');
    const batch = database.prepare<[number, number], { id: number; subject: string | null; from_name: string | null }>(
      'select id, subject, from_name from messages where indexed_at is not null and id > ? order by id limit ?',
    );
    for (let after = 0; ;) {
      const rows = batch.all(after, BACKFILL_BATCH);
      for (const row of rows) {
        const text = cjkIndexText(row.subject ?? '', row.from_name ?? '');
        if (text !== '') insert.run(row.id, text);
      }
      const last = rows.at(-1);
      if (last === undefined) break;
      after = last.id;
    }
  },
};
