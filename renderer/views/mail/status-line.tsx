import { useEffect, useState } from 'react';
import type { SendReceiveProgressEvent } from '../../../shared/mail';
import type { LastRun, SendReceiveState } from '../../state/send-receive';
import { passwordProblemOf, type PasswordReason } from '../../state/send-receive-model';
import { formatByteSize } from '../../../shared/byte-size';
import { serverTextForDisplay } from '../../../shared/terminal-text';
import { clockTime, phaseWords } from './format';
import './window-notices.css';

/** Whether the browser believes it is online, kept current by its online and offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = (): void => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** What to do about a certificate that did not verify: look at it where it can be trusted. */
export const CERTIFICATE_NEXT_STEP = 'Open the account’s settings and choose Test account settings to see the certificate and decide whether to trust it.';

/** What the status line says about one account's last run. */
export interface RunWords {
  readonly text: string;
  readonly problem: boolean;
  /** The technical detail behind a "Details" disclosure, when the error has one. */
  readonly detail?: string;
  /** The run needs a password from the user: the line offers to enter it. */
  readonly password?: PasswordReason;
}

/** One account's last Send/Receive in plain words, and whether it is a problem. */
export function lastRunWords(name: string, run: LastRun, signsInWithProvider = false): RunWords {
  const { event, at } = run;
  switch (event.status) {
    case 'completed': {
      const arrived = event.newMessages + event.partialMessages;
      const news = arrived === 0 ? 'no new mail' : arrived === 1 ? '1 new message' : `${arrived} new messages`;
      const trouble = event.errors[0];
      return trouble === undefined
        ? { text: `${name}: checked at ${clockTime(at)}, ${news}.`, problem: false }
        : { text: `${name}: checked at ${clockTime(at)}, ${news}; ${serverTextForDisplay(trouble.message)}`, problem: true };
    }
    case 'busy':
      return {
        text:
          event.busy === null ? `${name}: the mailbox is busy.` : `${name}: ${event.busy.message.replace(/\.$/, '')} (at ${clockTime(event.busy.retryAt)}).`,
        problem: true,
      };
    case 'cancelled':
      return { text: `${name}: check cancelled at ${clockTime(at)}.`, problem: false };
    case 'failed': {
      const error = event.errors[0];
      const password = passwordProblemOf(event);
      const paused =
        password === 'refused' ? ` Automatic checks of this account are paused until you ${signsInWithProvider ? 'sign in again' : 'enter the password'}.` : '';
      const certificate = error?.code === 'TLS_CERTIFICATE' ? ` ${CERTIFICATE_NEXT_STEP}` : '';
      // Errors may quote the server: shown as plain text of a sane length.
      return {
        text: `${name}: ${serverTextForDisplay(error?.message ?? 'the check failed.')}${paused}${certificate}`,
        problem: true,
        ...(error?.detail === undefined ? {} : { detail: serverTextForDisplay(error.detail) }),
        ...(password === null ? {} : { password }),
      };
    }
  }
}

/** The technical detail of an error, folded away behind "Details" so the words stay plain. */
export function ErrorDetails(props: { readonly detail: string | undefined }) {
  if (props.detail === undefined || props.detail === '') return null;
  return (
    <details className="error-details">
      <summary>Details</summary>
      <code>{props.detail}</code>
    </details>
  );
}

/** A progress line in words: "Alice: Downloading 3 of 10 messages (12 KB of 40 KB)". */
export function progressWords(name: string, progress: SendReceiveProgressEvent | null): string {
  if (progress === null) return `${name}: Starting…`;
  const phase = phaseWords(progress.phase);
  if (progress.messagesTotal === 0) return `${name}: ${phase}…`;
  const bytes = progress.bytesTotal > 0 ? ` (${formatByteSize(progress.bytesDone)} of ${formatByteSize(progress.bytesTotal)})` : '';
  return `${name}: ${phase} ${progress.messagesDone} of ${progress.messagesTotal} messages${bytes}`;
}

/** A progress bar per account while Send/Receive runs. */
export function SendReceiveProgress(props: { readonly state: SendReceiveState; readonly nameOf: (accountId: string) => string }) {
  const running = Object.entries(props.state.running);
  if (running.length === 0) return null;
  return (
    <div className="send-receive-progress" role="group" aria-label="Send/Receive progress">
      {running.map(([accountId, progress]) => {
        const name = props.nameOf(accountId);
        const fraction =
          progress === null || progress.messagesTotal === 0
            ? undefined
            : progress.bytesTotal > 0
              ? progress.bytesDone / progress.bytesTotal
              : progress.messagesDone / progress.messagesTotal;
        return (
          <div key={accountId} className="progress-row">
            <span className="progress-text">{progressWords(name, progress)}</span>
            <progress aria-label={`Send/Receive ${name}`} max={1} {...(fraction === undefined ? {} : { value: Math.min(1, fraction) })} />
          </div>
        );
      })}
    </div>
  );
}

/**
 * The status line (an ARIA live region): offline state, what the list shows, each account's last
 * check or its problem in plain words, and new mail, so screen readers hear it arrive.
 */
export function StatusLine(props: {
  readonly summary: string;
  readonly state: SendReceiveState;
  readonly nameOf: (accountId: string) => string;
  readonly announcement: string | null;
  readonly problem: string | null;
  /** Opens the password question for an account whose check needs one. */
  readonly onEnterPassword?: (accountId: string, reason: PasswordReason) => void;
  /** The accounts that sign in with a provider: their button offers to sign in again, not a password. */
  readonly providerAccounts?: ReadonlySet<string>;
}) {
  const online = useOnline();
  const runs = Object.entries(props.state.last).map(([accountId, run]) => ({
    accountId,
    ...lastRunWords(props.nameOf(accountId), run, props.providerAccounts?.has(accountId) === true),
  }));
  const notStarted = Object.entries(props.state.notStarted);
  const enter = props.onEnterPassword;
  const passwordButton = (accountId: string, reason: PasswordReason) =>
    enter === undefined ? null : (
      <button type="button" className="status-action" onClick={() => enter(accountId, reason)}>
        {props.providerAccounts?.has(accountId) === true ? 'Sign in again…' : 'Enter password…'}
      </button>
    );
  return (
    <footer className="status-line" role="status">
      {!online && <span className="status-part status-problem">You are offline: mail is checked again when the network is back.</span>}
      <span className="status-part">{props.summary}</span>
      {props.announcement !== null && <span className="status-part status-news">{props.announcement}</span>}
      {props.problem !== null && <span className="status-part status-problem">{props.problem}</span>}
      {notStarted.map(([accountId, error]) => (
        <span key={`not-${accountId}`} className="status-part status-problem">
          {props.nameOf(accountId)}: {error.message} {error.code === 'PASSWORD_NEEDED' && passwordButton(accountId, 'missing')}
          {error.code === 'AUTH_FAILED' && passwordButton(accountId, 'refused')}
          <ErrorDetails detail={error.detail} />
        </span>
      ))}
      {runs.map((run) => (
        <span key={run.accountId} className={`status-part${run.problem ? ' status-problem' : ''}`}>
          {run.text} {run.password !== undefined && passwordButton(run.accountId, run.password)}
          <ErrorDetails detail={run.detail} />
        </span>
      ))}
    </footer>
  );
}
