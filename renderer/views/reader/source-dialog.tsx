import { useEffect, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { loadRawMessage, saveAsEml } from './raw-source';
import { sourceText } from './source-text';

/**
 * View source: the message exactly as stored, shown as plain text in a dialog (React text, never
 * markup, so nothing in it can run or load), with Save as .eml beside it.
 */
export function SourceDialog(props: { readonly messageId: number; readonly subject: string | null; readonly onClose: () => void }) {
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ready'; text: string; cut: boolean } | { status: 'error'; message: string }>({
    status: 'loading',
  });
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    void loadRawMessage(props.messageId).then((raw) => {
      if (!active) return;
      setState('error' in raw ? { status: 'error', message: raw.error } : { status: 'ready', ...sourceText(raw.bytes) });
    });
    return () => {
      active = false;
    };
  }, [props.messageId]);
  return (
    <Dialog title="Message source" onClose={props.onClose} className="source-dialog">
      {state.status === 'loading' && <p>Reading the message…</p>}
      {state.status === 'error' && <p role="alert">{state.message}</p>}
      {state.status === 'ready' && (
        <>
          {state.cut && <p>This message is very long; its beginning is shown. Save it as .eml for all of it.</p>}
          <pre className="message-source" tabIndex={0} aria-label="Source of the message">
            {state.text}
          </pre>
        </>
      )}
      {saveError !== null && <p role="alert">{saveError}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={() => void saveAsEml(props.messageId, props.subject).then(setSaveError)}>
          Save as .eml
        </button>
        <button type="button" className="primary" onClick={props.onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
