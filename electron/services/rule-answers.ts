/**
 * Sends the answers rules recorded (a reply or a forward with the rule's template) through the Outbox,
 * the queue compose uses, so they are retried, listed and moved to Sent like any message. Each answer
 * is queued and marked queued in one transaction (see Outbox.queueClaimed): never twice, never lost.
 * A reply carries `Auto-Submitted: auto-replied` (RFC 3834 §5), In-Reply-To and References; a forward
 * carries `Auto-Submitted: auto-generated` and the original attached whole (message/rfc822).
 */
import { answerSubject, replyReferences } from '../../shared/compose';
import { englishMessage } from '../../shared/error-words';
import { MailbagError, type ErrorWords, type WordValue } from '../../shared/errors';
import { fillAnswerTemplate } from '../../shared/mail/automatic-mail';
import type { MessageStore } from '../storage/message-store';
import { markRuleAnswerQueued, pendingRuleAnswers, skipRuleAnswer, type PendingRuleAnswer } from '../storage/rule-answers';
import type { Outbox, OutboxComposeInput } from './outbox';

/** The file name of a forwarded original (RFC 2046 §5.2.1: the whole message, unchanged). */
const FORWARDED_FILE_NAME = 'forwarded-message.eml';

/** What sending rule answers needs. */
export interface RuleAnswerOptions {
  readonly store: MessageStore;
  readonly outbox: Pick<Outbox, 'queueClaimed'>;
}

/** What one pass did: the Outbox rows queued, and answers that could not be (with why). */
export interface RuleAnswerReport {
  readonly queued: readonly number[];
  /** Each problem's English (what `--json` and the log keep). */
  readonly problems: readonly string[];
  /** The same problems as catalog messages, for the command line to say in the reader's language. */
  readonly problemWords: readonly ErrorWords[];
}

async function composeAnswer(store: MessageStore, answer: PendingRuleAnswer): Promise<OutboxComposeInput> {
  const original = store.getMessage(answer.messageId);
  const text = fillAnswerTemplate(answer.template, {
    sender: original.from?.name ?? original.from?.address ?? '',
    subject: original.subject ?? '',
    date: new Date(original.date).toUTCString(),
  });
  const to = [{ address: answer.address }];
  switch (answer.kind) {
    case 'reply': {
      const references = replyReferences(original);
      return {
        to,
        subject: answerSubject(original.subject, 'reply'),
        text,
        ...(original.messageId === null ? {} : { inReplyTo: original.messageId }),
        ...(references.length === 0 ? {} : { references }),
        autoSubmitted: 'auto-replied',
      };
    }
    case 'forward':
      return {
        to,
        subject: answerSubject(original.subject, 'forward'),
        text,
        attachments: [{ fileName: FORWARDED_FILE_NAME, contentType: 'message/rfc822', content: await store.readRawMessage(answer.messageId) }],
        autoSubmitted: 'auto-generated',
      };
  }
}

/** Why an answer could not be queued, in English (what the report's English, the log and the database keep). */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The same reason for the reader: the error's catalog message when it has one (said in the reader's language), else its words as given. */
function reasonWords(error: unknown): WordValue {
  return error instanceof MailbagError && error.words !== undefined ? error.words : describe(error);
}

/**
 * Puts every pending rule answer in the Outbox of the answered message's account. An answer that
 * cannot be composed (mail of no account, an address the server cannot take, a message gone) is given
 * up with the reason, so it is not tried at every check.
 */
export async function queueRuleAnswers(options: RuleAnswerOptions): Promise<RuleAnswerReport> {
  const { store, outbox } = options;
  const { database } = store;
  const queued: number[] = [];
  const problems: string[] = [];
  const problemWords: ErrorWords[] = [];
  for (const answer of pendingRuleAnswers(database)) {
    if (answer.accountId === null) {
      skipRuleAnswer(database, answer.id, 'The message belongs to no account that could send the answer.');
      const words: ErrorWords = { id: 'serviceError.ruleAnswer.noAccount', values: { id: String(answer.messageId) } };
      problems.push(englishMessage(words));
      problemWords.push(words);
      continue;
    }
    try {
      const entry = await outbox.queueClaimed(
        answer.accountId,
        await composeAnswer(store, answer),
        { messageId: answer.messageId, kind: answer.kind },
        (outboxId) => markRuleAnswerQueued(database, answer.id, outboxId),
      );
      if (entry !== null) queued.push(entry.id);
    } catch (error) {
      const reason = describe(error);
      skipRuleAnswer(database, answer.id, reason);
      const failed = { rule: answer.rule, id: String(answer.messageId) };
      problems.push(englishMessage({ id: 'serviceError.ruleAnswer.failed', values: { ...failed, reason } }));
      problemWords.push({ id: 'serviceError.ruleAnswer.failed', values: { ...failed, reason: reasonWords(error) } });
    }
  }
  return { queued, problems, problemWords };
}
