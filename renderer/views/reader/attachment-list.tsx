import { useState } from 'react';
import { useMailFormats } from '../mail/format';
import type { AttachmentView } from '../../../shared/mail';
import { fileExtension, hasBidiControls, safeFileName } from '../../../shared/file-name';
import { openAttachment, saveAttachment } from './reader-actions';

/** Said when a sender's file name held bidi controls, which can make "invoice‮fdp.exe" read as a PDF. */
export const BIDI_FILE_NAME_WARNING = 'This file name held characters that reverse the text direction; it is shown as it really is.';

/**
 * The message's attachments with name, type and size, each with Open and Save. Open hands a copy to the
 * system's program for its type; where Mailbag cannot start programs (a browser tab) it saves instead.
 */
export function AttachmentList(props: { readonly messageId: number; readonly attachments: readonly AttachmentView[] }) {
  const formats = useMailFormats();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<number | null>(null);
  if (props.attachments.length === 0) return null;
  const run = async (attachment: AttachmentView, name: string, action: 'open' | 'save'): Promise<void> => {
    setSaving(attachment.index);
    setError(null);
    try {
      setError(
        action === 'open' ? await openAttachment(props.messageId, attachment.index, name) : await saveAttachment(props.messageId, attachment.index, name),
      );
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : `The attachment could not be ${action === 'open' ? 'opened' : 'saved'}.`);
    } finally {
      setSaving(null);
    }
  };
  return (
    <section className="reader-attachments" aria-label="Attachments">
      <ul className="attachment-list">
        {props.attachments.map((attachment) => {
          const name = safeFileName(attachment.fileName, `attachment-${attachment.index + 1}`);
          return (
            <li key={attachment.index} className="attachment">
              <AttachmentName name={name} />
              {attachment.fileName !== null && hasBidiControls(attachment.fileName) ? (
                <span className="attachment-warning" role="note">
                  {BIDI_FILE_NAME_WARNING}
                </span>
              ) : null}
              <span className="attachment-meta">
                {attachment.contentType} · {formats.byteSize(attachment.size)}
              </span>
              <button type="button" aria-label={`Open ${name}`} disabled={saving === attachment.index} onClick={() => void run(attachment, name, 'open')}>
                Open
              </button>
              <button type="button" aria-label={`Save ${name}`} disabled={saving === attachment.index} onClick={() => void run(attachment, name, 'save')}>
                Save
              </button>
            </li>
          );
        })}
      </ul>
      {error === null ? null : (
        <p role="alert" className="reader-error">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * A file name isolated from the text around it, cut (when it must be) only before its extension, so a
 * narrow list never hides what type a file really is ("report-2026-run….js", never "report-2026-run.j…").
 */
function AttachmentName(props: { readonly name: string }) {
  const extension = fileExtension(props.name);
  const stem = props.name.slice(0, props.name.length - extension.length);
  return (
    <bdi className="attachment-name" title={props.name}>
      <span className="attachment-stem">{stem}</span>
      <span className="attachment-extension">{extension}</span>
    </bdi>
  );
}
