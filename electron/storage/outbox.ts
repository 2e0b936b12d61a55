/**
 * The Outbox queue's rows (see migration 006): insert, read, claim for sending, record the end of an
 * attempt, and turn rows a crash left in `sending` into "may have been sent". The raw bytes live in
 * the message store; the service in `electron/services/outbox` decides what each SMTP outcome means.
 */
import { wordedError } from '../../shared/error-words';
import type { GroupRecipient } from '../../shared/mail/outgoing';
import { outboxReasonWordsSchema, parseOutboxReasonWords, type OutboxReasonWords } from '../../shared/outbox-reason';
import type { SqliteDatabase } from './database';

/** Where a queued message is: waiting, being sent, waiting for another try, or done one way or another. */
export type OutboxState = 'queued' | 'sending' | 'retrying' | 'failed' | 'sent' | 'ambiguous';

/**
 * Where one recipient stands: `pending` (to be sent), `accepted` (the server took responsibility, RFC
 * 5321 §6.1: never sent again), `refused` for good (a 5yz reply to RCPT), `uncertain` (the answer to
 * the final "." never came).
 */
export type OutboxRecipientStatus = 'pending' | 'accepted' | 'refused' | 'uncertain';

/** One envelope recipient and its result so far. */
export interface OutboxRecipient {
  readonly address: string;
  readonly status: OutboxRecipientStatus;
  /** Why it was refused or is still pending, in plain English words with the server's reply. */
  readonly reason?: string;
  /** The same reason as data, worded in the reader's language (absent for recipients kept before). */
  readonly reasonWords?: OutboxReasonWords;
}

/** The stored message a queued one replies to or forwards, marked answered or forwarded once it is sent. */
export interface OutboxAnswer {
  readonly messageId: number;
  readonly kind: 'reply' | 'forward';
}

/** One Outbox row. */
export interface OutboxRow {
  readonly id: number;
  readonly accountId: string;
  /** The stored message (raw bytes) in the message store. */
  readonly messageId: number;
  /** The Message-ID header value, angle brackets included. */
  readonly rfcMessageId: string;
  readonly envelopeFrom: string;
  readonly recipients: readonly OutboxRecipient[];
  readonly needsSmtpUtf8: boolean;
  readonly eightBit: boolean;
  readonly size: number;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly reason: string | null;
  readonly reasonCode: string | null;
  /** The reason as data (migration 023), worded on display; null for rows kept before, or a reason not kept so. */
  readonly reasonWords: OutboxReasonWords | null;
  readonly queuedAt: number;
  readonly updatedAt: number;
  readonly sentAt: number | null;
  /** A queued message is not sent before this time (the undo delay); null when due at once. */
  readonly notBefore: number | null;
  /** The original it answers; null for a new message (or once the original was deleted). */
  readonly answers: OutboxAnswer | null;
  /** Contact groups still to be replaced by their members when the message is sent. */
  readonly groups: readonly GroupRecipient[];
}

/** A new row. */
export interface NewOutboxRow {
  readonly accountId: string;
  readonly messageId: number;
  readonly rfcMessageId: string;
  readonly envelopeFrom: string;
  readonly recipients: readonly string[];
  readonly needsSmtpUtf8: boolean;
  readonly eightBit: boolean;
  readonly size: number;
  /** Not sent before this time (milliseconds since the epoch), so it can still be taken back. */
  readonly notBefore?: number;
  /** The original it replies to or forwards. */
  readonly answers?: OutboxAnswer;
  /** Contact groups to expand when sending. */
  readonly groups?: readonly GroupRecipient[];
}

/** The end of an attempt (or a user's decision), as written to the row. */
export interface OutboxUpdate {
  readonly state: OutboxState;
  readonly recipients: readonly OutboxRecipient[];
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly reason: string | null;
  readonly reasonCode: string | null;
  /** The reason as data; absent or null when it has none (then `reason` is shown as it is). */
  readonly reasonWords?: OutboxReasonWords | null;
  readonly sentAt: number | null;
}

