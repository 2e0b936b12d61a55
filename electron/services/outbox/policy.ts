/**
 * What an SMTP outcome means for a queued message: which recipients are done, whether to try again and
 * when (exponential backoff for transient failures: network trouble and 4yz replies, RFC 5321 §4.2.1),
 * when to stop (5yz replies, too many attempts), and that a connection lost after the final "." is
 * "may have been sent" — never resent without the user's decision (RFC 5321 §4.1.1.4, §6.1).
 */
import type { SmtpErrorData, SmtpRecipientResult, SmtpSendOutcome } from '../../protocols/smtp';
import type { OutboxRecipient, OutboxRow, OutboxUpdate } from '../../storage/outbox';

/** Delay before the second attempt after a transient failure. */
export const FIRST_RETRY_DELAY_MS = 60_000;
/** Each further delay is this many times the one before. */
export const RETRY_BACKOFF_FACTOR = 2;
/** No delay is longer than this. */
export const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** After this many attempts ending in transient failures, the message is marked failed. */
export const MAX_SEND_ATTEMPTS = 8;

/** What the Outbox shows for a message that may or may not have reached the server. */
export const AMBIGUOUS_REASON =
  'The connection ended before the server confirmed the message, so it may have been sent — check your Sent folder or the recipients before sending again.';
/** Same, for a send interrupted by Mailbag ending (a crash or a kill). */
export const INTERRUPTED_REASON =
  'Mailbag stopped while this message was being sent, so it may have been sent — check your Sent folder or the recipients before sending again.';

/** How one attempt ended, as reported by a flush. */
export type OutboxAttemptResult = 'sent' | 'partial' | 'retrying' | 'failed' | 'ambiguous';

/** The delay before the next attempt, after `attempts` attempts (1 or more). */
export function retryDelayMs(attempts: number): number {
  const delay = FIRST_RETRY_DELAY_MS * RETRY_BACKOFF_FACTOR ** Math.max(0, attempts - 1);
  return Math.min(MAX_RETRY_DELAY_MS, delay);
}

/** An SMTP error in plain words, with the server's own reply when there is one and the words do not already quote it. */
export function describeSmtpError(error: SmtpErrorData): string {
  if (error.response === undefined || error.message.includes(error.response.trim())) return error.message;
  return `${error.message} The server said: ${error.response}`;
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
      const reason = result.error === undefined ? 'The server refused this recipient.' : describeSmtpError(result.error);
      return { address: previous.address, status: result.error?.retryable === true ? 'pending' : 'refused', reason };
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

function refusedSummary(recipients: readonly OutboxRecipient[]): string | null {
  const refused = recipients.filter((recipient) => recipient.status === 'refused');
  if (refused.length === 0) return null;
  return `Not delivered to ${refused.map((recipient) => `${recipient.address} (${recipient.reason ?? 'refused'})`).join('; ')}.`;
}

/** The decision after an attempt: the row's new values and how the attempt is reported. */
export interface OutboxDecision {
  readonly update: OutboxUpdate;
  readonly result: OutboxAttemptResult;
  /** Move the message to Sent (the server accepted it for every recipient it will ever accept). */
  readonly moveToSent: boolean;
}

/** A transient failure: try again later, unless the attempts are used up. */
function retryOrGiveUp(attempts: number, recipients: OutboxRecipient[], reason: string, code: string, now: number, partial: boolean): OutboxDecision {
  if (attempts >= MAX_SEND_ATTEMPTS) {
    const anyAccepted = recipients.some((recipient) => recipient.status === 'accepted');
    const final = `Mailbag gave up after ${attempts} attempts. ${reason}`;
    return {
      update: {
        state: anyAccepted ? 'sent' : 'failed',
        recipients,
        attempts,
        nextAttemptAt: null,
        reason: final,
        reasonCode: code,
        sentAt: anyAccepted ? now : null,
      },
      result: anyAccepted ? 'partial' : 'failed',
      moveToSent: anyAccepted,
    };
  }
  return {
    update: { state: 'retrying', recipients, attempts, nextAttemptAt: now + retryDelayMs(attempts), reason, reasonCode: code, sentAt: null },
    result: partial ? 'partial' : 'retrying',
    moveToSent: false,
  };
}

/** Every recipient has an answer for good: the message is sent (to some or all) or failed. */
function finish(attempts: number, recipients: OutboxRecipient[], now: number, failure: { reason: string; code: string } | undefined): OutboxDecision {
  const anyAccepted = recipients.some((recipient) => recipient.status === 'accepted');
  const refused = refusedSummary(recipients);
  if (anyAccepted) {
    return {
      update: {
        state: 'sent',
        recipients,
        attempts,
        nextAttemptAt: null,
        reason: refused,
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
      reason: refused ?? failure?.reason ?? 'The server refused the message.',
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
      const reason = `Waiting to try again for ${pending.map((recipient) => `${recipient.address} (${recipient.reason ?? 'not yet sent'})`).join('; ')}.`;
      return retryOrGiveUp(attempts, recipients, reason, 'SERVER_TEMPORARY', now, true);
    }
    case 'ambiguous':
      return {
        update: { state: 'ambiguous', recipients, attempts, nextAttemptAt: null, reason: AMBIGUOUS_REASON, reasonCode: outcome.error.code, sentAt: null },
        result: 'ambiguous',
        moveToSent: false,
      };
    case 'failed': {
      const reason = describeSmtpError(outcome.error);
      if (pending.length === 0) return finish(attempts, recipients, now, { reason, code: outcome.error.code });
      if (outcome.error.code === 'CANCELLED') {
        return {
          update: {
            state: 'queued',
            recipients,
            attempts: row.attempts,
            nextAttemptAt: null,
            reason: 'Sending was stopped before the message went out.',
            reasonCode: 'CANCELLED',
            sentAt: null,
          },
          result: 'failed',
          moveToSent: false,
        };
      }
      if (outcome.error.retryable) return retryOrGiveUp(attempts, recipients, reason, outcome.error.code, now, false);
      return {
        update: { state: 'failed', recipients, attempts, nextAttemptAt: null, reason, reasonCode: outcome.error.code, sentAt: null },
        result: 'failed',
        moveToSent: false,
      };
    }
  }
}
