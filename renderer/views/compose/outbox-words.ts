/**
 * What the Outbox says about each waiting message, in the window's language, kept apart from the view
 * so the words of every state are tested as plain data.
 */
import type { OutboxItemView } from '../../../shared/compose-ops';
import { outboxReasonText } from '../../../shared/outbox-reason';
import type { DeleteQuestion } from '../../state/permanent-delete';
import type { ComposeWords } from './compose-words';

/** A message some recipients refused: who, in one line; each one's reason is listed under it. */
function partlySent(item: OutboxItemView, t: ComposeWords['t']): string {
  const refused = item.recipients.filter((recipient) => recipient.status === 'refused').map((recipient) => recipient.address);
  if (refused.length > 0) return t('outbox.partlySentRefused', { addresses: refused.join(', ') });
  const reason = outboxReasonText(t, item);
  return reason === null || reason.trim() === '' ? t('outbox.partlySent') : t('outbox.partlySentReason', { reason });
}

/** The state of an Outbox message in plain words. */
export function describeOutboxState(item: OutboxItemView, words: ComposeWords): string {
  const { t } = words;
  switch (item.state) {
    case 'queued':
      return t('outbox.queued');
    case 'sending':
      return t('outbox.sending');
    case 'retrying': {
      const reason = outboxReasonText(t, item) ?? t('outbox.notYet');
      return item.nextAttemptAt === null ? t('outbox.retryingNext', { reason }) : t('outbox.retryingAt', { time: words.time(item.nextAttemptAt), reason });
    }
    case 'failed': {
      const reason = outboxReasonText(t, item);
      return reason === null ? t('outbox.failedRefused') : t('outbox.failedReason', { reason });
    }
    case 'sent':
      if (item.reason !== null) return partlySent(item, t);
      return item.sentAt === null ? t('outbox.sent') : t('outbox.sentAt', { time: words.time(item.sentAt) });
    case 'ambiguous':
      return t('outbox.ambiguous');
    default: {
      const unknown: never = item.state;
      return String(unknown);
    }
  }
}

/** The question before removing a message that has not been sent from the Outbox: it is deleted, never sent. */
export function outboxRemoval(subject: string, t: ComposeWords['t']): DeleteQuestion {
  return {
    title: t('outbox.removeTitle'),
    text: t('outbox.removeText', { subject: subject === '' ? t('message.noSubject') : subject }),
    confirm: t('outbox.removeConfirm'),
  };
}
