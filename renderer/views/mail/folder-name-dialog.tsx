import { useState } from 'react';
import { MAX_FOLDER_NAME_CHARACTERS } from '../../../shared/folder-ops';
import { Dialog } from '../../components/dialog';
import { useT } from '../../state/locale';
import { SYMBOLS } from '../../components/symbols';

/**
 * Asks for a folder's name, to create one (inside `where`) or to rename one. `onSubmit` resolves to
 * null when main accepted it, or to the words of why not (a name already used beside it), which the
 * dialog shows while staying open.
 */
export function FolderNameDialog(props: {
  readonly title: string;
  readonly action: string;
  readonly initial: string;
  /** Where the folder goes, in words ("in Alice", "in Projects"), for a new folder. */
  readonly where?: string;
  readonly onSubmit: (name: string) => Promise<string | null>;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(props.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed === '' || busy) return;
          setBusy(true);
          void props.onSubmit(trimmed).then((failure) => {
            setBusy(false);
            setProblem(failure);
          });
        }}
      >
        {props.where !== undefined && <p>{props.where}</p>}
        <label className="folder-name-field">
          {t('folder.nameLabel')}
          {SYMBOLS.space}
          <input
            type="text"
            value={name}
            maxLength={MAX_FOLDER_NAME_CHARACTERS}
            autoFocus
            onFocus={(event) => event.target.select()}
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? undefined : 'folder-name-problem'}
            onChange={(event) => {
              setName(event.target.value);
              setProblem(null);
            }}
          />
        </label>
        {problem !== null && (
          <p id="folder-name-problem" className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={trimmed === '' || busy}>
            {props.action}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
