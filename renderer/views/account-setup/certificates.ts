/**
 * Untrusted server certificates as the doctor reports them, turned into what the certificate prompt
 * shows and what "Trust" stores: a pin for exactly that host, port and SHA-256 fingerprint.
 */
import type { AccountSettings, PinnedCertificate } from '../../../shared/accounts';
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
