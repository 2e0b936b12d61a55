/**
 * How Mailbag decides whether to trust a server's certificate, in one place for POP3, SMTP, the account
 * doctor and setup discovery.
 *
 * The engines connect with Node's own rejection deferred ({@link deferredVerificationOptions}) and judge
 * the certificate themselves on the secured socket ({@link judgeCertificate}) before a single secret or
 * command crosses: Node has already checked the chain against the system roots (plus the account's extra
 * CA) and the host name (RFC 6125 through `tls.checkServerIdentity`) and recorded the outcome in
 * `authorized` / `authorizationError`; the judgement accepts exactly what Node would have accepted, or,
 * when the user pinned a certificate for this host and port, exactly that certificate's SHA-256
 * fingerprint. Deferring is what lets a refusal carry the presented fingerprint, so the user can be
 * shown what they would be trusting.
 */
import tls from 'node:tls';
import { certificateReasonOf, type CertificateReasonData } from '../../shared/certificate-reasons';
import type { ErrorWords } from '../../shared/errors';

/** TLS 1.2 is the floor (RFC 8314 §4.1; RFC 8996 retires 1.0 and 1.1). */
export const MIN_TLS_VERSION = 'TLSv1.2';

/** OpenSSL and Node error codes that mean the certificate, not the connection, was the problem. */
export const CERTIFICATE_ERROR_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** Normalises a SHA-256 fingerprint to upper-case hex without separators. */
export function normaliseFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/** The trust anchors for a server: the system's roots, plus the account's extra CA when it has one. */
export function trustAnchors(extraCa: string | undefined): string[] | undefined {
  return extraCa === undefined ? undefined : [...tls.rootCertificates, extraCa];
}

/**
 * TLS options with Node's rejection deferred to {@link judgeCertificate}. Every connection made with
 * these must call it on `secureConnect` and drop the connection on a problem before sending anything
 * that matters; this is the only place in Mailbag that turns `rejectUnauthorized` off.
 */
export function deferredVerificationOptions(options: {
  readonly extraCa: string | undefined;
  readonly servername?: string | undefined;
}): tls.ConnectionOptions {
  const ca = trustAnchors(options.extraCa);
  return {
    minVersion: MIN_TLS_VERSION,
    rejectUnauthorized: false,
    ...(ca === undefined ? {} : { ca }),
    ...(options.servername === undefined ? {} : { servername: options.servername }),
  };
}

/** Node's verification error (an error or its code, as `authorizationError` holds it) as a kind of reason with its code. */
export function certificateReasonOfError(error: unknown): CertificateReasonData {
  return certificateReasonOf(error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error));
}

/** Why a certificate was not trusted, with the fingerprint it presented. */
export interface CertificateProblem {
  readonly kind: 'pin-mismatch' | 'unverified';
  /** Why, for `unverified`: the kind of reason (chain, host name, dates) and Node's code; the window and the command line word it. */
  readonly reason: CertificateReasonData | undefined;
  /** As Node prints it (upper-case hex with colons); empty when the server sent none. */
  readonly fingerprint256: string;
}

/** The catalog message of a certificate that was not verified, for its reason (the words of a TLS_CERTIFICATE error). */
export function unverifiedCertificateWords(reason: CertificateReasonData): ErrorWords {
  return { id: 'tls.unverified', values: { reason: reason.reason, code: reason.code } };
}

/** The problem as the catalog message the engines report it with (`message` of the error is its English). */
export function certificateProblemWords(problem: CertificateProblem): ErrorWords {
  return problem.kind === 'pin-mismatch' || problem.reason === undefined ? { id: 'tls.changed' } : unverifiedCertificateWords(problem.reason);
}

/**
 * Judges the certificate on a secured socket: undefined when it is trusted, else the problem. With a
 * pin, only the pinned fingerprint is trusted (the user's explicit exception replaces the chain and
 * name check for that host and port); otherwise exactly what Node's verification accepted.
 */
export function judgeCertificate(socket: tls.TLSSocket, pinnedFingerprint256: string | undefined): CertificateProblem | undefined {
  const certificate = socket.getPeerCertificate();
  const fingerprint256 = typeof certificate.fingerprint256 === 'string' ? certificate.fingerprint256 : '';
  if (pinnedFingerprint256 !== undefined) {
    if (fingerprint256 !== '' && normaliseFingerprint(fingerprint256) === normaliseFingerprint(pinnedFingerprint256)) return undefined;
    return { kind: 'pin-mismatch', reason: undefined, fingerprint256 };
  }
  if (socket.authorized) return undefined;
  return { kind: 'unverified', reason: certificateReasonOfError(socket.authorizationError), fingerprint256 };
}
