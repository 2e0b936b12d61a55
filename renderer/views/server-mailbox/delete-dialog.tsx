import { Dialog } from '../../components/dialog';
import type { ServerMailboxMessage } from '../../../shared/server-mailbox';
import { useServerFormats } from './format';

/** Whether a copy is stored here, in the words the confirmation uses. */
export function localCopyWords(message: ServerMailboxMessage): string {
  switch (message.state) {
    case 'downloaded':
      return 'A copy is stored on this computer.';
    case 'headers-only':
      return 'Only its headers are stored on this computer.';
    case 'not-downloaded':
    case 'skipped':
    case 'delete-pending':
    case 'ambiguous':
      return 'No copy is stored on this computer.';
  }
}

/** Asks before deleting messages on the server: names each one and says whether a local copy exists. */
export function DeleteDialog(props: {
  readonly messages: readonly ServerMailboxMessage[];
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const { formatBytes } = useServerFormats();
  const count = props.messages.length;
  const withoutCopy = props.messages.filter((message) => message.state !== 'downloaded').length;
  return (
    <Dialog title={count === 1 ? 'Delete this message from the server?' : `Delete ${count} messages from the server?`} onClose={props.onCancel} alert>
      <p>
        This cannot be undone.{' '}
        {withoutCopy === 0
          ? count === 1
            ? 'A copy stays on this computer.'
            : 'Copies stay on this computer.'
          : count === 1
            ? 'Mailbag has no full copy of it on this computer.'
            : `${withoutCopy} of them have no full copy on this computer.`}
      </p>
      <ul className="server-delete-list">
        {props.messages.map((message) => (
          <li key={message.uidl}>
            <strong>{message.subject === '' ? '(no subject)' : message.subject}</strong> — {message.from === '' ? '(no sender)' : message.from},{' '}
            {formatBytes(message.size)}. <span className={message.state === 'downloaded' ? 'muted' : 'server-no-copy'}>{localCopyWords(message)}</span>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="server-danger" onClick={props.onConfirm} disabled={props.busy}>
          Delete from server
        </button>
      </div>
    </Dialog>
  );
}
