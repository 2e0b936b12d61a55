import type { Migration } from './migration';

/**
 * Colour tags (Important, Work, Personal, To Do, Later): any number per message, set from the window or
 * by rules, shown in the message list and searched with `tag:`. They belong to the message as stored
 * here (POP3 has no keywords), so a copy starts with the tags of its original and rebuild-index keeps them.
 */
export const migration020MessageTags: Migration = {
  version: 20,
  name: 'message-tags',
  up(database) {
    database.exec(`
      create table message_tags (
        message_id integer not null references messages(id) on delete cascade,
        tag text not null check (tag in ('important', 'work', 'personal', 'todo', 'later')),
        primary key (message_id, tag)
      ) strict, without rowid;
      create index message_tags_tag on message_tags(tag, message_id);
    `);
  },
};
