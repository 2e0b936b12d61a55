/**
 * The user's answers to read-receipt requests (see migration 018): one row per message, written once,
 * so a second answer (another window, a double click) never queues a second receipt.
 */
import type { SqliteDatabase } from './database';

/** The user's answer to a read-receipt request. */
export type ReadReceiptAnswer = 'sent' | 'declined';

/** The answer given for a message, or null while it is unanswered. */
export function readReceiptAnswer(database: SqliteDatabase, messageId: number): ReadReceiptAnswer | null {
  const row = database.prepare('select answer from read_receipts where message_id = ?').get(messageId) as { answer: ReadReceiptAnswer } | undefined;
  return row?.answer ?? null;
}

/** Records the answer unless one was recorded before; whether this call recorded it. */
export function recordReadReceiptAnswer(database: SqliteDatabase, messageId: number, answer: ReadReceiptAnswer, at: number): boolean {
  return database.prepare('insert or ignore into read_receipts (message_id, answer, answered_at) values (?, ?, ?)').run(messageId, answer, at).changes === 1;
}