/** A row as read: named as in {@link OutboxRow}, with the recipients as JSON and the flags as 0 or 1. */
interface RawRow extends Omit<OutboxRow, 'recipients' | 'needsSmtpUtf8' | 'eightBit' | 'answers' | 'groups' | 'reasonWords'> {
  readonly recipients: string;
  readonly reasonWords: string | null;
  readonly groups: string;
  readonly needsSmtpUtf8: number;
  readonly eightBit: number;
  readonly answersMessageId: number | null;
  readonly answerKind: string | null;
}

const SELECT = `select id, account_id as accountId, message_id as messageId, rfc_message_id as rfcMessageId, envelope_from as envelopeFrom,
  recipients, needs_smtp_utf8 as needsSmtpUtf8, eight_bit as eightBit, size, state, attempts, next_attempt_at as nextAttemptAt,
  reason, reason_code as reasonCode, reason_words as reasonWords, queued_at as queuedAt, updated_at as updatedAt, sent_at as sentAt, not_before as notBefore,
  answers_message_id as answersMessageId, answer_kind as answerKind, groups
  from outbox`;

/** A stored recipient, its reason's data dropped when it is not one the catalogs can word (its English words stay). */
function checkedRecipient(recipient: OutboxRecipient): OutboxRecipient {
  if (recipient.reasonWords === undefined) return recipient;
  const parsed = outboxReasonWordsSchema.safeParse(recipient.reasonWords);
  if (parsed.success) return recipient;
  const { reasonWords: _dropped, ...rest } = recipient;
  return rest;
}

function toRow(raw: RawRow): OutboxRow {
  const { answersMessageId, answerKind, reasonWords, ...row } = raw;
  const kind = answerKind === 'reply' || answerKind === 'forward' ? answerKind : null;
  return {
    ...row,
    reasonWords: parseOutboxReasonWords(reasonWords),
    recipients: (JSON.parse(row.recipients) as OutboxRecipient[]).map(checkedRecipient),
    groups: JSON.parse(row.groups) as GroupRecipient[],
    needsSmtpUtf8: row.needsSmtpUtf8 === 1,
    eightBit: row.eightBit === 1,
    answers: answersMessageId === null || kind === null ? null : { messageId: answersMessageId, kind },
  };
}

/**
 * The columns a queued message sets, in the order both the insert and the replacement name them
 * (message_id … size, groups): every recipient pending, the flags as 0 or 1.
 */
function messageValues(row: NewOutboxRow): (string | number)[] {
  const recipients: OutboxRecipient[] = row.recipients.map((address) => ({ address, status: 'pending' }));
  return [
    row.messageId,
    row.rfcMessageId,
    row.envelopeFrom,
    JSON.stringify(recipients),
    row.needsSmtpUtf8 ? 1 : 0,
    row.eightBit ? 1 : 0,
    row.size,
    JSON.stringify(row.groups ?? []),
  ];
}

