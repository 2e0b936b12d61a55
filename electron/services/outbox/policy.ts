/**
 * What an SMTP outcome means for a queued message: which recipients are done, whether to try again and
 * when (exponential backoff for transient failures: network trouble and 4yz replies, RFC 5321 §4.2.1),
 * when to stop (5yz replies, too many attempts), and that a connection lost after the final "." is
 * "may have been sent" — never resent without the user's decision (RFC 5321 §4.1.1.4, §6.1).
 */
import { createTranslator } from '../../../shared/i18n/catalogs';
import { sayOutboxReason, type OutboxReasonWords } from '../../../shared/outbox-reason';
import type { SmtpErrorData, SmtpRecipientResult, SmtpSendOutcome } from '../../protocols/smtp';
import type { OutboxRecipient, OutboxRow, OutboxUpdate } from '../../storage/outbox';

/** The words a reason is kept in with the message: English, as `--json` shows it. */
const ENGLISH = createTranslator('en');

/** A reason Mailbag gives: its English words (kept as `reason`) and the same as data (worded on display). */
export interface OutboxReasonPair {
  readonly reason: string;
  readonly reasonWords: OutboxReasonWords;
}

/** A reason from its data, with the English words `--json` shows. */
export function reasonPair(words: OutboxReasonWords): OutboxReasonPair {
  return { reason: sayOutboxReason(ENGLISH.t, words), reasonWords: words };
}

/** Delay before the second attempt after a transient failure. */
export const FIRST_RETRY_DELAY_MS = 60_000;
/** Each further delay is this many times the one before. */
export const RETRY_BACKOFF_FACTOR = 2;
/** No delay is longer than this. */
export const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** After this many attempts ending in transient failures, the message is marked failed. */
export const MAX_SEND_ATTEMPTS = 8;

/**
 * A reason Mailbag gives, worded when first read: wording it as the module loads made every process
 * (each `mailbag` command) build the English formatter at start, whether it ever sent mail or not.
 */
function lazyReasonPair(words: OutboxReasonWords): OutboxReasonPair {
  let reason: string | undefined;
  return {
    get reason() {
      return (reason ??= sayOutboxReason(ENGLISH.t, words));
    },
    reasonWords: words,
  };
}

/** What the Outbox shows for a message that may or may not have reached the server. */
export const AMBIGUOUS_REASON = lazyReasonPair({ id: 'outbox.reason.ambiguous' });
/** Same, for a send interrupted by Mailbag ending (a crash or a kill). */
export const INTERRUPTED_REASON = lazyReasonPair({ id: 'outbox.reason.interrupted' });

/** How one attempt ended, as reported by a flush. */
export type OutboxAttemptResult = 'sent' | 'partial' | 'retrying' | 'failed' | 'ambiguous';

/** The delay before the next attempt, after `attempts` attempts (1 or more). */
export function retryDelayMs(attempts: number): number {
  const delay = FIRST_RETRY_DELAY_MS * RETRY_BACKOFF_FACTOR ** Math.max(0, attempts - 1);
  return Math.min(MAX_RETRY_DELAY_MS, delay);
}

/**
 * An SMTP error as reason data: the engine's catalog message (or its English words when it has none),
 * with the server's own reply, as it came, when there is one and the words do not already quote it.
 */
export function smtpErrorWords(error: SmtpErrorData): OutboxReasonWords {
  const said: OutboxReasonWords =
    error.words === undefined ? { text: error.message } : { id: error.words.id, ...(error.words.values === undefined ? {} : { values: error.words.values }) };
  if (error.response === undefined || error.message.includes(error.response.trim())) return said;
  return { id: 'outbox.reason.serverSaid', values: { reason: said, response: error.response } };
}

/** An SMTP error in plain English words, with the server's own reply when there is one and the words do not already quote it. */
export function describeSmtpError(error: SmtpErrorData): string {
  return sayOutboxReason(ENGLISH.t, smtpErrorWords(error));
}

/** Recipients the next attempt must not send to: accepted ones (never twice) and ones refused for good. */
export function recipientsToSkip(recipients: readonly OutboxRecipient[]): string[] {
  return recipients.filter((recipient) => recipient.status === 'accepted' || recipient.status === 'refused').map((recipient) => recipient.address);
}

function merged(previous: OutboxRecipient, result: SmtpRecipientResult | undefined): OutboxRecipient {
  if (result === undefined) return previous;
  switch (result.status) {
    case 'accepted':
      return { address: previous.address, status: 'accepted' };
    case 'refused': {
      const { reason, reasonWords } = reasonPair(result.error === undefined ? { id: 'outbox.reason.recipientRefused' } : smtpErrorWords(result.error));
      return { address: previous.address, status: result.error?.retryable === true ? 'pending' : 'refused', reason, reasonWords };
    }
    case 'uncertain':
      return { address: previous.address, status: 'uncertain' };
    case 'skipped':
    case 'not-attempted':
      return previous;
  }
}

/** The recipients after an attempt: each result applied to the recipient it is about. */
export function mergeRecipients(recipients: readonly OutboxRecipient[], results: readonly SmtpRecipientResult[]): OutboxRecipient[] {
  const byAddress = new Map(results.map((result) => [result.address, result]));
  return recipients.map((recipient) => merged(recipient, byAddress.get(recipient.address)));
}

