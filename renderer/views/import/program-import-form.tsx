import { errorMessageIn } from '../../../shared/error-words';
import { useEffect, useState } from 'react';
import type { ImportedAccountView, ProgramKindName, ProgramPreview, ThunderbirdProfileView } from '../../../shared/import-export-ops';
import type { Translate } from '../../../shared/i18n/catalogs';
import { bridge } from '../../bridge';
import { Message, useT } from '../../state/locale';
import { FileBrowser } from './file-browser';

/** The passwords typed for one new account. */
interface TypedPasswords {
  readonly pop3: string;
  readonly smtp: string;
}

/** A new id for one run, so its events are told apart from another window's. */
export function newRunId(): string {
  return `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The mail an account's import recorded as downloaded already, in words. */
export function accountOutcome(t: Translate, account: ImportedAccountView): string {
  const names = { name: account.name, host: account.host };
  if (account.status === 'failed') return t('import.accountFailed', { ...names, reason: account.error === undefined ? '' : errorMessageIn(t, account.error) });
  const known = account.knownOnServer > 0;
  if (account.status === 'created')
    return known ? t('import.accountCreatedKnown', { ...names, count: account.knownOnServer }) : t('import.accountCreated', names);
  return known ? t('import.accountExistingKnown', { ...names, count: account.knownOnServer }) : t('import.accountExisting', names);
}

/**
 * The Thunderbird and Eudora page of File → Import…: the source (a profile Thunderbird lists, a
 * profile folder or an Eudora folder browsed to), what to bring (mail, accounts), then what the
 * source holds — its mailboxes with their message counts and its POP3 accounts, with a password field
 * for each new one (passwords are never imported; each is checked by signing in before the account
 * is saved). A refused password is shown by its account and nothing of the mail starts.
 */
export function ProgramImportForm(props: {
  readonly kind: ProgramKindName;
  readonly onClose: () => void;
  /** The mail import runs under `runId` (its events follow). */
  readonly onStarted: (runId: string, accounts: readonly ImportedAccountView[]) => void;
  /** Only accounts were imported. */
  readonly onFinished: (accounts: readonly ImportedAccountView[]) => void;
}) {
  const t = useT();
  const { kind } = props;
  const [profiles, setProfiles] = useState<readonly ThunderbirdProfileView[]>([]);
  const [source, setSource] = useState('');
  const [mail, setMail] = useState(true);
  const [accounts, setAccounts] = useState(true);
  const [preview, setPreview] = useState<ProgramPreview | null>(null);
  const [passwords, setPasswords] = useState<ReadonlyMap<string, TypedPasswords>>(new Map());
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPreview(null);
    setSource('');
    if (kind !== 'thunderbird') return;
    void bridge.findThunderbirdProfiles().then((result) => {
      if (!result.ok) return;
      setProfiles(result.value);
      const chosen = result.value.find((profile) => profile.isDefault) ?? result.value[0];
      if (chosen !== undefined) setSource(chosen.directory);
    });
  }, [kind]);

  const withMail = kind === 'eudora' || mail;
  const withAccounts = accounts;
  const look = (): void => {
    setBusy(true);
    setProblem(null);
    setFailures(new Map());
    void bridge.previewProgramImport({ kind, source: source.trim(), mail: withMail, accounts: withAccounts }).then((result) => {
      setBusy(false);
      if (result.ok) setPreview(result.value);
      else {
        setPreview(null);
        setProblem(result.error.message);
      }
    });
  };
  const changeSource = (path: string): void => {
    setSource(path);
    setPreview(null);
  };
  const newAccounts = withAccounts ? (preview?.accounts.filter((account) => account.status === 'new') ?? []) : [];
  const missingPassword = newAccounts.some((account) => {
    const typed = passwords.get(account.key);
    return typed === undefined || typed.pop3 === '' || (account.smtpPassword && typed.smtp === '');
  });
  const start = (): void => {
    if (preview === null) return;
    const runId = newRunId();
    setBusy(true);
    setProblem(null);
    void bridge
      .startProgramImport({
        runId,
        kind,
        source: preview.source,
        mail: withMail,
        accounts: withAccounts,
        passwords: newAccounts.map((account) => {
          const typed = passwords.get(account.key) ?? { pop3: '', smtp: '' };
          return { key: account.key, pop3Password: typed.pop3, ...(account.smtpPassword ? { smtpPassword: typed.smtp } : {}) };
        }),
      })
      .then((result) => {
        setBusy(false);
        if (!result.ok) {
          setProblem(result.error.message);
          return;
        }
        const failed = result.value.accounts.filter((account) => account.status === 'failed');
        if (failed.length > 0) {
          setFailures(
            new Map(failed.map((account) => [account.key, account.error === undefined ? t('import.accountNotImported') : errorMessageIn(t, account.error)])),
          );
          return;
        }
        if (result.value.started) props.onStarted(runId, result.value.accounts);
        else props.onFinished(result.value.accounts);
      });
  };
  const type = (key: string, field: keyof TypedPasswords, value: string): void =>
    setPasswords((current) => new Map(current).set(key, { ...(current.get(key) ?? { pop3: '', smtp: '' }), [field]: value }));

  return (
    <form
      method="dialog"
      onSubmit={(event) => {
        event.preventDefault();
        if (preview === null) look();
        else start();
      }}
    >
      {kind === 'thunderbird' && (
        <fieldset>
          <legend>{t('import.profilesFound')}</legend>
          {profiles.length === 0 && <p>{t('import.noProfile')}</p>}
          {profiles.map((profile) => (
            <label key={profile.directory} className="import-kind">
              <input type="radio" name="thunderbird-profile" checked={source === profile.directory} onChange={() => changeSource(profile.directory)} />
              {profile.isDefault ? <Message id="import.defaultProfile" values={{ name: <bdi>{profile.name}</bdi> }} /> : <bdi>{profile.name}</bdi>}
              <span className="hint">
                <bdi dir="ltr">{profile.directory}</bdi>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <FileBrowser
        label={kind === 'thunderbird' ? t('import.profileFolder') : t('import.eudoraFolder')}
        value={source}
        onChange={changeSource}
        choose="directory"
      />
      {kind === 'thunderbird' && (
        <fieldset>
          <legend>{t('import.whatToBring')}</legend>
          <label className="import-kind">
            <input
              type="checkbox"
              checked={mail}
              onChange={(event) => {
                setMail(event.target.checked);
                setPreview(null);
              }}
            />
            {t('import.mail')} <span className="hint">{t('import.mailHint')}</span>
          </label>
          <label className="import-kind">
            <input
              type="checkbox"
              checked={accounts}
              onChange={(event) => {
                setAccounts(event.target.checked);
                setPreview(null);
              }}
            />
            {t('import.accounts')} <span className="hint">{t('import.accountsHint')}</span>
          </label>
        </fieldset>
      )}
      {kind === 'eudora' && (
        <label className="import-kind">
          <input
            type="checkbox"
            checked={accounts}
            onChange={(event) => {
              setAccounts(event.target.checked);
              setPreview(null);
            }}
          />
          {t('import.eudoraAccounts')}
        </label>
      )}
      {preview !== null && (
        <section className="import-preview" aria-label={t('import.preview')}>
          {withMail && (
            <>
              <h3>{t('import.mailboxes')}</h3>
              {preview.mailboxes.length === 0 ? (
                <p>{t('import.noMailboxes')}</p>
              ) : (
                <ul className="import-mailboxes" aria-label={t('import.mailboxes')}>
                  {preview.mailboxes.map((mailbox) => (
                    <li key={mailbox.path.join('\u0000')}>
                      <Message
                        id="import.problem"
                        values={{
                          place: (
                            <bdi className="import-mailbox-path" dir="ltr">
                              {(mailbox.inLocalFolders ? [t('folder.localFolders'), ...mailbox.path] : mailbox.path).join('/')}
                            </bdi>
                          ),
                          reason: t('import.mailboxMessages', { count: mailbox.messages }),
                        }}
                      />
                    </li>
                  ))}
                  {preview.moreMailboxes > 0 && <li>{t('import.andMore', { count: preview.moreMailboxes })}</li>}
                </ul>
              )}
            </>
          )}
          {withAccounts && (
            <>
              <h3>{t('import.accounts')}</h3>
              {preview.accounts.length === 0 ? (
                <p>{t('import.noAccounts')}</p>
              ) : (
                <ul className="import-accounts" aria-label={t('import.accounts')}>
                  {preview.accounts.map((account) => (
                    <li key={account.key}>
                      <span>
                        <Message
                          id="import.accountAt"
                          values={{
                            name: <bdi>{account.name}</bdi>,
                            user: <bdi>{account.username}</bdi>,
                            host: <bdi>{account.host}</bdi>,
                          }}
                        />
                        {account.status === 'existing' && <span className="import-note">{t('import.alreadyHere')}</span>}
                        {account.insecure && <span className="import-note">{t('import.insecure')}</span>}
                      </span>
                      {account.status === 'new' && (
                        <>
                          <label className="field">
                            <span>{t('import.passwordFor', { user: account.username, host: account.host })}</span>
                            <input
                              type="password"
                              autoComplete="off"
                              value={passwords.get(account.key)?.pop3 ?? ''}
                              onChange={(event) => type(account.key, 'pop3', event.target.value)}
                            />
                          </label>
                          {account.smtpPassword && (
                            <label className="field">
                              <span>{t('import.smtpPasswordFor', { user: account.smtpUsername })}</span>
                              <input
                                type="password"
                                autoComplete="off"
                                value={passwords.get(account.key)?.smtp ?? ''}
                                onChange={(event) => type(account.key, 'smtp', event.target.value)}
                              />
                            </label>
                          )}
                        </>
                      )}
                      {failures.has(account.key) && (
                        <p className="field-error" role="alert">
                          {failures.get(account.key)}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {newAccounts.length > 0 && <p className="hint">{t('import.passwordsHint')}</p>}
            </>
          )}
        </section>
      )}
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
        {preview === null ? (
          <button type="submit" className="primary" disabled={busy || source.trim() === '' || (!withMail && !withAccounts)}>
            {busy ? t('import.looking') : t('import.lookInside')}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={busy || missingPassword}>
            {busy ? t('password.signingIn') : t('import.import')}
          </button>
        )}
      </div>
    </form>
  );
}
