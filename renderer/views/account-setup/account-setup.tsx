import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { describeLeaveOnServer, type AccountSettings, type PinnedCertificate } from '../../../shared/accounts';
import type { DiscoveryOutcome, DiscoverySourceName, DiscoverySourceStatus } from '../../../shared/discovery';
import { errorDetailIsolatedIn } from '../../../shared/error-words';
import type { ErrorData } from '../../../shared/errors';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import type { ProviderNote } from '../../../shared/providers';
import { bridge } from '../../bridge';
import { Field } from '../../components/field';
import { Message, useFormattingLocale, useLocale, useT } from '../../state/locale';
import { useNavigation } from '../../state/navigation';
import { errorWords } from '../settings/error-words';
import './account-setup.css';
import { CertificatePrompt, serverList } from './certificate-prompt';
import { certificateProblems, planCertificates, sameCertificate, trustedElsewhere, trustEverywhere, type CertificateProblem } from './certificates';
import { DiscoveryProgress } from './discovery-progress';
import { answeringSource, DISCOVERY_SOURCE_KEYS } from './discovery-words';
import { DoctorPanel } from './doctor-panel';
import { LeaveQuestion } from './leave-question';
import { ManualSettings } from './manual-settings';
import {
  checkFirstPage,
  checkForm,
  domainOf,
  emptyForm,
  formFromAccount,
  typedPasswords,
  withAddressDefaults,
  withDiscovery,
  type FieldErrors,
  type SetupForm,
} from './setup-form';
import { signInLabel, signInWithProvider } from '../../state/provider-sign-in';
import { newRunId, useDoctor } from './use-doctor';

/** The pages of setup: what the user types first, discovery at work, what it found, every field. */
type Step = 'start' | 'discovering' | 'found' | 'manual';

/** What waits for the certificate prompt to be answered. */
type PendingAction = 'save' | 'test';

const SECURITY_WORDS = { tls: 'setup.security.tls', starttls: 'setup.security.starttls', none: 'setup.security.none' } as const satisfies Readonly<
  Record<string, MessageId>
>;

/** Each provider note's message. */
const NOTE_WORDS: Readonly<Record<ProviderNote, MessageId>> = {
  'app-password': 'setup.note.appPassword',
  'oauth-required': 'setup.note.oauthRequired',
  'enable-pop': 'setup.note.enablePop',
  'no-pop3': 'setup.note.noPop3',
  'separate-mail-password': 'setup.note.separatePassword',
};

/** A server in plain words: "pop.example.com, port 995, encrypted (SSL/TLS), signing in as …"; names and numbers stay left to right. */
function ServerDescription(props: { readonly server: { host: string; port: number | string; security: keyof typeof SECURITY_WORDS; username: string } }) {
  const t = useT();
  const { server } = props;
  return (
    <Message
      id="setup.serverDescription"
      values={{
        host: <bdi dir="ltr">{server.host}</bdi>,
        port: <bdi dir="ltr">{String(server.port)}</bdi>,
        security: t(SECURITY_WORDS[server.security]),
        user: <bdi dir="ltr">{server.username}</bdi>,
      }}
    />
  );
}

/** What the user is told after a save that worked, when something deserves a word. */
function saveWarnings(t: Translate, result: SaveAccountResult, passwordGiven: boolean): string[] {
  const warnings: string[] = [];
  const storage = result.passwordStorage;
  if (storage !== null && !storage.persistent) warnings.push(t('setup.keychainMissing'));
  if (result.smtpError !== null) {
    warnings.push(t('setup.smtpUnchecked', { reason: errorWords(t, result.smtpError) }));
  } else if (passwordGiven && !result.smtpVerified) {
    warnings.push(t('setup.smtpNotVerified'));
  }
  return warnings;
}

/**
 * Adding an account (no `accountId`) or editing one. A new account starts with name, address and
 * password, then discovery finds the servers and shows what it found; every field is one click away
 * ("Set up manually"). Saving signs in first, so a wrong password is said at once and nothing is stored.
 */
