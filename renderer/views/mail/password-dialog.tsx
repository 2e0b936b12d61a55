import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PasswordStorage } from '../../../shared/ipc/contract';
import type { SignInWith } from '../../../shared/accounts';
import { bridge } from '../../bridge';
import { signInLabel, signInWithProvider } from '../../state/provider-sign-in';
import { Dialog } from '../../components/dialog';
import { CheckboxField, Field } from '../../components/field';
import { passwordRequestsOf, type PasswordReason, type PasswordRequest, type SendReceiveState } from '../../state/send-receive-model';
import { passwordQuestion, type SignInTarget } from '../../state/window-notices';
import './window-notices.css';
import { Message, useLocale, useT } from '../../state/locale';
import { errorWords } from '../settings/error-words';
import { errorMessageIn } from '../../../shared/error-words';

/** Which server's password: incoming (POP3), or outgoing (SMTP) when it has a password of its own. */
export type PasswordProtocol = 'pop3' | 'smtp';

/**
 * Which account the window asks a password for: the next request of a Send/Receive the user asked
 * for (each occasion once), or one the user opened from the status line. `close` puts it away.
 */
export function usePasswordPrompt(state: SendReceiveState): {
  readonly current: { readonly accountId: string; readonly reason: PasswordReason; readonly protocol: PasswordProtocol } | null;
  open(accountId: string, reason: PasswordReason, protocol?: PasswordProtocol): void;
  close(): void;
} {
  const seen = useRef(new Set<string>());
  const [queue, setQueue] = useState<ReadonlyArray<PasswordRequest & { readonly protocol?: PasswordProtocol }>>([]);
  useEffect(() => {
    const fresh = passwordRequestsOf(state).filter((request) => !seen.current.has(request.key));
    if (fresh.length === 0) return;
    for (const request of fresh) seen.current.add(request.key);
    setQueue((current) => [...current, ...fresh.filter((request) => !current.some((queued) => queued.accountId === request.accountId))]);
  }, [state]);
  const first = queue[0];
  return {
    current: first === undefined ? null : { accountId: first.accountId, reason: first.reason, protocol: first.protocol ?? 'pop3' },
    open: (accountId, reason, protocol = 'pop3') =>
      setQueue((current) =>
        current.some((queued) => queued.accountId === accountId) ? current : [{ accountId, reason, protocol, key: `${accountId}@opened` }, ...current],
      ),
    close: () => setQueue((current) => current.slice(1)),
  };
}

/**
 * Asks for an account's password when Send/Receive needs it: names the account, offers "Remember"
 * when there is a keychain to keep it in, checks it by signing in (a refused one keeps the dialog
 * open with the server's answer) and hands the account back to run Send/Receive with it.
 */
export function PasswordDialog(props: {
  readonly accountId: string;
  readonly reason: PasswordReason;
  /** Default POP3; SMTP with the same password as POP3 asks for the POP3 one. */
  readonly protocol?: PasswordProtocol;
  readonly name: string;
  readonly onSignedIn: (accountId: string) => void;
  /** Opens the account's settings (where its password command is changed). */
  readonly onSettings: (accountId: string) => void;
  readonly onCancel: () => void;
}) {
  const { accountId } = props;
  const t = useT();
  const locale = useLocale();
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [storage, setStorage] = useState<PasswordStorage | null>(null);
  const [target, setTarget] = useState<SignInTarget | null>(null);
  /** The account's password command, when it has one: a typed password would not be used. */
  const [command, setCommand] = useState<string | null>(null);
  /** The provider the account signs in with instead of a password, when it does. */
  const [provider, setProvider] = useState<SignInWith | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void bridge.getPasswordStorage().then((result) => live && result.ok && setStorage(result.value));
    void bridge.getAccount(accountId).then((result) => {
      const settings = result.ok ? result.value.settings : null;
      if (!live || settings === null) return;
      const server = props.protocol === 'smtp' && settings.outgoing.credentials === 'separate' ? settings.outgoing : settings.incoming;
      setTarget({ username: server.username, host: server.host });
      setCommand(settings.passwordCommand ?? null);
      setProvider(settings.signInWith ?? null);
    });
    return () => {
      live = false;
    };
  }, [accountId, props.protocol]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (password === '') {
      setError(t(props.protocol === 'smtp' ? 'setup.check.smtpPassword' : 'setup.check.password'));
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await bridge.enterPassword({ accountId, protocol: props.protocol ?? 'pop3', password, remember: storage?.persistent === true && remember });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.code === 'AUTH_FAILED' ? t('settings.passwordTryAgain') : errorWords(t, result.error));
      return;
    }
    props.onSignedIn(accountId);
  };

  const signInAgain = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    // The page the browser shows afterwards speaks the window's language.
    const result = await signInWithProvider({ accountId, locale });
    setBusy(false);
    if (!result.ok) {
      // Main's own sentence where the catalogs have it, else the plain words of the error's code.
      setError(result.error.words === undefined ? errorWords(t, result.error) : errorMessageIn(t, result.error));
      return;
    }
    props.onSignedIn(accountId);
  };

  if (provider !== null) {
    return (
      <Dialog title={t('password.signInAgainTitle', { account: props.name })} onClose={props.onCancel} className="password-dialog">
        <p>{t('password.signInExpired', { provider: provider === 'google' ? 'Google' : 'Microsoft', account: props.name })}</p>
        {error !== undefined && (
          <p role="alert" className="setup-problem">
            {error}
          </p>
        )}
        {busy && (
          <p role="status" className="muted">
            {t('password.waitingForBrowser')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void signInAgain()}>
            {signInLabel(t, provider)}
          </button>
        </div>
      </Dialog>
    );
  }

  if (command !== null) {
    return (
      <Dialog title={t('password.title', { account: props.name })} onClose={props.onCancel} className="password-dialog">
        <p>{passwordQuestion(t, props.name, props.reason, target)}</p>
        <p>
          <Message id="password.fromCommand" values={{ command: <code>{command}</code> }} />
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            {t('common.close')}
          </button>
          <button type="button" onClick={() => props.onSettings(accountId)}>
            {t('folder.accountSettings')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('password.title', { account: props.name })} onClose={props.onCancel} className="password-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <p>{passwordQuestion(t, props.name, props.reason, target)}</p>
        <Field label={t('password.label')} error={error}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              autoFocus
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              disabled={busy}
            />
          )}
        </Field>
        {storage?.persistent === true ? (
          <CheckboxField label={t('password.remember')} checked={remember} onChange={setRemember} />
        ) : (
          <p className="muted">{t('password.noKeychain')}</p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {t(busy ? 'password.signingIn' : 'password.signIn')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