/** Adds a queued message; returns its row id. */
export function insertOutboxRow(database: SqliteDatabase, row: NewOutboxRow, now: number): number {
  const result = database
    .prepare(
      `insert into outbox (account_id, message_id, rfc_message_id, envelope_from, recipients, needs_smtp_utf8, eight_bit, size, groups, state, queued_at, updated_at,
         not_before, answers_message_id, answer_kind)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
    )
    .run(row.accountId, ...messageValues(row), now, now, row.notBefore ?? null, row.answers?.messageId ?? null, row.answers?.kind ?? null);
  return Number(result.lastInsertRowid);
}

/** One row, or undefined. */
export function findOutboxRow(database: SqliteDatabase, id: number): OutboxRow | undefined {
  const row = database.prepare<[number], RawRow>(`${SELECT} where id = ?`).get(id);
  return row === undefined ? undefined : toRow(row);
}

/** One row; NOT_FOUND otherwise. */
export function getOutboxRow(database: SqliteDatabase, id: number): OutboxRow {
  const row = findOutboxRow(database, id);
  if (row === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noOutboxMessage', values: { id: String(id) } });
  return row;
}

/** Every row (of one account), oldest first. */
export function listOutboxRows(database: SqliteDatabase, accountId?: string): OutboxRow[] {
  const rows =
    accountId === undefined
      ? database.prepare<[], RawRow>(`${SELECT} order by id`).all()
      : database.prepare<[string], RawRow>(`${SELECT} where account_id = ? order by id`).all(accountId);
  return rows.map(toRow);
}

/** The condition of a due row, with two parameters for the current time. */
const DUE = `((state = 'queued' and (not_before is null or not_before <= ?)) or (state = 'retrying' and next_attempt_at <= ?))`;
/**
 * The condition of a row a Send/Receive the user asked for sends: the same, but a retrying row is due
 * whatever its backoff (the backoff spares the server on automatic runs only; the undo delay still holds).
 * Two parameters, like {@link DUE}, so the statements take the same arguments.
 */
const DUE_NOW = `((state = 'queued' and (not_before is null or not_before <= ?)) or (state = 'retrying' and ? is not null))`;

/** Which rows count as due: `scheduled` honours the retry backoff, `now` (asked for by the user) does not. */
export type OutboxUrgency = 'scheduled' | 'now';

function dueCondition(urgency: OutboxUrgency): string {
  switch (urgency) {
    case 'scheduled':
      return DUE;
    case 'now':
      return DUE_NOW;
  }
}

/**
 * Ids of the rows due now: queued (and past its undo delay), or retrying with the next try at or
 * before `now` (any retrying row when `urgency` is `now`); oldest first.
 */
export function dueOutboxIds(database: SqliteDatabase, now: number, accountId?: string, urgency: OutboxUrgency = 'scheduled'): number[] {
  const due = dueCondition(urgency);
  const rows =
    accountId === undefined
      ? database.prepare<[number, number], { id: number }>(`select id from outbox where ${due} order by id`).all(now, now)
      : database
          .prepare<[number, number, string], { id: number }>(`select id from outbox where ${due} and account_id = ? order by id`)
          .all(now, now, accountId);
  return rows.map((row) => row.id);
}

/**
 * Marks a due row `sending`, atomically (another flush, in this process or another, may want it too).
 * Returns the row as claimed, or undefined when it was not due any more.
 */
export function claimOutboxRow(database: SqliteDatabase, id: number, now: number, urgency: OutboxUrgency = 'scheduled'): OutboxRow | undefined {
  const result = database
    .prepare(
      `update outbox set state = 'sending', next_attempt_at = null, updated_at = ?
        where id = ? and ${dueCondition(urgency)}`,
    )
    .run(now, id, now, now);
  return result.changes === 1 ? getOutboxRow(database, id) : undefined;
}

/**
 * Writes the end of an attempt or a user's decision. With `expected`, only a row in one of those states
 * is changed; returns whether it was.
 */
export function updateOutboxRow(database: SqliteDatabase, id: number, update: OutboxUpdate, now: number, expected?: readonly OutboxState[]): boolean {
  const states = expected === undefined ? '' : ` and state in (${expected.map(() => '?').join(', ')})`;
  const result = database
    .prepare(
      `update outbox set state = ?, recipients = ?, attempts = ?, next_attempt_at = ?, reason = ?, reason_code = ?, reason_words = ?, sent_at = ?, updated_at = ?
        where id = ?${states}`,
    )
    .run(
      update.state,
      JSON.stringify(update.recipients),
      update.attempts,
      update.nextAttemptAt,
      update.reason,
      update.reasonCode,
      update.reasonWords === undefined || update.reasonWords === null ? null : JSON.stringify(update.reasonWords),
      update.sentAt,
      now,
      id,
      ...(expected ?? []),
    );
  return result.changes === 1;
}

/** Points a row at new bytes (an edit before sending); only while the row is in one of `expected`. */
export function replaceOutboxMessage(database: SqliteDatabase, id: number, row: NewOutboxRow, now: number, expected: readonly OutboxState[]): boolean {
  const result = database
    .prepare(
      `update outbox set message_id = ?, rfc_message_id = ?, envelope_from = ?, recipients = ?, needs_smtp_utf8 = ?, eight_bit = ?, size = ?, groups = ?,
              state = 'queued', attempts = 0, next_attempt_at = null, reason = null, reason_code = null, reason_words = null, updated_at = ?, not_before = ?
        where id = ? and account_id = ? and state in (${expected.map(() => '?').join(', ')})`,
    )
    .run(...messageValues(row), now, row.notBefore ?? null, id, row.accountId, ...expected);
  return result.changes === 1;
}

/** A message whose contact groups were replaced by their members: its new bytes and envelope. */
export interface ExpandedOutboxMessage {
  readonly messageId: number;
  readonly recipients: readonly string[];
  readonly needsSmtpUtf8: boolean;
  readonly eightBit: boolean;
  readonly size: number;
}

/**
 * Points a row being sent at the bytes with its groups' members written in, every recipient pending
 * and no group left; returns whether the row was still being sent.
 */
export function recordExpandedGroups(database: SqliteDatabase, id: number, message: ExpandedOutboxMessage, now: number): boolean {
  const recipients: OutboxRecipient[] = message.recipients.map((address) => ({ address, status: 'pending' }));
  const result = database
    .prepare(
      `update outbox set message_id = ?, recipients = ?, needs_smtp_utf8 = ?, eight_bit = ?, size = ?, groups = '[]', updated_at = ?
        where id = ? and state = 'sending'`,
    )
    .run(message.messageId, JSON.stringify(recipients), message.needsSmtpUtf8 ? 1 : 0, message.eightBit ? 1 : 0, message.size, now, id);
  return result.changes === 1;
}

/** Deletes a row unless it is being sent; returns the row deleted, or undefined. */
export function deleteOutboxRow(database: SqliteDatabase, id: number): OutboxRow | undefined {
  return database
    .transaction(() => {
      const row = findOutboxRow(database, id);
      if (row === undefined || row.state === 'sending') return undefined;
      database.prepare('delete from outbox where id = ?').run(id);
      return row;
    })
    .immediate();
}

/**
 * Rows left in `sending` by a process that ended in the middle of a send (a crash): whether the server
 * took the message cannot be known, so each becomes `ambiguous` with `reason`, and its pending
 * recipients `uncertain`. Never resent automatically. Returns the ids changed.
 */
export function markInterruptedSends(
  database: SqliteDatabase,
  reason: string,
  reasonCode: string,
  now: number,
  reasonWords: OutboxReasonWords | null = null,
): number[] {
  return database
    .transaction(() => {
      const rows = database.prepare<[], RawRow>(`${SELECT} where state = 'sending'`).all().map(toRow);
      for (const row of rows) {
        const recipients = row.recipients.map((recipient): OutboxRecipient =>
          recipient.status === 'pending' ? { address: recipient.address, status: 'uncertain' } : recipient,
        );
        updateOutboxRow(
          database,
          row.id,
          { state: 'ambiguous', recipients, attempts: row.attempts, nextAttemptAt: null, reason, reasonCode, reasonWords, sentAt: null },
          now,
        );
      }
      return rows.map((row) => row.id);
    })
    .immediate();
}

/**
 * What is known of the account's SMTP SIZE limit: undefined when the server was never asked, else the
 * limit it announced last (`maxMessageSize` undefined: it announced none).
 */
export function smtpSizeLimitRecord(database: SqliteDatabase, accountId: string): { readonly maxMessageSize: number | undefined } | undefined {
  const row = database.prepare<[string], { max_message_size: number | null }>('select max_message_size from smtp_limits where account_id = ?').get(accountId);
  return row === undefined ? undefined : { maxMessageSize: row.max_message_size ?? undefined };
}

/** The SIZE limit (bytes) the account's SMTP server announced last, or undefined when unknown or none. */
export function smtpSizeLimit(database: SqliteDatabase, accountId: string): number | undefined {
  const row = database.prepare<[string], { max_message_size: number | null }>('select max_message_size from smtp_limits where account_id = ?').get(accountId);
  return row?.max_message_size ?? undefined;
}

/** Records what the server announced in EHLO (undefined: no limit announced). */
export function recordSmtpSizeLimit(database: SqliteDatabase, accountId: string, maxMessageSize: number | undefined, now: number): void {
  database
    .prepare(
      `insert into smtp_limits (account_id, max_message_size, learned_at) values (?, ?, ?)
       on conflict (account_id) do update set max_message_size = excluded.max_message_size, learned_at = excluded.learned_at`,
    )
    .run(accountId, maxMessageSize !== undefined && maxMessageSize > 0 ? maxMessageSize : null, now);
}
