import type net from 'node:net';
import tls from 'node:tls';
import { SmtpError } from './errors';
import type { SmtpConnectOptions } from './options';

/** TLS 1.2 is the floor (RFC 8314 §4.1; RFC 8996 retires 1.0 and 1.1). */
export const MIN_TLS_VERSION = 'TLSv1.2';

/** Normalises a SHA-256 fingerprint to upper-case hex without separators. */
export function normaliseFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/**
 * Options for nodemailer's TLS (implicit and STARTTLS). Verification runs in {@link checkCertificate}
 * right after the handshake and greeting and before AUTH or MAIL, so a failure can report the presented
 * fingerprint and a pinned exception can replace the chain check; nothing secret crosses before it.
 */
export function tlsOptions(options: SmtpConnectOptions): tls.ConnectionOptions {
  return {
    minVersion: MIN_TLS_VERSION,
    rejectUnauthorized: false,
    ...(options.ca === undefined ? {} : { ca: [...tls.rootCertificates, options.ca] }),
    ...(options.servername === undefined ? {} : { servername: options.servername }),
  };
}

/**
 * Checks the server certificate on the secured socket: with a pinned exception, the exact SHA-256
 * fingerprint (RFC 8314 §4.1 hopes for verification; the pin is the user's explicit substitute);
 * otherwise chain and host name as Node verified them (RFC 6125). Returns the error, or undefined.
 */
export function checkCertificate(socket: net.Socket | false | null, options: SmtpConnectOptions, encrypted: boolean): SmtpError | undefined {
  if (!encrypted || !(socket instanceof tls.TLSSocket)) {
    return new SmtpError('TLS_REQUIRED', 'The connection is not encrypted, and this account requires encryption.');
  }
  const certificate = socket.getPeerCertificate();
  const fingerprint = typeof certificate.fingerprint256 === 'string' ? certificate.fingerprint256 : '';
  if (options.pinnedFingerprint256 !== undefined) {
    if (fingerprint !== '' && normaliseFingerprint(fingerprint) === normaliseFingerprint(options.pinnedFingerprint256)) return undefined;
    return new SmtpError('TLS_CERTIFICATE', 'The server presented a different certificate than the one accepted before.', {
      certificateFingerprint256: fingerprint,
    });
  }
  if (socket.authorized) return undefined;
  const reason = socket.authorizationError instanceof Error ? socket.authorizationError.message : String(socket.authorizationError);
  return new SmtpError('TLS_CERTIFICATE', `The server's certificate could not be verified: ${reason}.`, {
    certificateFingerprint256: fingerprint,
  });
}
