import { Dialog } from '../../components/dialog';
import type { ServerMailboxMessage } from '../../../shared/server-mailbox';
import type { Translate } from '../../../shared/i18n/catalogs';
import { Message, useT } from '../../state/locale';
import { useServerFormats } from './format';

/** Whether a copy is stored here, in the words the confirmation uses. */
export function localCopyWords(t: Translate, message: ServerMailboxMessage): string {
  switch (message.state) {
    case 'downloaded':
      return t('server.copyStored');
    case 'headers-only':
      return t('server.headersStoredHere');
    case 'not-downloaded':
    case 'skipped':
    case 'delete-pending':
    case 'ambiguous':
      return t('server.noCopy');
  }
}

/** Asks before deleting messages on the server: names each one and says whether a local copy exists. */
export function DeleteDialog(props: {
  readonly messages: readonly ServerMailboxMessage[];
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const { formatBytes } = useServerFormats();
  const count = props.messages.length;
  const withoutCopy = props.messages.filter((message) => message.state !== 'downloaded').length;
  return (
    <Dialog title={t('server.deleteTitle', { count })} onClose={props.onCancel} alert>
      <p>
        <span>{t('server.cannotUndo')}</span>
        <span className="server-sentence">
          {withoutCopy === 0 ? t('server.copiesStay', { count }) : count === 1 ? t('server.noFullCopy') : t('server.noFullCopies', { count: withoutCopy })}
        </span>
      </p>
      <ul className="server-delete-list">
        {props.messages.map((message) => (
          <li key={message.uidl}>
            <Message
              id="server.deleteLine"
              values={{
                subject: <strong>{message.subject === '' ? t('message.noSubject') : <bdi>{message.subject}</bdi>}</strong>,
                from: message.from === '' ? t('list.noSender') : <bdi>{message.from}</bdi>,
                size: <bdi className="server-size">{formatBytes(message.size)}</bdi>,
              }}
            />
            <span className={message.state === 'downloaded' ? 'muted server-sentence' : 'server-no-copy server-sentence'}>{localCopyWords(t, message)}</span>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="server-danger" onClick={props.onConfirm} disabled={props.busy}>
          {t('server.deleteFromServer')}
        </button>
      </div>
    </Dialog>
  );
}
