import { useState } from 'react';
import { useMailFormats } from '../mail/format';
import type { AttachmentView } from '../../../shared/mail';
import { fileExtension, hasBidiControls, safeFileName } from '../../../shared/file-name';
import { openAttachment, saveAttachment } from './reader-actions';
import { useT } from '../../state/locale';

/** Said when a sender's file name held bidi controls, which can make "invoice‮fdp.exe" read as a PDF. */

/**
 * The message's attachments with name, type and size, each with Open and Save. Open hands a copy to the
 * system's program for its type; where Mailbag cannot start programs (a browser tab) it saves instead.
 */
export function AttachmentList(props: { readonly messageId: number; readonly attachments: readonly AttachmentView[] }) {
  const formats = useMailFormats();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<number | null>(null);
  if (props.attachments.length === 0) return null;
  const run = async (attachment: AttachmentView, name: string, action: 'open' | 'save'): Promise<void> => {
    setSaving(attachment.index);
    setError(null);
    try {
      setError(
        action === 'open' ? await openAttachment(t, props.messageId, attachment.index, name) : await saveAttachment(props.messageId, attachment.index, name),
      );
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : t(action === 'open' ? 'window.attachmentOpenFailed' : 'window.attachmentSaveFailed'));
    } finally {
      setSaving(null);
    }
  };
  return (
    <section className="reader-attachments" aria-label={t('attachments.label')}>
      <ul className="attachment-list">
        {props.attachments.map((attachment) => {
          const name = safeFileName(attachment.fileName, `attachment-${attachment.index + 1}`);
          return (
            <li key={attachment.index} className="attachment">
              <AttachmentName name={name} />
              {attachment.fileName !== null && hasBidiControls(attachment.fileName) ? (
                <span className="attachment-warning" role="note">
                  {t('attachments.bidiName')}
                </span>
              ) : null}
              <span className="attachment-meta">{t('attachments.meta', { type: attachment.contentType, size: formats.byteSize(attachment.size) })}</span>
              <button
                type="button"
                aria-label={t('attachments.openNamed', { name })}
                disabled={saving === attachment.index}
                onClick={() => void run(attachment, name, 'open')}
              >
                {t('attachments.open')}
              </button>
              <button
                type="button"
                aria-label={t('attachments.saveNamed', { name })}
                disabled={saving === attachment.index}
                onClick={() => void run(attachment, name, 'save')}
              >
                {t('attachments.save')}
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
