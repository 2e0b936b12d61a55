import type { Migration } from './migration';

/**
 * The stored message a queued message replies to or forwards (`answers_message_id`, `answer_kind`):
 * once the server has accepted the message, that original is marked answered or forwarded, whether the
 * message went at once or later from the Outbox. Deleting the original only forgets the link.
 */
export const migration014OutboxAnswers: Migration = {
  version: 14,
  name: 'outbox-answers',
  up(database) {
    database.exec(`
      alter table outbox add column answers_message_id integer references messages(id) on delete set null;
      alter table outbox add column answer_kind text check (answer_kind is null or answer_kind in ('reply', 'forward'));
    `);
  },
};
