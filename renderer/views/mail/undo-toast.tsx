import { useEffect } from 'react';
import { useUndoState, windowUndo } from '../../state/undo';
import { useT } from '../../state/locale';
import { undoOutcomeWords } from '../../state/undo-words';
import { SYMBOLS } from '../../components/symbols';

/** How long the toast stays before it hides itself (Ctrl+Z still undoes after that). */
export const UNDO_TOAST_MS = 8_000;

/**
 * The toast after an undoable action, as Outlook shows it: what was done ("3 messages moved to
 * Archive") with an Undo button, or what undoing did; it hides itself after a while or with ✕.
 */
export function UndoToast(props: { readonly onUndone: (failure: string | null) => void }) {
  const state = useUndoState();
  const t = useT();
  useEffect(() => {
    if (state.message === null) return;
    const timer = window.setTimeout(() => windowUndo.dismiss(), UNDO_TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [state.serial, state.message]);
  if (state.message === null) return <div className="action-toast-region" role="status" aria-live="polite" />;
  const undoable = state.last !== null && state.message === state.last.description;
  return (
    <div className="action-toast-region" role="status" aria-live="polite">
      <div className="action-toast">
        <span className="action-toast-text">{state.message}</span>
        {undoable && (
          <button type="button" disabled={state.busy} onClick={() => void windowUndo.undoLast(undoOutcomeWords(t)).then(props.onUndone)}>
            {t('undo.undo')}
          </button>
        )}
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => windowUndo.dismiss()}>
          {SYMBOLS.close}
        </button>
      </div>
    </div>
  );
}
