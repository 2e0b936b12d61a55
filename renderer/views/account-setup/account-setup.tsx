import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { describeLeaveOnServer, type AccountSettings, type PinnedCertificate } from '../../../shared/accounts';
import type { DiscoveryOutcome, DiscoverySourceName, DiscoverySourceStatus } from '../../../shared/discovery';
import type { ErrorData } from '../../../shared/errors';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import { PROVIDER_NOTE_TEXT } from '../../../shared/providers';
import { bridge } from '../../bridge';
import { Field } from '../../components/field';
import { useNavigation } from '../../state/navigation';
import './account-setup.css';
import { CertificatePrompt } from './certificate-prompt';
import {
  certificateProblems,
  planCertificates,
  sameCertificate,
  serverLabel,
  trustedElsewhere,
  trustEverywhere,
  type CertificateProblem,
} from './certificates';
import { DiscoveryProgress } from './discovery-progress';
import { answeringSource, DISCOVERY_SOURCE_LABELS } from './discovery-words';
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

const SECURITY_WORDS = { tls: 'encrypted (SSL/TLS)', starttls: 'encrypted (STARTTLS)', none: 'not encrypted' } as const;

/** A server in plain words: "pop.example.com, port 995, encrypted (SSL/TLS), signed in as …". */
function describeServer(server: { host: string; port: number | string; security: keyof typeof SECURITY_WORDS; username: string }): string {
  return `${server.host}, port ${server.port}, ${SECURITY_WORDS[server.security]}, signing in as ${server.username}`;
}

/** What the user is told after a save that worked, when something deserves a word. */
function saveWarnings(result: SaveAccountResult, passwordGiven: boolean): string[] {
  const warnings: string[] = [];
  const storage = result.passwordStorage;
  if (storage !== null && !storage.persistent) {
    warnings.push(`${storage.warning?.message ?? 'The system keychain is not available.'} You will be asked for it again after Mailbag restarts.`);
  }
  if (result.smtpError !== null) {
    warnings.push(`Sending mail could not be checked: ${result.smtpError.message} Use “Test account settings” to see why.`);
  } else if (passwordGiven && !result.smtpVerified) {
    warnings.push('The sign-in to the outgoing server was not checked; sending may fail.');
  }
  return warnings;
}

/**
 * Adding an account (no `accountId`) or editing one. A new account starts with name, address and
 * password, then discovery finds the servers and shows what it found; every field is one click away
 * ("Set up manually"). Saving signs in first, so a wrong password is said at once and nothing is stored.
 */
