import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { wordedError } from '../../../shared/error-words';
import type { HttpsGet } from './autoconfig';
import { discoveryFailure } from './reason';

/** Redirects followed for one request (each must stay on https). */
export const HTTPS_MAX_REDIRECTS = 3;

/** Options of {@link createHttpsGet}; tests trust their own CA and resolve every name to 127.0.0.1. */
export interface HttpsGetOptions {
  readonly ca?: string | readonly string[];
  readonly lookup?: LookupFunction;
  /** Connect here instead of the URL's host and port, still verifying the URL's host name (tests). */
  readonly connectTo?: { readonly host: string; readonly port: number };
}

/**
 * The production {@link HttpsGet}: node:https with certificate verification on, https only (also
 * after a redirect), a byte limit and a timeout per request.
 */
export function createHttpsGet(options: HttpsGetOptions = {}): HttpsGet {
  const get = (url: string, signal: AbortSignal, maxBytes: number, timeoutMs: number, redirects: number): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        reject(wordedError('VALIDATION', { id: 'serviceError.discovery.httpsOnly' }));
        return;
      }
      const request = https.get(
        {
          host: options.connectTo?.host ?? target.hostname,
          port: options.connectTo?.port ?? (target.port === '' ? 443 : Number(target.port)),
          path: `${target.pathname}${target.search}`,
          servername: target.hostname,
          signal,
          timeout: timeoutMs,
          headers: { accept: 'application/xml, text/xml', host: target.host },
          ...(options.ca === undefined ? {} : { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] }),
          ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (status >= 300 && status < 400 && location !== undefined) {
            response.resume();
            if (redirects >= HTTPS_MAX_REDIRECTS) reject(discoveryFailure({ id: 'serviceError.discovery.tooManyRedirects' }));
            else get(new URL(location, target).toString(), signal, maxBytes, timeoutMs, redirects + 1).then(resolve, reject);
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              request.destroy(discoveryFailure({ id: 'serviceError.discovery.responseTooLarge', values: { bytes: String(maxBytes) } }));
              return;
            }
            chunks.push(chunk);
          });
          response.once('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
          response.once('error', reject);
        },
      );
      request.once('timeout', () =>
        request.destroy(discoveryFailure({ id: 'serviceError.discovery.noAnswerWithin', values: { milliseconds: String(timeoutMs) } })),
      );
      request.once('error', reject);
    });
  // The timeout bounds the whole request, redirects included, not only each silence on the socket.
  return (url, { signal, maxBytes, timeoutMs }) => get(url, AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]), maxBytes, timeoutMs, 0);
}
