/**
 * The answers rules send (see migration 020): recorded with the rule's other actions, in their
 * transaction, so a message is answered once however often rules run on it, and never when it is a
 * bounce, list mail or an automatic answer (RFC 3834 §2). The Outbox queues a pending answer and marks
 * it queued in one transaction, so a crash between the two neither loses nor repeats it.
 */
import type { ErrorWords } from '../../shared/errors';
import { answerAddress, automaticMailReason, describeAutomaticMail, type AutomaticMailReason } from '../../shared/mail/automatic-mail';
import type { RuleAction } from '../../shared/rules';
import type { SqliteDatabase } from './database';

/** An answer action of a rule. */
export type AnswerAction = Extract<RuleAction, { kind: 'reply' | 'forward' }>;

/** An answer waiting to be put in the Outbox. */
export interface PendingRuleAnswer {
  readonly id: number;
  readonly messageId: number;
  /** The account of the answered message, which sends the answer; null for mail of no account. */
  readonly accountId: string | null;
  readonly rule: string;
  readonly kind: 'reply' | 'forward';
  readonly address: string;
  readonly template: string;
}

/** The catalog's name of each reason a message is not answered (its select keys cannot hold hyphens). */
const REASON_KEYS: Readonly<Record<AutomaticMailReason, string>> = {
  'auto-submitted': 'autoSubmitted',
  precedence: 'precedence',
  'mailing-list': 'mailingList',
  'null-return-path': 'nullReturnPath',
  'mailer-daemon': 'mailerDaemon',
  'delivery-report': 'deliveryReport',
  'no-return-address': 'other',
};

/** Why message `id` is not answered, as a catalog message (its English is what reports and `--json` show). */
export function notAnsweredWords(id: number, reason: AutomaticMailReason): ErrorWords {
  return { id: 'storageError.ruleAnswer.notAnswered', values: { id: String(id), reason: REASON_KEYS[reason] } };
}

/** The stored header section of a message ('' when none is stored). */
export function storedHeaderSection(database: SqliteDatabase, messageId: number): string {
  return database.prepare<[number], string>('select headers from message_headers where message_id = ?').pluck().get(messageId) ?? '';
}

/**
 * Records that a rule answers these messages (in the caller's transaction). A reply goes to the
 * sender's address; a message that must not be answered is recorded as skipped, and said in the
 * returned problems (as catalog messages). A message already answered this way (same kind, same
 * address) is left as it is.
 */
export function recordRuleAnswers(database: SqliteDatabase, rule: string, action: AnswerAction, ids: readonly number[], now: number): ErrorWords[] {
  const problems: ErrorWords[] = [];
  const insert = database.prepare(
    `insert or ignore into rule_answers (message_id, rule, kind, address, template, state, reason, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const id of ids) {
    if (action.kind === 'forward') {
      insert.run(id, rule, 'forward', action.to.toLowerCase(), action.template, 'pending', null, now);
      continue;
    }
    const headers = storedHeaderSection(database, id);
    const reason = automaticMailReason(headers);
    const address = (answerAddress(headers) ?? '').toLowerCase();
    if (reason === null) {
      insert.run(id, rule, 'reply', address, action.template, 'pending', null, now);
    } else {
      const why = describeAutomaticMail(reason);
      insert.run(id, rule, 'reply', address, action.template, 'skipped', why, now);
      problems.push(notAnsweredWords(id, reason));
    }
  }
  return problems;
}

/** Answers waiting for the Outbox, oldest first. */
export function pendingRuleAnswers(database: SqliteDatabase): PendingRuleAnswer[] {
  return database
    .prepare<[], PendingRuleAnswer>(
      `select a.id, a.message_id as messageId, m.account_id as accountId, a.rule, a.kind, a.address, a.template
         from rule_answers a join messages m on m.id = a.message_id where a.state = 'pending' order by a.id`,
    )
    .all();
}

/** Marks a pending answer queued as Outbox row `outboxId` (in the transaction that queues it); false when it no longer waits. */
export function markRuleAnswerQueued(database: SqliteDatabase, id: number, outboxId: number): boolean {
  return database.prepare("update rule_answers set state = 'queued', outbox_id = ? where id = ? and state = 'pending'").run(outboxId, id).changes === 1;
}

/** Gives up a pending answer that cannot be sent (no account, a bad address), with the reason. */
export function skipRuleAnswer(database: SqliteDatabase, id: number, reason: string): void {
  database.prepare("update rule_answers set state = 'skipped', reason = ? where id = ? and state = 'pending'").run(reason, id);
}
