import { useEffect, useState } from 'react';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import './import.css';

/** What an export writes: a folder or chosen messages. */
export type ExportTarget =
  { readonly kind: 'folder'; readonly folderId: number; readonly name: string } | { readonly kind: 'messages'; readonly ids: readonly number[] };

/**
 * Export…: a folder or the selected messages to one mbox file (mboxrd) or to a folder of .eml files,
 * the stored bytes exactly; an existing file is replaced only when asked.
 */
export function ExportDialog(props: { readonly target: ExportTarget; readonly onClose: () => void }) {
  const [format, setFormat] = useState<'mbox' | 'eml'>('mbox');
  const [destination, setDestination] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);
  const base = props.target.kind === 'folder' ? props.target.name.replace(/[\\/:*?"<>|]+/g, '_') : 'messages';

  useEffect(() => {
    void bridge.browseFiles().then((result) => {
      if (result.ok) setDestination((current) => (current === '' ? `${result.value.path.replace(/[\\/]+$/, '')}/${base}.mbox` : current));
    });
  }, [base]);

  const title = props.target.kind === 'folder' ? `Export ${props.target.name}` : `Export ${props.target.ids.length} message(s)`;
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
              result.ok
                ? { ok: true, text: `Exported ${result.value.messages} message(s) to ${result.value.destination}.` }
                : { ok: false, text: result.error.message },
            );
          });
        }}
      >
        <fieldset>
          <legend>Format</legend>
          <label>
            <input type="radio" name="export-format" checked={format === 'mbox'} onChange={() => setFormat('mbox')} /> One mbox file
          </label>
          <label>
            <input type="radio" name="export-format" checked={format === 'eml'} onChange={() => setFormat('eml')} /> A folder of .eml files
          </label>
        </fieldset>
        <label className="field">
          <span>{format === 'mbox' ? 'File to write' : 'Folder to write into'}</span>
          <input type="text" value={destination} spellCheck={false} onChange={(event) => setDestination(event.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} /> Replace existing files
        </label>
        {outcome !== null && (
          <p className={outcome.ok ? 'export-done' : 'field-error'} role={outcome.ok ? 'status' : 'alert'}>
            {outcome.text}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={busy || destination.trim() === ''}>
            Export
          </button>
        </div>
      </form>
    </Dialog>
  );
}
