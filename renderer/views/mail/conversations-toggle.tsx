import { bridge } from '../../bridge';
import './conversation-grid.css';
import { useT } from '../../state/locale';

/**
 * The list's "Conversations" switch: the threaded view on or off, kept in the settings so every
 * window and the next start show the list the same way.
 */
export function ConversationsToggle(props: { readonly on: boolean }) {
  const t = useT();
  return (
    <button
      type="button"
      className="conversations-toggle"
      aria-pressed={props.on}
      title={t('conversations.toggleHint')}
      onClick={() => void bridge.updateSettings({ conversations: !props.on })}
    >
      {t('conversations.toggle')}
    </button>
  );
}
