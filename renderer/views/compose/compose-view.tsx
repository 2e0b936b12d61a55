import type { ComposeRequest } from '../../state/navigation';

/** Writing a message: opened over the current page, closed by send, save or discard. */
export function ComposeView(props: { readonly request: ComposeRequest; readonly onClose: () => void }) {
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="compose-title" className="compose">
      <h2 id="compose-title">New message</h2>
      <p className="muted">{props.request.kind}</p>
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}
