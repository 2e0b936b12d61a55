import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { certificateReasonOf } from '../../../shared/certificate-reasons';
import { englishMessage } from '../../../shared/error-words';
import { CERTIFICATE_ERROR_CODES, certificateProblemWords, deferredVerificationOptions, judgeCertificate, unverifiedCertificateWords } from '../tls-trust';
import { Pop3Error, wordedPop3Error } from './errors';

/** What a TLS handshake needs. */
export interface Pop3TlsParameters {
  readonly host: string;
  readonly servername: string | undefined;
  readonly ca: string | undefined;
  readonly pinnedFingerprint256: string | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * Runs the TLS handshake over an already connected stream (implicit TLS, or after STLS per RFC 2595 §4)
 * and checks the certificate before a single application byte is read: chain and host name (RFC 6125
 * via Node's checkServerIdentity), or, when the user pinned one, the exact SHA-256 fingerprint.
 */
export function startTls(socket: Duplex, parameters: Pop3TlsParameters): Promise<tls.TLSSocket> {
  const name = parameters.servername ?? parameters.host;
  return new Promise<tls.TLSSocket>((resolve, reject) => {
    const secure = tls.connect({
      socket,
      host: name,
      // Judged on secureConnect below, before the first command.
      ...deferredVerificationOptions({ extraCa: parameters.ca, servername: isIP(name) === 0 ? name : undefined }),
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
      const words = unverifiedCertificateWords(certificateReasonOf(code));
      finish(
        CERTIFICATE_ERROR_CODES.has(code)
          ? new Pop3Error('TLS_CERTIFICATE', englishMessage(words), { cause: error, technical: code, words })
          : wordedPop3Error('NETWORK', { id: 'protocolError.tlsFailed' }, { cause: error, technical: error.message }),
      );
    };
    const onAbort = (): void => finish(wordedPop3Error('CANCELLED', { id: 'protocolError.tlsHandshakeCancelled' }));
    const timer = setTimeout(() => finish(wordedPop3Error('TIMEOUT', { id: 'protocolError.tlsHandshakeTimeout' })), parameters.timeoutMs);
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
  const problem = judgeCertificate(secure, pinned);
  if (problem === undefined) return undefined;
  const words = certificateProblemWords(problem);
  return new Pop3Error('TLS_CERTIFICATE', englishMessage(words), { certificateFingerprint256: problem.fingerprint256, words });
}