export function AccountSetup(props: { readonly accountId?: string }) {
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
      else setLoadError(result.error.message);
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
    const firstErrors = checkFirstPage(form);
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
      setNotice(`Mailbag could not look up the settings: ${result.error.message} Enter them from your provider’s instructions.`);
      setStep('manual');
      return;
    }
    setOutcome(result.value);
    if (result.value.recommended.incoming !== undefined && result.value.recommended.outgoing !== undefined) {
      setForm(withDiscovery(base, result.value));
      setStep('found');
    } else {
      setForm(withDiscovery(base, result.value));
      setNotice(`Mailbag found no complete settings for ${result.value.domain}. Enter them from your provider’s instructions.`);
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
      setNotice(
        `Already trusted: the certificate of ${plan.trustedBefore.map(serverLabel).join(' and ')} is one you trusted before, so Mailbag trusts it here too.`,
      );
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
    const check = checkForm(current, { passwordRequired: action === 'save' && !editing });
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
        : await signInWithProvider({ settings, ...(editingId === undefined ? {} : { accountId: editingId }) });
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
      if (error.code === 'AUTH_FAILED')
        setErrors(separate && current.smtpPassword !== '' ? { password: error.message, smtpPassword: error.message } : { password: error.message });
      else setProblem(error);
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
    const warnings = saveWarnings(value, current.password !== '');
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

  const title = editing && props.accountId !== undefined ? 'Edit account' : 'Add an account';
  const certificate = certificates?.queue[0];
  const answered = outcome === null ? undefined : answeringSource(outcome);
  const manualButton = (
    <button type="button" onClick={manual}>
      Set up manually
    </button>
  );

  if (!loaded || loadError !== null) {
    return (
      <main className="account-setup" aria-labelledby="account-setup-title">
        <h1 id="account-setup-title">{title}</h1>
        {loadError === null ? <p aria-busy="true">Loading the account…</p> : <p role="alert">{loadError}</p>}
        <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
          Cancel
        </button>
      </main>
    );
  }

  if (saved !== null) {
    return (
      <main className="account-setup" aria-labelledby="account-setup-title">
        <div className="setup-card">
          <h1 id="account-setup-title" ref={headingRef} tabIndex={-1}>
            Account “{saved.name}” saved
          </h1>
          <div role="status" className="setup-warnings">
            {saved.warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </div>
          <div className="setup-actions">
            <button type="button" onClick={() => setSaved(null)}>
              Back to the settings
            </button>
            <button type="button" className="primary" onClick={() => navigation.show({ kind: 'mail' })}>
              Go to mail
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
            <p className="muted">Mailbag finds the server settings of most providers from your address.</p>
            <Field label="Your name" error={errors.displayName} hint="Recipients see this name.">
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
            <Field label="E-mail address" error={errors.address}>
              {(control) => (
                <input
                  {...control}
                  type="email"
                  autoComplete="email"
                  value={form.address}
                  onChange={(event) => setForm({ ...form, address: event.target.value })}
                />
              )}
            </Field>
            <Field label="Password" error={errors.password}>
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
                Cancel
              </button>
              <span className="setup-spacer" />
              {manualButton}
              <button type="submit" className="primary">
                Continue
              </button>
            </div>
          </>
        )}

        {step === 'discovering' && (
          <>
            <h2>Looking for the settings of {domainOf(form.address)}</h2>
            <p role="status">Asking each source in turn; this takes a few seconds.</p>
            <DiscoveryProgress sources={sources} />
            <div className="setup-actions">
              <button type="button" onClick={() => setStep('start')}>
                Back
              </button>
              <span className="setup-spacer" />
              {manualButton}
            </div>
          </>
        )}

        {step === 'found' && outcome !== null && (
          <>
            <h2>Settings found</h2>
            <p role="status">
              Found{' '}
              {answered === undefined ? '' : `by ${DISCOVERY_SOURCE_LABELS[answered].charAt(0).toLowerCase()}${DISCOVERY_SOURCE_LABELS[answered].slice(1)}`}.
            </p>
            <dl className="found-settings">
              <div>
                <dt>Incoming mail (POP3)</dt>
                <dd>{describeServer(form.incoming)}</dd>
              </div>
              <div>
                <dt>Outgoing mail (SMTP)</dt>
                <dd>{describeServer({ ...form.outgoing, username: form.incoming.username })}</dd>
              </div>
            </dl>
            {[...new Set([...(outcome.recommended.incoming?.notes ?? []), ...(outcome.recommended.outgoing?.notes ?? [])])].map((note) => (
              <p key={note} className="setup-note">
                {PROVIDER_NOTE_TEXT[note]}
              </p>
            ))}
            <details className="found-sources">
              <summary>Where Mailbag looked</summary>
              <DiscoveryProgress sources={outcome.sources} answered={answered} />
            </details>
            <LeaveQuestion form={form} errors={errors} update={update} allChoices={false} />
            <p className="muted">
              Mail is {describeLeaveOnServer(form.leave === 'days' ? { mode: 'days', days: Number(form.leaveDays) || 1 } : { mode: form.leave })}.
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
                <p>{problem?.message ?? errors.form}</p>
                {problem?.detail !== undefined && <p className="muted">{problem.detail}</p>}
              </div>
            )}
            {Object.keys(errors).length > 0 && errors.form === undefined && (
              <p className="setup-problem" role="alert">
                Some fields need attention; see the notes next to them.
              </p>
            )}
            <DoctorPanel doctor={doctor} />
            {busy === 'save' && (
              <p role="status" className="muted">
                {form.signInWith === '' ? 'Signing in to check the password…' : 'Waiting for the sign-in in your browser…'}
              </p>
            )}
            <div className="setup-actions">
              {step === 'found' ? (
                <button type="button" onClick={() => setStep('start')}>
                  Back
                </button>
              ) : (
                <button
                  type="button"
                  onClick={() => (editing ? navigation.show({ kind: 'settings', section: 'accounts' }) : navigation.show({ kind: 'mail' }))}
                >
                  Cancel
                </button>
              )}
              <span className="setup-spacer" />
              {step === 'found' && manualButton}
              <button type="button" onClick={() => void test()} disabled={busy !== null}>
                Test account settings
              </button>
              <button type="submit" className="primary" disabled={busy !== null}>
                {form.signInWith === '' ? 'Save account' : signInLabel(form.signInWith)}
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
