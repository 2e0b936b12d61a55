import { useState } from 'react';
import type { FolderView } from '../../../shared/mail';
import { Dialog } from '../../components/dialog';

/**
 * "Move to…": the folders of the selected messages' account as a list of choices (arrows move, Enter
 * moves, Escape cancels), as Outlook's Ctrl+Shift+V dialog offers.
 */
export function MoveDialog(props: {
  readonly count: number;
  readonly folders: readonly FolderView[];
  readonly onMove: (folderId: number) => void;
  readonly onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<number | null>(props.folders[0]?.id ?? null);
  const title = props.count === 1 ? 'Move the message to…' : `Move ${props.count} messages to…`;
  return (
    <Dialog title={title} onClose={props.onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen !== null) props.onMove(chosen);
        }}
      >
        {props.folders.length === 0 ? (
          <p>There is no other folder to move to.</p>
        ) : (
          <fieldset className="move-folders">
            <legend>Folder</legend>
            {props.folders.map((folder, index) => (
              <label key={folder.id} className="move-folder">
                <input
                  type="radio"
                  name="move-folder"
                  value={folder.id}
                  checked={chosen === folder.id}
                  onChange={() => setChosen(folder.id)}
                  {...(index === 0 ? { autoFocus: true } : {})}
                />{' '}
                {folder.name}
              </label>
            ))}
          </fieldset>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={chosen === null}>
            Move
          </button>
        </div>
      </form>
    </Dialog>
  );
}
