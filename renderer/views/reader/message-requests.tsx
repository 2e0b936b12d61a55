import { useEffect, useState } from 'react';
import type { MessageView } from '../../../shared/mail';
import { errorMessageIn } from '../../../shared/error-words';
import { bridge } from '../../bridge';
import { useT } from '../../state/locale';
import { useNavigation } from '../../state/navigation';

/**
 * What a message asks of its reader: a mailing list's "Reply to list" (List-Post), and a read receipt
 * (Disposition-Notification-To), which is only ever sent when the user says so here, and once.
 */
export function MessageRequests(props: { readonly message: MessageView }) {
  const { message } = props;
  const navigation = useNavigation();
  const t = useT();
  const [answered, setAnswered] = useState(message.readReceipt?.answered ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setAnswered(message.readReceipt?.answered ?? null);
    setError(null);
  }, [message.id, message.readReceipt?.answered]);

  const answer = async (send: boolean) => {
    setBusy(true);
    const result = await bridge.answerReadReceipt(message.id, send);
    setBusy(false);
    if (result.ok) setAnswered(result.value.answered);
    else setError(t('requests.receiptFailed', { reason: errorMessageIn(t, result.error) }));
  };

  const asking = message.readReceipt !== null && answered === null && message.inJunk !== true;
  if (message.listPost === null && !asking && error === null) return null;
  return (
    <>
      {message.listPost === null ? null : (
        <div className="reader-bar reader-list" role="group" aria-label={t('requests.listLabel')}>
          <span>{t('requests.fromList', { address: message.listPost })}</span>
          <button type="button" onClick={() => navigation.openCompose({ kind: 'answer', messageId: message.id, mode: 'replyList' })}>
            {t('requests.replyList')}
          </button>
        </div>
      )}
      {asking && message.readReceipt !== null ? (
        <div className="remote-banner" role="group" aria-label={t('requests.receiptLabel')}>
          <span>
            {t('requests.receiptAsk', {
              sender:
                message.readReceipt.to.name === '' ? message.readReceipt.to.address : `${message.readReceipt.to.name} <${message.readReceipt.to.address}>`,
            })}
          </span>
          <button type="button" disabled={busy} onClick={() => void answer(true)}>
            {t('requests.sendReceipt')}
          </button>
          <button type="button" disabled={busy} onClick={() => void answer(false)}>
            {t('requests.dontSend')}
          </button>
        </div>
      ) : null}
      {error === null ? null : (
        <p role="alert" className="reader-error">
          {error}
        </p>
      )}
    </>
  );
}
