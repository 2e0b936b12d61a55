import { useEffect, useState } from 'react';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { Message, useT } from '../../state/locale';
import './import.css';

/** What an export writes: a folder or chosen messages. */
export type ExportTarget =
  { readonly kind: 'folder'; readonly folderId: number; readonly name: string } | { readonly kind: 'messages'; readonly ids: readonly number[] };

/**
 * Export…: a folder or the selected messages to one mbox file (mboxrd) or to a folder of .eml files,
 * the stored bytes exactly; an existing file is replaced only when asked.
 */
export function ExportDialog(props: { readonly target: ExportTarget; readonly onClose: () => void }) {
  const t = useT();
  const [format, setFormat] = useState<'mbox' | 'eml'>('mbox');
  const [destination, setDestination] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<
    { readonly ok: true; readonly messages: number; readonly destination: string } | { readonly ok: false; readonly text: string } | null
  >(null);
  const base = props.target.kind === 'folder' ? props.target.name.replace(/[\\/:*?"<>|]+/g, '_') : 'messages';

  useEffect(() => {
    void bridge.browseFiles().then((result) => {
      if (result.ok) setDestination((current) => (current === '' ? `${result.value.path.replace(/[\\/]+$/, '')}/${base}.mbox` : current));
    });
  }, [base]);

  const title =
    props.target.kind === 'folder' ? t('import.exportFolder', { folder: props.target.name }) : t('import.exportMessages', { count: props.target.ids.length });
  return (
    <Dialog title={title} onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          const what = props.target.kind === 'folder' ? { folderId: props.target.folderId } : { ids: [...props.target.ids] };
          void bridge.exportMessages({ ...what, format, destination, replace }).then((result) => {
            setBusy(false);
            setOutcome(
              result.ok ? { ok: true, messages: result.value.messages, destination: result.value.destination } : { ok: false, text: result.error.message },
            );
          });
        }}
      >
        <fieldset>
          <legend>{t('import.format')}</legend>
          <label>
            <input type="radio" name="export-format" checked={format === 'mbox'} onChange={() => setFormat('mbox')} /> {t('import.oneMbox')}
          </label>
          <label>
            <input type="radio" name="export-format" checked={format === 'eml'} onChange={() => setFormat('eml')} /> {t('import.emlFolder')}
          </label>
        </fieldset>
        <label className="field">
          <span>{format === 'mbox' ? t('import.fileToWrite') : t('import.folderToWrite')}</span>
          <input type="text" value={destination} spellCheck={false} onChange={(event) => setDestination(event.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} /> {t('import.replace')}
        </label>
        {outcome !== null && (
          <p className={outcome.ok ? 'export-done' : 'field-error'} role={outcome.ok ? 'status' : 'alert'}>
            {outcome.ok ? (
              <Message id="import.exported" values={{ count: outcome.messages, destination: <bdi dir="ltr">{outcome.destination}</bdi> }} />
            ) : (
              outcome.text
            )}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('common.close')}
          </button>
          <button type="submit" className="primary" disabled={busy || destination.trim() === ''}>
            {t('import.export')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
