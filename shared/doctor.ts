/**
 * The account doctor's report ("Test account settings"): one step per thing that can go wrong between
 * Mailbag and a mail server, each with plain-words advice, and the whole transcript with passwords
 * redacted, ready to copy for a help desk.
 */
import type { ErrorData } from './errors';
import type { Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';

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
  /** A stable English key, the same in every language (scripts read it in `--json`); {@link doctorFactName} words it. */
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

/** The message of each step's title (the doctor words it in the chosen language). */
export const DOCTOR_STEP_TITLES: Readonly<Record<DoctorStepId, MessageId>> = {
  'provider-sign-in': 'doctor.title.providerSignIn',
  'pop3-dns': 'doctor.title.pop3Dns',
  'pop3-tcp': 'doctor.title.pop3Tcp',
  'pop3-tls': 'doctor.title.pop3Tls',
  'pop3-capabilities': 'doctor.title.pop3Capabilities',
  'pop3-login': 'doctor.title.pop3Login',
  'smtp-dns': 'doctor.title.smtpDns',
  'smtp-tcp': 'doctor.title.smtpTcp',
  'smtp-tls': 'doctor.title.smtpTls',
  'smtp-session': 'doctor.title.smtpSession',
  'round-trip-send': 'doctor.title.roundTripSend',
  'round-trip-receive': 'doctor.title.roundTripReceive',
};

/**
 * The facts whose names are words, with the messages that name them; the others are protocol keywords
 * (UIDL, EHLO, AUTH, Message-ID) that read the same in every language.
 */
const DOCTOR_FACT_NAMES: Readonly<Record<string, MessageId>> = {
  Protocol: 'setup.fact.protocol',
  'Issued to': 'setup.fact.issuedTo',
  'Issued by': 'setup.fact.issuedBy',
  'Valid from': 'setup.fact.validFrom',
  'Valid until': 'setup.fact.validUntil',
  'Chain trusted': 'setup.fact.chainTrusted',
  'Name matches': 'setup.fact.nameMatches',
  'SHA-256 fingerprint': 'setup.fact.fingerprint',
  Encryption: 'doctor.fact.encryption',
  'Signed in with': 'doctor.fact.signedInWith',
  'SIZE limit': 'doctor.fact.sizeLimit',
  Mechanism: 'doctor.fact.mechanism',
  'Time to arrive': 'doctor.fact.timeToArrive',
};

/** A fact's name in the language of `t`, for the window and the command line's human output. */
export function doctorFactName(t: Translate, name: string): string {
  const id = Object.hasOwn(DOCTOR_FACT_NAMES, name) ? DOCTOR_FACT_NAMES[name] : undefined;
  return id === undefined ? name : t(id);
}
