import { bridge } from '../../bridge';
import './conversation-grid.css';

/**
 * The list's "Conversations" switch: the threaded view on or off, kept in the settings so every
 * window and the next start show the list the same way.
 */
export function ConversationsToggle(props: { readonly on: boolean }) {
  return (
    <button
      type="button"
      className="conversations-toggle"
      aria-pressed={props.on}
      title="Show the list as conversations (threads)"
      onClick={() => void bridge.updateSettings({ conversations: !props.on })}
    >
      Conversations
    </button>
  );
}
