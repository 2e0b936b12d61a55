import { useEffect, useMemo, useState } from 'react';
import { errorDetailIsolatedIn, errorMessageIn } from '../../../shared/error-words';
import type { SendReceiveState } from '../../state/send-receive';
import type { PasswordReason } from '../../state/send-receive-model';
import { useT } from '../../state/locale';
import { SYMBOLS } from '../../components/symbols';
import { useMailFormats } from './format';
import { lastRunWords, progressWords, type StatusWords } from './status-words';
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

/** The technical detail of an error, folded away behind "Details" so the words stay plain. */
export function ErrorDetails(props: { readonly detail: string | undefined }) {
  const t = useT();
  if (props.detail === undefined || props.detail === '') return null;
  return (
    <details className="error-details">
      <summary>{t('common.details')}</summary>
      <code>{props.detail}</code>
    </details>
  );
}

/** The status line's words in the window's language. */
function useStatusWords(): StatusWords {
  const t = useT();
  const formats = useMailFormats();
  return useMemo(() => ({ t, clockTime: formats.clockTime, byteSize: formats.byteSize }), [t, formats]);
}

/** A progress bar per account while Send/Receive runs. */
export function SendReceiveProgress(props: { readonly state: SendReceiveState; readonly nameOf: (accountId: string) => string }) {
  const words = useStatusWords();
  const { t } = words;
  const running = Object.entries(props.state.running);
  if (running.length === 0) return null;
  return (
    <div className="send-receive-progress" role="group" aria-label={t('progress.group')}>
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
            <span className="progress-text">{progressWords(words, name, progress)}</span>
            <progress aria-label={t('progress.bar', { account: name })} max={1} {...(fraction === undefined ? {} : { value: Math.min(1, fraction) })} />
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
  const words = useStatusWords();
  const { t } = words;
  const runs = Object.entries(props.state.last).map(([accountId, run]) => ({
    accountId,
    ...lastRunWords(words, props.nameOf(accountId), run, props.providerAccounts?.has(accountId) === true),
  }));
  const notStarted = Object.entries(props.state.notStarted);
  const enter = props.onEnterPassword;
  const passwordButton = (accountId: string, reason: PasswordReason) =>
    enter === undefined ? null : (
      <button type="button" className="status-action" onClick={() => enter(accountId, reason)}>
        {props.providerAccounts?.has(accountId) === true ? t('status.signInAgain') : t('status.enterPassword')}
      </button>
    );
  return (
    <footer className="status-line" role="status">
      {!online && <span className="status-part status-problem">{t('status.offline')}</span>}
      <span className="status-part">{props.summary}</span>
      {props.announcement !== null && <span className="status-part status-news">{props.announcement}</span>}
      {props.problem !== null && <span className="status-part status-problem">{props.problem}</span>}
      {notStarted.map(([accountId, error]) => (
        <span key={`not-${accountId}`} className="status-part status-problem">
          {t('status.accountProblem', { account: props.nameOf(accountId), problem: errorMessageIn(t, error) })}
          {SYMBOLS.space}
          {error.code === 'PASSWORD_NEEDED' && passwordButton(accountId, 'missing')}
          {error.code === 'AUTH_FAILED' && passwordButton(accountId, 'refused')}
          <ErrorDetails detail={errorDetailIsolatedIn(t, error)} />
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