/** A recipient with its reason, or `fallback` (a message with the address) when it has none. */
function recipientWords(recipient: OutboxRecipient, fallback: 'outbox.reason.addressRefused' | 'outbox.reason.addressNotYetSent'): OutboxReasonWords {
  // A recipient kept before reasons were data has only its English words: they are shown as they are.
  const reason: OutboxReasonWords | undefined = recipient.reasonWords ?? (recipient.reason === undefined ? undefined : { text: recipient.reason });
  return reason === undefined
    ? { id: fallback, values: { address: recipient.address } }
    : { id: 'outbox.reason.addressBecause', values: { address: recipient.address, reason } };
}

function refusedSummary(recipients: readonly OutboxRecipient[]): OutboxReasonPair | null {
  const refused = recipients.filter((recipient) => recipient.status === 'refused');
  if (refused.length === 0) return null;
  return reasonPair({
    id: 'outbox.reason.notDeliveredTo',
    values: { recipients: refused.map((recipient) => recipientWords(recipient, 'outbox.reason.addressRefused')) },
  });
}

/** The decision after an attempt: the row's new values and how the attempt is reported. */
export interface OutboxDecision {
  readonly update: OutboxUpdate;
  readonly result: OutboxAttemptResult;
  /** Move the message to Sent (the server accepted it for every recipient it will ever accept). */
  readonly moveToSent: boolean;
}

/** A transient failure: try again later, unless the attempts are used up. */
function retryOrGiveUp(attempts: number, recipients: OutboxRecipient[], why: OutboxReasonWords, code: string, now: number, partial: boolean): OutboxDecision {
  if (attempts >= MAX_SEND_ATTEMPTS) {
    const anyAccepted = recipients.some((recipient) => recipient.status === 'accepted');
    const final = reasonPair({ id: 'outbox.reason.gaveUp', values: { attempts, reason: why } });
    return {
      update: {
        state: anyAccepted ? 'sent' : 'failed',
        recipients,
        attempts,
        nextAttemptAt: null,
        ...final,
        reasonCode: code,
        sentAt: anyAccepted ? now : null,
      },
      result: anyAccepted ? 'partial' : 'failed',
      moveToSent: anyAccepted,
    };
  }
  return {
    update: { state: 'retrying', recipients, attempts, nextAttemptAt: now + retryDelayMs(attempts), ...reasonPair(why), reasonCode: code, sentAt: null },
    result: partial ? 'partial' : 'retrying',
    moveToSent: false,
  };
}

/** Every recipient has an answer for good: the message is sent (to some or all) or failed. */
function finish(attempts: number, recipients: OutboxRecipient[], now: number, failure: { words: OutboxReasonWords; code: string } | undefined): OutboxDecision {
  const anyAccepted = recipients.some((recipient) => recipient.status === 'accepted');
  const refused = refusedSummary(recipients);
  if (anyAccepted) {
    return {
      update: {
        state: 'sent',
        recipients,
        attempts,
        nextAttemptAt: null,
        reason: refused?.reason ?? null,
        reasonWords: refused?.reasonWords ?? null,
        reasonCode: refused === null ? null : 'PARTIAL_FAILURE',
        sentAt: now,
      },
      result: refused === null ? 'sent' : 'partial',
      moveToSent: true,
    };
  }
  return {
    update: {
      state: 'failed',
      recipients,
      attempts,
      nextAttemptAt: null,
      ...(refused ?? reasonPair(failure?.words ?? { id: 'outbox.reason.serverRefusedMessage' })),
      reasonCode: failure?.code ?? 'SERVER_PERMANENT',
      sentAt: null,
    },
    result: 'failed',
    moveToSent: false,
  };
}

/** Decides what a send outcome means for the row that was being sent. */
export function decideAfterSend(row: OutboxRow, outcome: SmtpSendOutcome, now: number): OutboxDecision {
  const attempts = row.attempts + 1;
  const recipients = mergeRecipients(row.recipients, outcome.recipients);
  const pending = recipients.filter((recipient) => recipient.status === 'pending');
  switch (outcome.kind) {
    case 'sent':
    case 'partial': {
      if (pending.length === 0) return finish(attempts, recipients, now, undefined);
      const why: OutboxReasonWords = {
        id: 'outbox.reason.waitingFor',
        values: { recipients: pending.map((recipient) => recipientWords(recipient, 'outbox.reason.addressNotYetSent')) },
      };
      return retryOrGiveUp(attempts, recipients, why, 'SERVER_TEMPORARY', now, true);
    }
    case 'ambiguous':
      return {
        update: { state: 'ambiguous', recipients, attempts, nextAttemptAt: null, ...AMBIGUOUS_REASON, reasonCode: outcome.error.code, sentAt: null },
        result: 'ambiguous',
        moveToSent: false,
      };
    case 'failed': {
      const why = smtpErrorWords(outcome.error);
      if (pending.length === 0) return finish(attempts, recipients, now, { words: why, code: outcome.error.code });
      if (outcome.error.code === 'CANCELLED') {
        return {
          update: {
            state: 'queued',
            recipients,
            attempts: row.attempts,
            nextAttemptAt: null,
            ...reasonPair({ id: 'outbox.reason.stopped' }),
            reasonCode: 'CANCELLED',
            sentAt: null,
          },
          result: 'failed',
          moveToSent: false,
        };
      }
      if (outcome.error.retryable) return retryOrGiveUp(attempts, recipients, why, outcome.error.code, now, false);
      return {
        update: { state: 'failed', recipients, attempts, nextAttemptAt: null, ...reasonPair(why), reasonCode: outcome.error.code, sentAt: null },
        result: 'failed',
        moveToSent: false,
      };
    }
  }
}
