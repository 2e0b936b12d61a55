import { wordedError } from '../../../shared/error-words';
import type { ErrorWords } from '../../../shared/errors';
import type { UsernameStyle } from '../../../shared/providers';
import type { ConnectionSecurity } from '../../../shared/server-security';
import type { ServerCandidate, SourceFindings } from './types';
import { childrenNamed, childText, parseXml, XML_MAX_LENGTH, type XmlElement } from './xml';
import { discoveryFailure, reasonsWords, reasonWordsOf } from './reason';

/** How long one autoconfig request may take. */
export const AUTOCONFIG_TIMEOUT_MS = 5_000;
/** The largest autoconfig response read (the same bound the XML reader enforces). */
export const AUTOCONFIG_MAX_BYTES = XML_MAX_LENGTH;

/** A response as the discovery needs it. */
export interface HttpsResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Fetches one https URL. Implementations refuse other schemes, stop reading past `maxBytes`, and
 * honour `signal`. Injected so that tests serve autoconfig from 127.0.0.1.
 */
export type HttpsGet = (
  url: string,
  options: { readonly signal: AbortSignal; readonly maxBytes: number; readonly timeoutMs: number },
) => Promise<HttpsResponse>;

/**
 * The two places a domain may publish its Thunderbird autoconfig document: the `autoconfig.` host
 * (with the address, which lets the provider tailor the answer) and the domain's `.well-known` path.
 */
export function autoconfigUrls(domain: string, address: string): string[] {
  return [
    `https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`,
    `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`,
  ];
}

function securityOf(socketType: string | undefined): ConnectionSecurity | undefined {
  switch (socketType?.toUpperCase()) {
    case 'SSL':
    case 'TLS':
      return 'tls';
    case 'STARTTLS':
      return 'starttls';
    case 'PLAIN':
      return 'none';
    default:
      return undefined;
  }
}

/** `%EMAILADDRESS%` → the whole address; `%EMAILLOCALPART%` → the part before `@`; else unusable. */
function usernameStyleOf(template: string | undefined): UsernameStyle | undefined {
  switch (template?.trim()) {
    case '%EMAILADDRESS%':
      return 'email-address';
    case '%EMAILLOCALPART%':
      return 'local-part';
    default:
      return undefined;
  }
}

function candidateFrom(server: XmlElement, protocol: 'pop3' | 'smtp', domain: string): ServerCandidate | undefined {
  const host = childText(server, 'hostname')
    ?.replace(/%EMAILDOMAIN%/g, domain)
    .toLowerCase();
  const port = Number(childText(server, 'port'));
  const security = securityOf(childText(server, 'socketType'));
  const username = usernameStyleOf(childText(server, 'username'));
  if (host === undefined || !/^[a-z0-9.-]+$/.test(host) || !Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  if (security === undefined || username === undefined) return undefined;
  return { protocol, source: 'autoconfig', host, port, security, username, needsPlaintextConsent: security === 'none', notes: [] };
}

/**
 * Reads the POP3 and SMTP servers of a Thunderbird autoconfig document (clientConfig version 1.1):
 * `incomingServer type="pop3"` and `outgoingServer type="smtp"` with hostname, port, socketType and
 * username. Servers with a username template other than the whole address or its local part are
 * skipped, as are IMAP and other types.
 */
export function parseAutoconfig(xml: string, domain: string): SourceFindings {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unreadable';
    throw wordedError('PROTOCOL_ERROR', { id: 'serviceError.discovery.autoconfigNotXml' }, { detail, cause: error });
  }
  if (root.name !== 'clientConfig') throw wordedError('PROTOCOL_ERROR', { id: 'serviceError.discovery.autoconfigNotClientConfig' });
  const incoming: ServerCandidate[] = [];
  const outgoing: ServerCandidate[] = [];
  for (const emailProvider of childrenNamed(root, 'emailProvider')) {
    for (const server of childrenNamed(emailProvider, 'incomingServer')) {
      if (server.attributes['type'] !== 'pop3') continue;
      const candidate = candidateFrom(server, 'pop3', domain);
      if (candidate !== undefined) incoming.push(candidate);
    }
    for (const server of childrenNamed(emailProvider, 'outgoingServer')) {
      if (server.attributes['type'] !== 'smtp') continue;
      const candidate = candidateFrom(server, 'smtp', domain);
      if (candidate !== undefined) outgoing.push(candidate);
    }
  }
  return { incoming, outgoing };
}

/** HTTP statuses and network errors that mean "no document here" rather than a failure. */
const ABSENT_STATUSES: ReadonlySet<number> = new Set([404, 410]);
const ABSENT_NETWORK_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA']);

class Absent extends Error {}

/**
 * Asks both autoconfig locations at once and returns the first document that parses. When every
 * location is simply absent (HTTP 404, no such host) the result is empty; otherwise the reasons of
 * the failures are thrown together.
 */
export async function fetchAutoconfig(httpsGet: HttpsGet, domain: string, address: string, signal: AbortSignal): Promise<SourceFindings> {
  const attempts = autoconfigUrls(domain, address).map(async (url) => {
    const host = new URL(url).host;
    let response: HttpsResponse;
    try {
      response = await httpsGet(url, { signal, maxBytes: AUTOCONFIG_MAX_BYTES, timeoutMs: AUTOCONFIG_TIMEOUT_MS });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && ABSENT_NETWORK_CODES.has(code)) throw new Absent(`${host} does not exist`);
      throw discoveryFailure({ id: 'serviceError.discovery.hostFailed', values: { host, reason: reasonWordsOf(error) } }, { cause: error });
    }
    if (ABSENT_STATUSES.has(response.status)) throw new Absent(`${host} has no autoconfig document`);
    if (response.status !== 200) throw discoveryFailure({ id: 'serviceError.discovery.hostAnsweredHttp', values: { host, status: String(response.status) } });
    try {
      return parseAutoconfig(response.body, domain);
    } catch (error) {
      throw discoveryFailure(
        { id: 'serviceError.discovery.hostFailed', values: { host, reason: reasonWordsOf(error) } },
        { cause: error, code: 'PROTOCOL_ERROR' },
      );
    }
  });
  try {
    return await Promise.any(attempts);
  } catch (error) {
    const errors: unknown[] = error instanceof AggregateError ? error.errors : [error];
    if (errors.every((item) => item instanceof Absent)) return { incoming: [], outgoing: [] };
    const [first, ...rest] = errors
      .filter((item) => !(item instanceof Absent))
      .map((item): ErrorWords => {
        const words = reasonWordsOf(item);
        return typeof words === 'string' ? { id: 'serviceError.discovery.hostFailed', values: { host: domain, reason: words } } : words;
      });
    if (first === undefined) return { incoming: [], outgoing: [] };
    throw discoveryFailure(reasonsWords(first, rest), { cause: error });
  }
}
