import { useCallback, useEffect, useState } from 'react';
import type { OutboxItemView } from '../../../shared/compose-ops';
import { bridge } from '../../bridge';
import { stuckOutboxItems } from '../../state/window-notices';
import './window-notices.css';
import { useT } from '../../state/locale';

/**
 * A notice across the mail window while a message in any account's Outbox could not be sent ("1
 * message could not be sent — Open Outbox"), so a failed send is never found only by chance.
 * `onOpen` shows the Outbox of the account of the oldest such message.
 */
export function OutboxNotice(props: { readonly onOpen: (accountId: string) => void }) {
  const t = useT();
  const [stuck, setStuck] = useState<readonly OutboxItemView[]>([]);
  const refresh = useCallback(async () => {
    const result = await bridge.listOutbox();
    if (result.ok) setStuck(stuckOutboxItems(result.value));
  }, []);
  useEffect(() => {
    void refresh();
    const stops = [bridge.on('outboxChanged', () => void refresh()), bridge.on('mailChanged', () => void refresh())];
    return () => {
      for (const stop of stops) stop();
    };
  }, [refresh]);
  const first = stuck[0];
  if (first === undefined) return null;
  return (
    <div className="outbox-notice" role="status">
      <span>{t('outbox.stuck', { count: stuck.length })}</span>
      <button type="button" onClick={() => props.onOpen(first.accountId)}>
        {t('outbox.open')}
      </button>
    </div>
  );
}
