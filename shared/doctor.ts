/**
 * The account doctor's report ("Test account settings"): one step per thing that can go wrong between
 * Mailbag and a mail server, each with plain-words advice, and the whole transcript with passwords
 * redacted, ready to copy for a help desk.
 */
import type { ErrorData } from './errors';

/** Every step, in the order the doctor runs them. */
export const DOCTOR_STEP_IDS = [
  'provider-sign-in',
  'pop3-dns',
  'pop3-tcp',
  'pop3-tls',
  'pop3-capabilities',
  'pop3-login',
  'smtp-dns',
  'smtp-tcp',
  'smtp-tls',
  'smtp-session',
  'round-trip-send',
  'round-trip-receive',
] as const;

/** One step of the doctor. */
export type DoctorStepId = (typeof DOCTOR_STEP_IDS)[number];

/** `warning`: works, but something deserves attention (no encryption, a server that forgets mail). */
export type DoctorStatus = 'ok' | 'warning' | 'failed' | 'skipped';

/** One row of a step's table (TLS facts, the server's capabilities). */
export interface DoctorFact {
  readonly name: string;
  readonly value: string;
  /** What it means for the user, when that is not obvious. */
  readonly meaning?: string;
}

/** The result of one step. */
export interface DoctorStep {
  readonly id: DoctorStepId;
  readonly title: string;
  readonly status: DoctorStatus;
  /** What was found, in one sentence. */
  readonly summary: string;
  /** What to do about it, in plain words (failed and warning steps). */
  readonly advice?: string;
  readonly error?: ErrorData;
  readonly facts: readonly DoctorFact[];
  /** For an untrusted certificate: its SHA-256 fingerprint, which the user may accept for this server. */
  readonly certificateFingerprint256?: string;
}

/** Which servers to check. */
export type DoctorScope = 'all' | 'incoming' | 'outgoing';

/** The whole report. */
export interface DoctorReport {
  /** True when no step failed. */
  readonly ok: boolean;
  readonly steps: readonly DoctorStep[];
  /** Every protocol line both ways and the doctor's notes, passwords redacted. */
  readonly transcript: readonly string[];
}

/** The title of each step. */
export const DOCTOR_STEP_TITLES: Readonly<Record<DoctorStepId, string>> = {
  'provider-sign-in': 'Sign-in with the provider (renewed, permissions checked)',
  'pop3-dns': 'Incoming server name (DNS)',
  'pop3-tcp': 'Incoming server connection (TCP)',
  'pop3-tls': 'Incoming server encryption (TLS)',
  'pop3-capabilities': 'Incoming server capabilities',
  'pop3-login': 'Incoming sign-in',
  'smtp-dns': 'Outgoing server name (DNS)',
  'smtp-tcp': 'Outgoing server connection (TCP)',
  'smtp-tls': 'Outgoing server encryption (TLS)',
  'smtp-session': 'Outgoing server (EHLO, STARTTLS, sign-in, size limit)',
  'round-trip-send': 'Round trip: test message sent to yourself',
  'round-trip-receive': 'Round trip: test message received (and deleted from the server)',
};
