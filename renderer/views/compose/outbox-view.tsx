import { useCallback, useEffect, useState } from 'react';
import type { OutboxItemView } from '../../../shared/compose-ops';
import { recipientReasonText } from '../../../shared/outbox-reason';
import { bridge } from '../../bridge';
import { useNavigation } from '../../state/navigation';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Message } from '../../state/locale';
import { waitingItems } from '../../state/window-notices';
import { useComposeWords } from './compose-words';
import { describeOutboxState, outboxRemoval } from './outbox-words';
import './compose.css';

/** The Outbox of one account (or all): state of every waiting message, shown in the list pane. */
export function OutboxView(props: {
  readonly accountId?: string;
  /** Asks for the password of a message that failed for want of one (or a refused one). */
  readonly onEnterPassword?: (accountId: string, reason: 'missing' | 'refused') => void;
  /** The accounts that sign in with a provider: their button offers to sign in again, not a password. */
  readonly providerAccounts?: ReadonlySet<string>;
}) {
  const navigation = useNavigation();
  const words = useComposeWords();
  const { t } = words;
  const [items, setItems] = useState<readonly OutboxItemView[] | null>(null);
  const [subjects, setSubjects] = useState<ReadonlyMap<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  /** The unsent message the user asked to remove, until they confirm. */
  const [removing, setRemoving] = useState<{ readonly id: number; readonly subject: string } | null>(null);
  const { accountId } = props;

  const refresh = useCallback(async () => {
    const result = await bridge.listOutbox(accountId === undefined ? {} : { accountId });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setItems(waitingItems(result.value));
    const names = new Map<number, string>();
    for (const item of result.value) {
      const message = await bridge.getMessage(item.storedMessageId);
      names.set(item.id, message.ok ? (message.value.subject ?? '') : '');
    }
    setSubjects(names);
  }, [accountId]);

  useEffect(() => {
    void refresh();
    return bridge.on('outboxChanged', (event) => {
      if (accountId === undefined || event.accountIds.includes(accountId)) void refresh();
    });
  }, [refresh, accountId]);

  const act = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await action();
    if (!result.ok) setError(result.error?.message ?? t('outbox.failedAction'));
    await refresh();
  };

  return (
    <div className="outbox-view">
      {removing !== null && (
        <ConfirmDialog
          question={outboxRemoval(removing.subject, t)}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving(null);
            void act(() => bridge.removeOutboxMessage(removing.id));
          }}
        />
      )}
      <h2 className="pane-title">{t('mail.outbox')}</h2>
      {error !== null && (
        <p role="alert" className="compose-error">
          {error}
        </p>
      )}
      {items === null ? (
        <p className="empty">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('outbox.empty')}</p>
      ) : (
        <ul className="outbox-list" aria-label={t('outbox.list')}>
          {items.map((item) => {
            const editable = item.state === 'queued' || item.state === 'retrying' || item.state === 'failed';
            const removable = item.state !== 'sending';
            const again = item.state === 'failed' || item.state === 'ambiguous';
            const subject = subjects.get(item.id);
            const shownSubject = subject === undefined ? '' : subject === '' ? t('message.noSubject') : subject;
            return (
              <li
                key={item.id}
                className={`outbox-item outbox-${item.state}`}
                aria-label={shownSubject === '' ? t('outbox.messageNumber', { id: item.id }) : shownSubject}
              >
                <div className="outbox-subject">
                  <bdi>{shownSubject}</bdi>
                </div>
                <div className="outbox-state">{describeOutboxState(item, words)}</div>
                <ul className="outbox-recipients" aria-label={t('outbox.recipients')}>
                  {item.recipients.map((recipient) => {
                    const reason = recipientReasonText(t, recipient);
                    return (
                      <li key={recipient.address} className={`recipient-${recipient.status}`}>
                        {/* The address and the server's reason are data: isolated, they keep their own direction in a right-to-left sentence. */}
                        <Message
                          id={reason === undefined ? 'outbox.recipient' : 'outbox.recipientReason'}
                          values={{
                            address: <bdi>{recipient.address}</bdi>,
                            status: recipient.status,
                            reason: <bdi>{reason ?? ''}</bdi>,
                          }}
                        />
                      </li>
                    );
                  })}
                  {item.groups.map((group) => (
                    <li key={`group-${group.field}-${group.groupId}`} className="recipient-group">
                      {t('compose.outboxGroup', { name: group.name })}
                    </li>
                  ))}
                </ul>
                <div className="outbox-actions">
                  {editable && (
                    <button type="button" onClick={() => navigation.openCompose({ kind: 'outbox', outboxId: item.id })}>
                      {t('outbox.edit')}
                    </button>
                  )}
                  {props.onEnterPassword !== undefined &&
                    item.state === 'failed' &&
                    (item.reasonCode === 'PASSWORD_NEEDED' || item.reasonCode === 'AUTH_FAILED') && (
                      <button type="button" onClick={() => props.onEnterPassword?.(item.accountId, item.reasonCode === 'AUTH_FAILED' ? 'refused' : 'missing')}>
                        {props.providerAccounts?.has(item.accountId) === true ? t('status.signInAgain') : t('status.enterPassword')}
                      </button>
                    )}
                  {again && (
                    <button type="button" onClick={() => void act(() => bridge.sendOutboxAgain(item.id))}>
                      {t('outbox.sendAgain')}
                    </button>
                  )}
                  {removable && (
                    <button
                      type="button"
                      onClick={() =>
                        item.state === 'sent' ? void act(() => bridge.removeOutboxMessage(item.id)) : setRemoving({ id: item.id, subject: subject ?? '' })
                      }
                    >
                      {t('outbox.remove')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
