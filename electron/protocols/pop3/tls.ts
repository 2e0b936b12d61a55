import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { Pop3Error } from './errors';

/** What a TLS handshake needs. */
export interface Pop3TlsParameters {
  readonly host: string;
  readonly servername: string | undefined;
  readonly ca: string | undefined;
  readonly pinnedFingerprint256: string | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** TLS 1.2 is the floor (RFC 8314 §4.1, RFC 8996 retires 1.0 and 1.1). */
export const MIN_TLS_VERSION = 'TLSv1.2';

/** Normalises a SHA-256 fingerprint to upper-case hex without separators. */
export function normaliseFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

const CERTIFICATE_ERROR_CODES = new Set([
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
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * Runs the TLS handshake over an already connected stream (implicit TLS, or after STLS per RFC 2595 §4)
 * and checks the certificate before a single application byte is read: chain and host name (RFC 6125
 * via Node's checkServerIdentity), or, when the user pinned one, the exact SHA-256 fingerprint.
 */
export function startTls(socket: Duplex, parameters: Pop3TlsParameters): Promise<tls.TLSSocket> {
  const name = parameters.servername ?? parameters.host;
  const ca = parameters.ca === undefined ? undefined : [...tls.rootCertificates, parameters.ca];
  return new Promise<tls.TLSSocket>((resolve, reject) => {
    const secure = tls.connect({
      socket,
      host: name,
      ...(isIP(name) === 0 ? { servername: name } : {}),
      ...(ca === undefined ? {} : { ca }),
      minVersion: MIN_TLS_VERSION,
      // Verification happens below, so a failure can report the presented fingerprint.
      rejectUnauthorized: false,
    });
    const finish = (error: Pop3Error | undefined): void => {
      clearTimeout(timer);
      parameters.signal.removeEventListener('abort', onAbort);
      secure.off('secureConnect', onSecure);
      secure.off('error', onError);
      if (error === undefined) {
        resolve(secure);
      } else {
        secure.destroy();
        socket.destroy();
        reject(error);
      }
    };
    const onSecure = (): void => finish(verify(secure, parameters.pinnedFingerprint256));
    const onError = (error: Error & { code?: string }): void => {
      const code = error.code ?? '';
      finish(
        CERTIFICATE_ERROR_CODES.has(code)
          ? new Pop3Error('TLS_CERTIFICATE', `The server's certificate was refused: ${code}.`, { cause: error })
          : new Pop3Error('NETWORK', `The TLS handshake failed: ${error.message}`, { cause: error }),
      );
    };
    const onAbort = (): void => finish(new Pop3Error('CANCELLED', 'Cancelled during the TLS handshake.'));
    const timer = setTimeout(
      () => finish(new Pop3Error('TIMEOUT', 'The TLS handshake took too long.')),
      parameters.timeoutMs,
    );
    if (parameters.signal.aborted) {
      onAbort();
      return;
    }
    parameters.signal.addEventListener('abort', onAbort, { once: true });
    secure.once('secureConnect', onSecure);
    secure.on('error', onError);
  });
}

function verify(secure: tls.TLSSocket, pinned: string | undefined): Pop3Error | undefined {
  const certificate = secure.getPeerCertificate();
  const fingerprint = typeof certificate.fingerprint256 === 'string' ? certificate.fingerprint256 : '';
  if (pinned !== undefined) {
    if (fingerprint !== '' && normaliseFingerprint(fingerprint) === normaliseFingerprint(pinned)) return undefined;
    return new Pop3Error('TLS_CERTIFICATE', 'The server presented a different certificate than the one accepted before.', {
      certificateFingerprint256: fingerprint,
    });
  }
  if (secure.authorized) return undefined;
  const reason = secure.authorizationError instanceof Error ? secure.authorizationError.message : String(secure.authorizationError);
  return new Pop3Error('TLS_CERTIFICATE', `The server's certificate could not be verified: ${reason}.`, {
    certificateFingerprint256: fingerprint,
  });
}
