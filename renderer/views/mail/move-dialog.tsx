import { useId, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../../components/dialog';
import { filterTargets, type FolderTarget } from '../../state/folder-tree';
import { useT } from '../../state/locale';
import { SYMBOLS } from '../../components/symbols';

/**
 * "Move to…" and "Copy to…" (Outlook's Ctrl+Shift+V): a filter box over the folder paths of the
 * messages' account and Local Folders, as a combobox with its list of choices. Typing narrows the list,
 * the arrows choose, Enter moves or copies, Escape cancels.
 */
export function MoveDialog(props: {
  readonly count: number;
  readonly copy: boolean;
  readonly targets: readonly FolderTarget[];
  readonly onChoose: (target: FolderTarget) => void;
  readonly onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = filterTargets(props.targets, text);
  const index = Math.min(active, shown.length - 1);
  const chosen = index >= 0 ? shown[index] : undefined;
  const t = useT();
  const verb = t(props.copy ? 'move.copy' : 'move.move');
  const title = t(props.copy ? 'move.copyTitle' : 'move.moveTitle', { count: props.count });
  const optionId = (position: number): string => `${listId}-option-${position}`;

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown') setActive(Math.min(index + 1, shown.length - 1));
    else if (event.key === 'ArrowUp') setActive(Math.max(index - 1, 0));
    else if (event.key === 'Home' && event.ctrlKey) setActive(0);
    else if (event.key === 'End' && event.ctrlKey) setActive(shown.length - 1);
    else return;
    event.preventDefault();
    document.getElementById(optionId(Math.max(0, event.key === 'ArrowDown' ? index + 1 : index - 1)))?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <Dialog title={title} onClose={props.onCancel} className="move-dialog">
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen !== undefined) props.onChoose(chosen);
        }}
      >
        <label className="move-filter">
          {t('move.folder')}
          {SYMBOLS.space}
          <input
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={chosen === undefined ? undefined : optionId(index)}
            placeholder={t('move.filter')}
            value={text}
            autoFocus
            onChange={(event) => {
              setText(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
        </label>
        <ul id={listId} role="listbox" aria-label={t('folder.pane')} className="move-folders">
          {shown.map((target, position) => (
            <li
              key={target.folder.id}
              id={optionId(position)}
              role="option"
              aria-selected={position === index}
              className={`move-folder${position === index ? ' active' : ''}`}
              onClick={() => props.onChoose(target)}
              onMouseMove={() => setActive(position)}
            >
              <bdi>{target.label}</bdi>
            </li>
          ))}
        </ul>
        {shown.length === 0 && (
          <p className="empty">{props.targets.length === 0 ? t(props.copy ? 'move.noOtherCopy' : 'move.noOtherMove') : t('move.noMatch')}</p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={chosen === undefined}>
            {verb}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