export function AccountSetup(props: { readonly accountId?: string }) {
  const t = useT();
  const locale = useFormattingLocale();
  const windowLocale = useLocale();
  const navigation = useNavigation();
  const [editingId, setEditingId] = useState<string | undefined>(props.accountId);
  const editing = editingId !== undefined;
  const [step, setStep] = useState<Step>(props.accountId === undefined ? 'start' : 'manual');
  const [form, setForm] = useState<SetupForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(props.accountId === undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<ErrorData | null>(null);
  const [sources, setSources] = useState<Partial<Record<DiscoverySourceName, DiscoverySourceStatus>>>({});
  const [outcome, setOutcome] = useState<DiscoveryOutcome | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [certificates, setCertificates] = useState<{
    readonly queue: readonly CertificateProblem[];
    readonly all: readonly CertificateProblem[];
    readonly then: PendingAction;
  } | null>(null);
  /** Certificates the user trusts in other accounts: offered as trusted here too. */
  const [elsewhere, setElsewhere] = useState<readonly PinnedCertificate[]>([]);
  const [saved, setSaved] = useState<{ readonly name: string; readonly warnings: readonly string[] } | null>(null);
  const doctor = useDoctor();
  const discoveryRun = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const update = useCallback((change: (current: SetupForm) => SetupForm) => setForm(change), []);

  useEffect(() => {
    if (props.accountId === undefined) return;
    let active = true;
    void bridge.getAccount(props.accountId).then((result) => {
      if (!active) return;
      if (result.ok) setForm(formFromAccount(result.value));
      else setLoadError(errorWords(t, result.error));
      setLoaded(true);
    });
    return () => {
      active = false;
    };
  }, [props.accountId]);

  useEffect(() => {
    let active = true;
    void bridge.listAccounts().then((result) => active && result.ok && setElsewhere(trustedElsewhere(result.value, props.accountId)));
    return () => {
      active = false;
    };
  }, [props.accountId]);

  useEffect(
    () =>
      bridge.on('discoveryProgress', (event) => {
        if (event.runId === null || event.runId !== discoveryRun.current) return;
        setSources((previous) => ({ ...previous, [event.source]: event.status }));
      }),
    [],
  );

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  // The first field with a problem gets the focus, so the user sees (and hears) what to fix.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [errors]);

  const discover = async () => {
    const firstErrors = checkFirstPage(t, form);
    setErrors(firstErrors);
    if (Object.keys(firstErrors).length > 0) return;
    const runId = newRunId();
    discoveryRun.current = runId;
    setSources({});
    setOutcome(null);
    setNotice(null);
    setStep('discovering');
    const base = withAddressDefaults(form);
    const result = await bridge.discoverSettings({ address: form.address.trim(), name: form.displayName.trim(), runId });
    if (discoveryRun.current !== runId) return;
    discoveryRun.current = null;
    if (!result.ok) {
      setForm(base);
      setNotice(t('setup.lookupFailed', { reason: errorWords(t, result.error) }));
      setStep('manual');
      return;
    }
    setOutcome(result.value);
    if (result.value.recommended.incoming !== undefined && result.value.recommended.outgoing !== undefined) {
      setForm(withDiscovery(base, result.value));
      setStep('found');
    } else {
      setForm(withDiscovery(base, result.value));
      setNotice(t('setup.nothingFound', { domain: result.value.domain }));
      setStep('manual');
    }
  };

  const manual = () => {
    discoveryRun.current = null;
    setForm((current) => (current.address.trim() === '' ? current : withAddressDefaults(current)));
    setErrors({});
    setStep('manual');
  };

  /**
   * Asks about untrusted certificates, once per certificate; one already trusted for the same host and
   * port (another account, the other protocol) is pinned without asking and the action goes on.
   * Answers false when there was nothing to ask about or pin.
   */
  const askAboutCertificates = (
    current: SetupForm,
    report: Parameters<typeof certificateProblems>[0],
    settings: Parameters<typeof certificateProblems>[1],
    then: PendingAction,
  ): boolean => {
    const problems = certificateProblems(report, settings);
    if (problems.length === 0) return false;
    const plan = planCertificates(current, problems, elsewhere);
    if (plan.trustedBefore.length > 0) {
      setForm(plan.form);
      setNotice(t('setup.alreadyTrusted', { servers: serverList(locale, plan.trustedBefore) }));
    }
    if (plan.questions.length > 0) {
      setCertificates({ queue: plan.questions, all: problems, then });
      return true;
    }
    if (plan.trustedBefore.length === 0) return false;
    if (then === 'save') void save(plan.form);
    else void test(plan.form);
    return true;
  };

  /** Checks the form before a test or a save: the settings to use, or null when the form shows its problems instead. */
  const begin = (current: SetupForm, action: PendingAction): AccountSettings | null => {
    const check = checkForm(t, current, { passwordRequired: action === 'save' && !editing });
    if (!check.ok) {
      setErrors(check.errors);
      return null;
    }
    setErrors({});
    setProblem(null);
    setBusy(action);
    return check.settings;
  };

  const test = async (current: SetupForm = form) => {
    const settings = begin(current, 'test');
    if (settings === null) return;
    const report = await doctor.run({ settings, ...(editingId === undefined ? {} : { accountId: editingId }), ...typedPasswords(current) });
    setBusy(null);
    if (report !== null) askAboutCertificates(current, report, settings, 'test');
  };

  const save = async (current: SetupForm = form) => {
    const settings = begin(current, 'save');
    if (settings === null) return;
    const separate = current.outgoing.credentials === 'separate';
    const result =
      settings.signInWith === undefined
        ? await bridge.saveAccount({
            ...(editingId === undefined ? {} : { id: editingId }),
            settings,
            ...typedPasswords(current),
            rememberPasswords: true,
          })
        : await signInWithProvider({ settings, locale: windowLocale, ...(editingId === undefined ? {} : { accountId: editingId }) });
    if (!result.ok) {
      const error = result.error;
      if (error.code === 'TLS_CERTIFICATE') {
        const report = await doctor.run({ settings, scope: 'all' });
        setBusy(null);
        if (report !== null && askAboutCertificates(current, report, settings, 'save')) return;
        setProblem(error);
        return;
      }
      setBusy(null);
      if (error.code === 'AUTH_FAILED') {
        const words = errorWords(t, error);
        setErrors(separate && current.smtpPassword !== '' ? { password: words, smtpPassword: words } : { password: words });
      } else setProblem(error);
      return;
    }
    const value = result.value;
    setEditingId(value.account.id);
    if (value.smtpError?.code === 'TLS_CERTIFICATE') {
      const report = await doctor.run({ settings, scope: 'outgoing' });
      setBusy(null);
      if (report !== null && askAboutCertificates(current, report, settings, 'save')) return;
    }
    setBusy(null);
    const warnings = saveWarnings(t, value, current.password !== '');
    if (warnings.length === 0) navigation.show({ kind: 'mail' });
    else setSaved({ name: value.account.name, warnings });
  };

  const trust = () => {
    if (certificates === null) return;
    const [first, ...rest] = certificates.queue;
    if (first === undefined) return;
    // One answer per certificate: every server of the report that presented it is pinned.
    const next = trustEverywhere(form, first, certificates.all);
    setForm(next);
    if (rest.length > 0) {
      setCertificates({ queue: rest, all: certificates.all, then: certificates.then });
      return;
    }
    setCertificates(null);
    if (certificates.then === 'save') void save(next);
    else void test(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step === 'start') void discover();
    else void save();
  };

  const title = editing && props.accountId !== undefined ? t('setup.editTitle') : t('setup.addTitle');
  const certificate = certificates?.queue[0];
  const answered = outcome === null ? undefined : answeringSource(outcome);
  const manualButton = (
    <button type="button" onClick={manual}>
      {t('setup.manual')}
    </button>
  );

  if (!loaded || loadError !== null) {
    return (
      <main className="account-setup" aria-labelledby="account-setup-title">
        <h1 id="account-setup-title">{title}</h1>
        {loadError === null ? <p aria-busy="true">{t('setup.loadingAccount')}</p> : <p role="alert">{loadError}</p>}
        <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
          {t('common.cancel')}
        </button>
      </main>
    );
  }

  if (saved !== null) {
    return (
      <main className="account-setup" aria-labelledby="account-setup-title">
        <div className="setup-card">
          <h1 id="account-setup-title" ref={headingRef} tabIndex={-1}>
            {t('setup.savedTitle', { name: saved.name })}
          </h1>
          <div role="status" className="setup-warnings">
            {saved.warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </div>
          <div className="setup-actions">
            <button type="button" onClick={() => setSaved(null)}>
              {t('setup.backToSettings')}
            </button>
            <button type="button" className="primary" onClick={() => navigation.show({ kind: 'mail' })}>
              {t('setup.goToMail')}
            </button>
          </div>
        </div>
      </main>
    );
  }

  return (
    <main className="account-setup" aria-labelledby="account-setup-title">
      <form ref={formRef} className={`setup-card${step === 'manual' ? ' setup-card-wide' : ''}`} onSubmit={submit} noValidate>
        <h1 id="account-setup-title" ref={headingRef} tabIndex={-1}>
          {title}
        </h1>

        {step === 'start' && (
          <>
            <p className="muted">{t('setup.intro')}</p>
            <Field label={t('setup.yourName')} error={errors.displayName} hint={t('setup.yourNameHint')}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  autoComplete="name"
                  value={form.displayName}
                  onChange={(event) => setForm({ ...form, displayName: event.target.value })}
                />
              )}
            </Field>
            <Field label={t('setup.address')} error={errors.address}>
              {(control) => (
                <input
                  {...control}
                  type="email"
                  dir="ltr"
                  autoComplete="email"
                  value={form.address}
                  onChange={(event) => setForm({ ...form, address: event.target.value })}
                />
              )}
            </Field>
            <Field label={t('password.label')} error={errors.password}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="current-password"
                  value={form.password}
                  onChange={(event) => setForm({ ...form, password: event.target.value })}
                />
              )}
            </Field>
            <div className="setup-actions">
              <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
                {t('common.cancel')}
              </button>
              <span className="setup-spacer" />
              {manualButton}
              <button type="submit" className="primary">
                {t('common.continue')}
              </button>
            </div>
          </>
        )}

        {step === 'discovering' && (
          <>
            <h2>
              <Message id="setup.lookingFor" values={{ domain: <bdi dir="ltr">{domainOf(form.address)}</bdi> }} />
            </h2>
            <p role="status">{t('setup.asking')}</p>
            <DiscoveryProgress sources={sources} />
            <div className="setup-actions">
              <button type="button" onClick={() => setStep('start')}>
                {t('setup.back')}
              </button>
              <span className="setup-spacer" />
              {manualButton}
            </div>
          </>
        )}

        {step === 'found' && outcome !== null && (
          <>
            <h2>{t('setup.found')}</h2>
            <p role="status">{t('setup.foundBy', { source: answered === undefined ? 'none' : DISCOVERY_SOURCE_KEYS[answered] })}</p>
            <dl className="found-settings">
              <div>
                <dt>{t('setup.incomingMail')}</dt>
                <dd>
                  <ServerDescription server={form.incoming} />
                </dd>
              </div>
              <div>
                <dt>{t('setup.outgoingMail')}</dt>
                <dd>
                  <ServerDescription server={{ ...form.outgoing, username: form.incoming.username }} />
                </dd>
              </div>
            </dl>
            {[...new Set([...(outcome.recommended.incoming?.notes ?? []), ...(outcome.recommended.outgoing?.notes ?? [])])].map((note) => (
              <p key={note} className="setup-note">
                {t(NOTE_WORDS[note])}
              </p>
            ))}
            <details className="found-sources">
              <summary>{t('setup.whereLooked')}</summary>
              <DiscoveryProgress sources={outcome.sources} answered={answered} />
            </details>
            <LeaveQuestion form={form} errors={errors} update={update} allChoices={false} />
            <p className="muted">
              {t('setup.mailIs', {
                leave: describeLeaveOnServer(form.leave === 'days' ? { mode: 'days', days: Number(form.leaveDays) || 1 } : { mode: form.leave }, t),
              })}
            </p>
          </>
        )}

        {step === 'manual' && (
          <>
            {notice !== null && (
              <p className="setup-note" role="status">
                {notice}
              </p>
            )}
            <ManualSettings form={form} errors={errors} update={update} editing={editing} />
          </>
        )}

        {(step === 'found' || step === 'manual') && (
          <>
            {(problem !== null || errors.form !== undefined) && (
              <div className="setup-problem" role="alert">
                <p>{problem === null ? errors.form : errorWords(t, problem)}</p>
                {problem !== null && errorDetailIsolatedIn(t, problem) !== undefined && (
                  <p className="muted">
                    <bdi>{errorDetailIsolatedIn(t, problem)}</bdi>
                  </p>
                )}
              </div>
            )}
            {Object.keys(errors).length > 0 && errors.form === undefined && (
              <p className="setup-problem" role="alert">
                {t('setup.needsAttention')}
              </p>
            )}
            <DoctorPanel doctor={doctor} />
            {busy === 'save' && (
              <p role="status" className="muted">
                {form.signInWith === '' ? t('setup.signingIn') : t('password.waitingForBrowser')}
              </p>
            )}
            <div className="setup-actions">
              {step === 'found' ? (
                <button type="button" onClick={() => setStep('start')}>
                  {t('setup.back')}
                </button>
              ) : (
                <button
                  type="button"
                  onClick={() => (editing ? navigation.show({ kind: 'settings', section: 'accounts' }) : navigation.show({ kind: 'mail' }))}
                >
                  {t('common.cancel')}
                </button>
              )}
              <span className="setup-spacer" />
              {step === 'found' && manualButton}
              <button type="button" onClick={() => void test()} disabled={busy !== null}>
                {t('setup.test')}
              </button>
              <button type="submit" className="primary" disabled={busy !== null}>
                {form.signInWith === '' ? t('setup.save') : signInLabel(t, form.signInWith)}
              </button>
            </div>
          </>
        )}
      </form>
      {certificate !== undefined && (
        <CertificatePrompt
          problem={certificate}
          servers={certificates?.all.filter((other) => sameCertificate(other, certificate)) ?? []}
          onTrust={trust}
          onCancel={() => setCertificates(null)}
        />
      )}
    </main>
  );
}
