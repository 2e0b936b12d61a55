import { useEffect, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { loadRawMessage, saveAsEml } from './raw-source';
import { sourceText } from './source-text';
import { useT } from '../../state/locale';

/**
 * View source: the message exactly as stored, shown as plain text in a dialog (React text, never
 * markup, so nothing in it can run or load), with Save as .eml beside it.
 */
export function SourceDialog(props: { readonly messageId: number; readonly subject: string | null; readonly onClose: () => void }) {
  const t = useT();
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
    <Dialog title={t('source.title')} onClose={props.onClose} className="source-dialog">
      {state.status === 'loading' && <p>{t('source.reading')}</p>}
      {state.status === 'error' && <p role="alert">{state.message}</p>}
      {state.status === 'ready' && (
        <>
          {state.cut && <p>{t('source.cut')}</p>}
          <pre className="message-source" tabIndex={0} aria-label={t('source.label')}>
            {state.text}
          </pre>
        </>
      )}
      {saveError !== null && <p role="alert">{saveError}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={() => void saveAsEml(props.messageId, props.subject).then(setSaveError)}>
          {t('source.saveEml')}
        </button>
        <button type="button" className="primary" onClick={props.onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
