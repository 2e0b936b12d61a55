/**
 * Why an Outbox message waits or failed, in the reader's language. Main keeps a reason's English words
 * with the message (what `--json` shows); a reason Mailbag gives itself is worded again from its code
 * and the message's recipients, while a server's own words are shown as they came. Shared by the
 * window and the command line.
 */
import type { Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';

/** Reasons Mailbag gives itself for an Outbox message, by their code: none carries a server's words. */
const OWN_REASONS: Readonly<Record<string, MessageId>> = {
  // Only the outgoing server's password is looked for while sending; the receive side has its own words.
  PASSWORD_NEEDED: 'outbox.passwordNeeded',
};

/** What a reason is worded from: main's English words, the error code they stand for and the recipients' answers. */
interface OutboxReason {
  readonly state: string;
  readonly reason: string | null;
  readonly reasonCode: string | null;
  readonly recipients: ReadonlyArray<{ readonly address: string; readonly status: string }>;
}

/** The recipients that refused a message, when every one of them did: then that alone is why it failed. */
export function everyRecipientRefused(entry: OutboxReason): string[] | null {
  const refused = entry.recipients.filter((recipient) => recipient.status === 'refused').map((recipient) => recipient.address);
  return entry.state === 'failed' && refused.length > 0 && refused.length === entry.recipients.length ? refused : null;
}

/** A reason Mailbag gives itself, in the language of `t`; undefined for a server's words or no reason. */
export function ownOutboxReason(t: Translate, entry: OutboxReason): string | undefined {
  const id = entry.reasonCode === null || !Object.hasOwn(OWN_REASONS, entry.reasonCode) ? undefined : OWN_REASONS[entry.reasonCode];
  if (id !== undefined) return t(id);
  // Main names them with each server's words, which every recipient's own line gives.
  const refused = everyRecipientRefused(entry);
  return refused === null ? undefined : t('outbox.notDeliveredTo', { addresses: refused.join(', ') });
}

/** The reason in the language of `t` where Mailbag gives it, the server's words otherwise; null when there is none. */
export function outboxReasonText(t: Translate, entry: OutboxReason): string | null {
  return ownOutboxReason(t, entry) ?? entry.reason;
}
