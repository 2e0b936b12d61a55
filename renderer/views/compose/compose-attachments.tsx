import { formatSize } from '../../../shared/compose-size';
import type { AttachmentRow } from './compose-model';

/** The attachments of the message being written, each with its size and a button that removes it. */
export function ComposeAttachments(props: { readonly rows: readonly AttachmentRow[]; readonly onRemove: (row: AttachmentRow) => void }) {
  const { rows, onRemove } = props;
  if (rows.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label="Attachments">
      {rows.map((item) => (
        <li key={item.key} className="chip">
          <span>{item.name}</span>
          <span className="chip-address">{formatSize(item.size)}</span>
          <button type="button" className="chip-remove" aria-label={`Remove ${item.name}`} onClick={() => onRemove(item)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
