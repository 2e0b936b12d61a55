import { useCallback, useEffect, useState } from 'react';
import type { OutboxItemView } from '../../../shared/compose-ops';
import { bridge } from '../../bridge';
import { useT } from '../../state/locale';
import { useNavigation } from '../../state/navigation';
import { outboxRemoveQuestion } from '../../state/permanent-delete';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { waitingItems } from '../../state/window-notices';
import './compose.css';

/** A message some recipients refused: who, in one line; each one's reason is listed under it. */
function partlySent(item: OutboxItemView): string {
  const refused = item.recipients.filter((recipient) => recipient.status === 'refused').map((recipient) => recipient.address);
  return refused.length === 0
    ? `Sent, but not to everyone. ${item.reason ?? ''}`.trim()
    : `Sent, but not to everyone: not delivered to ${refused.join(', ')} (the reason is below).`;
}

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** The state of an Outbox message in plain words. */
export function describeOutboxState(item: OutboxItemView): string {
  switch (item.state) {
    case 'queued':
      return 'Queued — waiting to be sent';
    case 'sending':
      return 'Sending…';
    case 'retrying':
      return `Retrying at ${item.nextAttemptAt === null ? 'the next Send/Receive' : time(item.nextAttemptAt)} (or at the next Send/Receive you start). ${item.reason ?? 'The server could not take it yet.'}`;
    case 'failed':
      return `Failed: ${item.reason ?? 'the server refused the message.'}`;
    case 'sent':
      return item.reason === null ? `Sent${item.sentAt === null ? '' : ` at ${time(item.sentAt)}`}` : partlySent(item);
    case 'ambiguous':
      return 'May have been sent — check with the recipient, then Send again or Remove.';
    default: {
      const unknown: never = item.state;
      return String(unknown);
    }
  }
}

const RECIPIENT_WORDS = { pending: 'waiting', accepted: 'accepted', refused: 'refused', uncertain: 'may have received it' } as const;

/** The Outbox of one account (or all): state of every waiting message, shown in the list pane. */
export function OutboxView(props: {
  readonly accountId?: string;
  /** Asks for the password of a message that failed for want of one (or a refused one). */
  readonly onEnterPassword?: (accountId: string, reason: 'missing' | 'refused') => void;
  /** The accounts that sign in with a provider: their button offers to sign in again, not a password. */
  readonly providerAccounts?: ReadonlySet<string>;
}) {
  const navigation = useNavigation();
  const t = useT();
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
      names.set(item.id, message.ok ? (message.value.subject ?? '(no subject)') : '(no subject)');
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
    if (!result.ok) setError(result.error?.message ?? 'That did not work.');
    await refresh();
  };

  return (
    <div className="outbox-view">
      {removing !== null && (
        <ConfirmDialog
          question={outboxRemoveQuestion(t, removing.subject)}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving(null);
            void act(() => bridge.removeOutboxMessage(removing.id));
          }}
        />
      )}
      <h2 className="pane-title">Outbox</h2>
      {error !== null && (
        <p role="alert" className="compose-error">
          {error}
        </p>
      )}
      {items === null ? (
        <p className="empty">Loading…</p>
      ) : items.length === 0 ? (
        <p className="empty">The Outbox is empty.</p>
      ) : (
        <ul className="outbox-list" aria-label="Messages in the Outbox">
          {items.map((item) => {
            const editable = item.state === 'queued' || item.state === 'retrying' || item.state === 'failed';
            const removable = item.state !== 'sending';
            const again = item.state === 'failed' || item.state === 'ambiguous';
            const subject = subjects.get(item.id) ?? '';
            return (
              <li key={item.id} className={`outbox-item outbox-${item.state}`} aria-label={subject === '' ? `Message ${item.id}` : subject}>
                <div className="outbox-subject">{subject}</div>
                <div className="outbox-state">{describeOutboxState(item)}</div>
                <ul className="outbox-recipients" aria-label="Recipients">
                  {item.recipients.map((recipient) => (
                    <li key={recipient.address} className={`recipient-${recipient.status}`}>
                      {recipient.address}: {RECIPIENT_WORDS[recipient.status]}
                      {recipient.reason === undefined ? '' : ` — ${recipient.reason}`}
                    </li>
                  ))}
                </ul>
                <div className="outbox-actions">
                  {editable && (
                    <button type="button" onClick={() => navigation.openCompose({ kind: 'outbox', outboxId: item.id })}>
                      Edit
                    </button>
                  )}
                  {props.onEnterPassword !== undefined &&
                    item.state === 'failed' &&
                    (item.reasonCode === 'PASSWORD_NEEDED' || item.reasonCode === 'AUTH_FAILED') && (
                      <button type="button" onClick={() => props.onEnterPassword?.(item.accountId, item.reasonCode === 'AUTH_FAILED' ? 'refused' : 'missing')}>
                        {props.providerAccounts?.has(item.accountId) === true ? 'Sign in again…' : 'Enter password…'}
                      </button>
                    )}
                  {again && (
                    <button type="button" onClick={() => void act(() => bridge.sendOutboxAgain(item.id))}>
                      Send again
                    </button>
                  )}
                  {removable && (
                    <button
                      type="button"
                      onClick={() => (item.state === 'sent' ? void act(() => bridge.removeOutboxMessage(item.id)) : setRemoving({ id: item.id, subject }))}
                    >
                      Remove
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
