import { useEffect, useState } from 'react';
import type { ServerTranscript } from '../../../shared/server-mailbox';
import { MAX_TRANSCRIPT_LINE_CHARS, serverTextForDisplay } from '../../../shared/terminal-text';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';

const ARROWS = { client: 'C:', server: 'S:', info: '--' } as const;

/** The transcript as text, one protocol line per line, as support asks for it. */
export function transcriptText(transcript: ServerTranscript): string {
  // Server lines are shown as plain, bounded text: control characters visible, very long lines cut.
  const lines = transcript.lines.map((line) => `${ARROWS[line.direction]} ${serverTextForDisplay(line.text, MAX_TRANSCRIPT_LINE_CHARS)}`);
  if (transcript.omitted > 0) lines.splice(Math.min(lines.length, 400), 0, `-- (${transcript.omitted} lines not shown)`);
  return lines.join('\n');
}

/** The last POP3 session of the account, passwords redacted, viewable and copyable. */
export function TranscriptDialog(props: { readonly accountId: string; readonly onClose: () => void }) {
  const [transcript, setTranscript] = useState<ServerTranscript | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void bridge.getServerTranscript(props.accountId).then((result) => {
      if (result.ok) setTranscript(result.value);
      else setError(result.error.message);
    });
  }, [props.accountId]);
  const text = transcript === undefined || transcript === null ? '' : transcriptText(transcript);
  const copy = () => {
    void navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setError('The transcript could not be copied; select the text and copy it instead.'),
    );
  };
  return (
    <Dialog title="Protocol transcript" onClose={props.onClose} className="server-transcript-dialog">
      {error !== null && <p role="alert">{error}</p>}
      {transcript === undefined && error === null && <p aria-busy="true">Loading…</p>}
      {transcript === null && <p>No session of this account has been recorded yet.</p>}
      {transcript !== undefined && transcript !== null && (
        <>
          <p className="muted">
            {transcript.kind === 'send-receive' ? 'Send/Receive' : 'Server mailbox'} session of {new Date(transcript.startedAt).toLocaleString()}. Passwords are
            never shown.
          </p>
          <pre className="transcript server-transcript" tabIndex={0} aria-label="Transcript">
            {text}
          </pre>
        </>
      )}
      <div className="dialog-actions">
        <span role="status" className="muted">
          {copied ? 'Copied.' : ''}
        </span>
        <button type="button" onClick={copy} disabled={text === ''}>
          Copy transcript
        </button>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
