import { Dialog } from './dialog';
import type { DeleteQuestion } from '../state/permanent-delete';
import { useT } from '../state/locale';

/**
 * Asks before something that cannot be undone (deleting mail for good). Cancel has the focus, so an
 * Enter pressed out of habit deletes nothing; Escape cancels too.
 */
export function ConfirmDialog(props: { readonly question: DeleteQuestion; readonly onConfirm: () => void; readonly onCancel: () => void }) {
  const { question } = props;
  const t = useT();
  return (
    <Dialog title={question.title} onClose={props.onCancel} alert>
      <p>{question.text}</p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {question.confirm}
        </button>
      </div>
    </Dialog>
  );
}
