/**
 * Untrusted server certificates as the doctor reports them, turned into what the certificate prompt
 * shows and what "Trust" stores: a pin for exactly that host, port and SHA-256 fingerprint.
 */
import type { Account, AccountSettings, PinnedCertificate } from '../../../shared/accounts';
import type { DoctorFact, DoctorReport } from '../../../shared/doctor';
import type { SetupForm } from './setup-form';

/** One certificate the user may choose to trust. */
export interface CertificateProblem {
  readonly side: 'incoming' | 'outgoing';
  readonly host: string;
  readonly port: number;
  /** As the server presented it (colon-separated hex). */
  readonly fingerprint256: string;
  /** Why it is not trusted, in one sentence. */
  readonly summary: string;
  readonly facts: readonly DoctorFact[];
}

/** The untrusted certificates in a doctor report, incoming server first. */
export function certificateProblems(report: DoctorReport, settings: AccountSettings): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  for (const step of report.steps) {
    const fingerprint = step.certificateFingerprint256;
    if (fingerprint === undefined || fingerprint === '') continue;
    if (step.id !== 'pop3-tls' && step.id !== 'smtp-tls') continue;
    const side = step.id === 'pop3-tls' ? 'incoming' : 'outgoing';
    const server = settings[side];
    problems.push({ side, host: server.host, port: server.port, fingerprint256: fingerprint, summary: step.summary, facts: step.facts });
  }
  return problems;
}

/** The pin that trusting a problem stores. */
export function pinFor(problem: CertificateProblem): PinnedCertificate {
  return { host: problem.host, port: problem.port, fingerprint256: problem.fingerprint256.replace(/[:\s]/g, '').toUpperCase() };
}

/** The form with the problem's certificate trusted for its server. */
export function trustCertificate(form: SetupForm, problem: CertificateProblem): SetupForm {
  return { ...form, pins: { ...form.pins, [problem.side]: pinFor(problem) } };
}

/** "127.0.0.1:995": how a server is named in the prompt and its button. */
export function serverLabel(problem: Pick<CertificateProblem, 'host' | 'port'>): string {
  return problem.host.includes(':') ? `[${problem.host}]:${problem.port}` : `${problem.host}:${problem.port}`;
}

/** Whether two problems are about one certificate on one host (POP3 and SMTP often share it). */
export function sameCertificate(left: CertificateProblem, right: CertificateProblem): boolean {
  return left.host === right.host && pinFor(left).fingerprint256 === pinFor(right).fingerprint256;
}

/** Every certificate other accounts trust (pins of both servers), for "already trusted". */
export function trustedElsewhere(accounts: readonly Account[], exceptAccountId?: string): PinnedCertificate[] {
  return accounts
    .filter((account) => account.id !== exceptAccountId)
    .flatMap((account) => [account.settings?.incoming.pinnedCertificate, account.settings?.outgoing.pinnedCertificate])
    .filter((pin): pin is PinnedCertificate => pin !== undefined);
}

/** Whether the user already trusts exactly this certificate for this host and port (in another account or the other protocol). */
export function alreadyTrusted(problem: CertificateProblem, pins: readonly PinnedCertificate[]): boolean {
  const wanted = pinFor(problem);
  return pins.some((pin) => pin.host === wanted.host && pin.port === wanted.port && pin.fingerprint256 === wanted.fingerprint256);
}

/** What to do with a report's untrusted certificates: pin the ones trusted before, ask once per certificate about the rest. */
export interface CertificatePlan {
  /** The form with every already-trusted certificate pinned. */
  readonly form: SetupForm;
  /** Servers pinned without asking, for a notice. */
  readonly trustedBefore: readonly CertificateProblem[];
  /** One question per certificate (the first server it was seen on). */
  readonly questions: readonly CertificateProblem[];
}

/**
 * Plans the certificate questions of a report: a certificate already trusted for this host and port
 * (by another account, or pinned here for the other protocol) is pinned without asking — unless this
 * form already pins it, which means the pin did not help and the user must look again — and a
 * certificate both servers present is asked about once.
 */
export function planCertificates(form: SetupForm, problems: readonly CertificateProblem[], elsewhere: readonly PinnedCertificate[]): CertificatePlan {
  const own = [form.pins.incoming, form.pins.outgoing].filter((pin): pin is PinnedCertificate => pin !== undefined);
  let next = form;
  const trustedBefore: CertificateProblem[] = [];
  const questions: CertificateProblem[] = [];
  for (const problem of problems) {
    const pinnedHere = alreadyTrusted(
      problem,
      problem.side === 'incoming' ? [form.pins.incoming].filter((pin) => pin !== undefined) : [form.pins.outgoing].filter((pin) => pin !== undefined),
    );
    if (!pinnedHere && alreadyTrusted(problem, [...elsewhere, ...own])) {
      next = trustCertificate(next, problem);
      trustedBefore.push(problem);
    } else if (!questions.some((asked) => sameCertificate(asked, problem))) {
      questions.push(problem);
    }
  }
  return { form: next, trustedBefore, questions };
}

/** The form after the user trusted a certificate: every server of the report that presented it is pinned. */
export function trustEverywhere(form: SetupForm, trusted: CertificateProblem, problems: readonly CertificateProblem[]): SetupForm {
  return problems.filter((problem) => sameCertificate(problem, trusted)).reduce(trustCertificate, trustCertificate(form, trusted));
}
