/**
 * Colour tags on stored messages (see migration 021): set or taken off many messages at once, from the
 * window or by a rule (in the rule's transaction), and read with each message's list columns.
 */
import type { MessageTag } from '../../shared/tags';
import type { SqliteDatabase } from './database';

/** Puts `tag` on the messages (`on`) or takes it off; returns how many messages changed. */
export function setMessageTag(database: SqliteDatabase, ids: readonly number[], tag: MessageTag, on: boolean): number {
  const json = JSON.stringify(ids);
  return on
    ? database
        .prepare('insert or ignore into message_tags (message_id, tag) select id, ? from messages where id in (select value from json_each(?))')
        .run(tag, json).changes
    : database.prepare('delete from message_tags where tag = ? and message_id in (select value from json_each(?))').run(tag, json).changes;
}

/** Gives a copy the tags of its original (in the caller's transaction). */
export function copyMessageTags(database: SqliteDatabase, fromId: number, toId: number): void {
  database.prepare('insert or ignore into message_tags (message_id, tag) select ?, tag from message_tags where message_id = ?').run(toId, fromId);
}
