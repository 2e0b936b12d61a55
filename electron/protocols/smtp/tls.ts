import type net from 'node:net';
import tls from 'node:tls';
import type { ErrorWords } from '../../../shared/errors';
import { englishMessage } from '../../../shared/error-words';
import { certificateProblemWords, deferredVerificationOptions, judgeCertificate } from '../tls-trust';
import { SmtpError } from './errors';
import type { SmtpConnectOptions } from './options';

/**
 * Options for nodemailer's TLS (implicit and STARTTLS). Verification runs in {@link checkCertificate}
 * right after the handshake and greeting and before AUTH or MAIL, so a failure can report the presented
 * fingerprint and a pinned exception can replace the chain check; nothing secret crosses before it.
 */
export function tlsOptions(options: SmtpConnectOptions): tls.ConnectionOptions {
  return deferredVerificationOptions({ extraCa: options.ca, servername: options.servername });
}

/**
 * Checks the server certificate on the secured socket: with a pinned exception, the exact SHA-256
 * fingerprint (RFC 8314 §4.1 hopes for verification; the pin is the user's explicit substitute);
 * otherwise chain and host name as Node verified them (RFC 6125). Returns the error, or undefined.
 */
export function checkCertificate(socket: net.Socket | false | null, options: SmtpConnectOptions, encrypted: boolean): SmtpError | undefined {
  if (!encrypted || !(socket instanceof tls.TLSSocket)) {
    const words: ErrorWords = { id: 'tls.notEncrypted' };
    return new SmtpError('TLS_REQUIRED', englishMessage(words), { words });
  }
  const problem = judgeCertificate(socket, options.pinnedFingerprint256);
  if (problem === undefined) return undefined;
  const words = certificateProblemWords(problem);
  return new SmtpError('TLS_CERTIFICATE', englishMessage(words), { certificateFingerprint256: problem.fingerprint256, words });
}
