import { useEffect, useState } from 'react';
import type { ServerTranscript } from '../../../shared/server-mailbox';
import { MAX_TRANSCRIPT_LINE_CHARS, serverTextForDisplay } from '../../../shared/terminal-text';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import type { Translate } from '../../../shared/i18n/catalogs';
import { useFormattingLocale, useT } from '../../state/locale';

const ARROWS = { client: 'C:', server: 'S:', info: '--' } as const;

/** The transcript as text, one protocol line per line, as support asks for it. */
export function transcriptText(t: Translate, transcript: ServerTranscript): string {
  // Server lines are shown as plain, bounded text: control characters visible, very long lines cut.
  const lines = transcript.lines.map((line) => `${ARROWS[line.direction]} ${serverTextForDisplay(line.text, MAX_TRANSCRIPT_LINE_CHARS)}`);
  if (transcript.omitted > 0) lines.splice(Math.min(lines.length, 400), 0, `-- ${t('server.linesNotShown', { count: transcript.omitted })}`);
  return lines.join('\n');
}

/** The last POP3 session of the account, passwords redacted, viewable and copyable. */
export function TranscriptDialog(props: { readonly accountId: string; readonly onClose: () => void }) {
  const t = useT();
  const locale = useFormattingLocale();
  const [transcript, setTranscript] = useState<ServerTranscript | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void bridge.getServerTranscript(props.accountId).then((result) => {
      if (result.ok) setTranscript(result.value);
      else setError(result.error.message);
    });
  }, [props.accountId]);
  const text = transcript === undefined || transcript === null ? '' : transcriptText(t, transcript);
  const copy = () => {
    void navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setError(t('server.copyFailed')),
    );
  };
  return (
    <Dialog title={t('server.transcriptTitle')} onClose={props.onClose} className="server-transcript-dialog">
      {error !== null && <p role="alert">{error}</p>}
      {transcript === undefined && error === null && <p aria-busy="true">{t('common.loading')}</p>}
      {transcript === null && <p>{t('server.noSession')}</p>}
      {transcript !== undefined && transcript !== null && (
        <>
          <p className="muted">
            {t(transcript.kind === 'send-receive' ? 'server.sessionSendReceive' : 'server.sessionMailbox', {
              date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(transcript.startedAt),
            })}
          </p>
          <pre className="transcript server-transcript" tabIndex={0} aria-label={t('server.transcript')} dir="ltr">
            {text}
          </pre>
        </>
      )}
      <div className="dialog-actions">
        <span role="status" className="muted">
          {copied ? t('server.copied') : ''}
        </span>
        <button type="button" onClick={copy} disabled={text === ''}>
          {t('server.copy')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
