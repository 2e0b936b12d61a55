import type { AttachmentRow } from './compose-model';
import { useComposeWords } from './compose-words';

/** The mark of the button that removes an attachment (its accessible name says so in words). */
const REMOVE_MARK = '×';

/** The attachments of the message being written, each with its size and a button that removes it. */
export function ComposeAttachments(props: { readonly rows: readonly AttachmentRow[]; readonly onRemove: (row: AttachmentRow) => void }) {
  const { rows, onRemove } = props;
  const { t, size } = useComposeWords();
  if (rows.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label={t('attachments.label')}>
      {rows.map((item) => (
        <li key={item.key} className="chip">
          <bdi>{item.name}</bdi>
          <span className="chip-address">{size(item.size)}</span>
          <button type="button" className="chip-remove" aria-label={t('compose.removeAttachment', { name: item.name })} onClick={() => onRemove(item)}>
            {REMOVE_MARK}
          </button>
        </li>
      ))}
    </ul>
  );
}
