/**
 * The words and choices behind the mail window's notices: which Outbox messages need the user, what
 * the Outbox still lists, and how the password question names the account. Kept free of React and
 * styles so they are tested on their own.
 */
import type { OutboxItemView } from '../../shared/compose-ops';
import type { PasswordReason } from './send-receive-model';
import type { Translate } from '../../shared/i18n/catalogs';

/** Outbox states that need the user: sending failed, or it may have been sent and Mailbag will not guess. */
const NEEDS_USER: ReadonlySet<OutboxItemView['state']> = new Set(['failed', 'ambiguous']);

/** The messages the notice is about, oldest first. */
export function stuckOutboxItems(items: readonly OutboxItemView[]): OutboxItemView[] {
  return items.filter((item) => NEEDS_USER.has(item.state));
}

/**
 * What the Outbox lists: everything still waiting or needing the user; a message sent to every
 * recipient leaves it (it is in Sent), while one some recipients refused stays to say who.
 */
export function waitingItems(items: readonly OutboxItemView[]): OutboxItemView[] {
  return items.filter((item) => !(item.state === 'sent' && item.recipients.every((recipient) => recipient.status === 'accepted')));
}

/** Where an account signs in, for the question's words ("alice on pop.example.com"). */
export interface SignInTarget {
  readonly username: string;
  readonly host: string;
}

/** The password question's first sentence, naming the account and where it signs in. */
export function passwordQuestion(t: Translate, name: string, reason: PasswordReason, target: SignInTarget | null): string {
  const account = target === null ? name : t('password.accountAt', { account: name, user: target.username, host: target.host });
  switch (reason) {
    case 'missing':
      return t('password.missing', { account });
    case 'refused':
      return t('password.refused', { account });
  }
}
