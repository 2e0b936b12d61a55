import { englishMessage, wordedError } from '../../../shared/error-words';
import { MailbagError, type ErrorWords } from '../../../shared/errors';
import { findProviderByDomain } from '../../../shared/providers';
import { securityRank, type ConnectionSecurity, type MailProtocol } from '../../../shared/server-security';
import { fetchAutoconfig, type HttpsGet } from './autoconfig';
import { lookupMxProvider, lookupSrv, providerCandidates, type DnsResolver } from './dns';
import { probeServer, type ProbeNetwork } from './probe';
import { failureReason } from './reason';
import { DISCOVERY_SOURCES, type DiscoverySource, type ProbeAttempt, type ServerCandidate, type SourceFindings, type SourceStatus } from './types';

/** The longest a whole discovery may take; sources still running then are reported as failed. */
export const DISCOVERY_DEADLINE_MS = 15_000;

/** Host prefixes and port/security pairs tried when guessing (RFC 8314 section 3: TLS first). */
export const GUESSES: Readonly<
  Record<MailProtocol, { readonly prefixes: readonly string[]; readonly ports: readonly { port: number; security: ConnectionSecurity }[] }>
> = {
  pop3: {
    prefixes: ['pop.', 'pop3.', 'mail.', ''],
    ports: [
      { port: 995, security: 'tls' },
      { port: 110, security: 'starttls' },
    ],
  },
  smtp: {
    prefixes: ['smtp.', 'mail.'],
    ports: [
      { port: 465, security: 'tls' },
      { port: 587, security: 'starttls' },
    ],
  },
};

/** Everything discovery reaches the network through; production passes node's, tests local fakes. */
export interface DiscoveryNetwork {
  readonly resolver: DnsResolver;
  readonly httpsGet: HttpsGet;
  readonly probe: ProbeNetwork;
}

/** A request to find the settings of one address. */
export interface DiscoveryRequest {
  readonly address: string;
  /** The user's name; not used for finding servers, kept for the account. */
  readonly name?: string;
  readonly signal?: AbortSignal;
  readonly deadlineMs?: number;
  /** Called as each source finishes, so the UI can show progress. */
  readonly onSource?: (source: DiscoverySource, status: SourceStatus) => void;
}

/** The outcome: every candidate, the recommended pair, and what each source did. */
export interface DiscoveryResult {
  readonly domain: string;
  readonly incoming: readonly ServerCandidate[];
  readonly outgoing: readonly ServerCandidate[];
  /** The best incoming and outgoing servers, or undefined when nothing was found. */
  readonly recommended: { readonly incoming: ServerCandidate | undefined; readonly outgoing: ServerCandidate | undefined };
  readonly sources: Readonly<Record<DiscoverySource, SourceStatus>>;
  /** Every guessed server probed so far, answered or not, in the order they finished. */
  readonly probes: readonly ProbeAttempt[];
}

/** The domain of an address (after the last `@`), lower case; VALIDATION if there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (at < 1 || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw wordedError('VALIDATION', { id: 'serviceError.discovery.incompleteAddress' });
  return domain;
}

const SOURCE_RANK: Readonly<Record<DiscoverySource, number>> = { 'provider-table': 0, autoconfig: 1, srv: 2, mx: 3, guess: 4 };

/**
 * Orders candidates best first: encrypted before plaintext, implicit TLS before STARTTLS (RFC 8314
 * section 3), then by how much the source is trusted; the same server found twice is kept once.
 */
export function rankCandidates(candidates: readonly ServerCandidate[]): ServerCandidate[] {
  const seen = new Set<string>();
  return [...candidates]
    .sort((a, b) => securityRank(a.security) - securityRank(b.security) || SOURCE_RANK[a.source] - SOURCE_RANK[b.source])
    .filter((candidate) => {
      const key = `${candidate.host}:${candidate.port}:${candidate.security}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Probes every guessed host and port at once. When none answers but one has a certificate problem the
 * source fails with that problem, since the user can act on it; refused connections are just absence.
 */
async function guess(network: ProbeNetwork, domain: string, signal: AbortSignal, attempts: ProbeAttempt[]): Promise<SourceFindings> {
  const probes = (Object.keys(GUESSES) as MailProtocol[]).flatMap((protocol) =>
    GUESSES[protocol].prefixes.flatMap((prefix) =>
      GUESSES[protocol].ports.map(async ({ port, security }): Promise<ServerCandidate | undefined> => {
        const host = `${prefix}${domain}`;
        try {
          const result = await probeServer(network, protocol, host, port, security, signal);
          attempts.push({ protocol, host, port, security, outcome: { state: 'answered', security: result.security, capabilities: result.capabilities } });
          return {
            protocol,
            source: 'guess',
            host,
            port,
            security: result.security,
            username: 'email-address',
            needsPlaintextConsent: result.security === 'none',
            notes: [],
          };
        } catch (error) {
          const code = error instanceof MailbagError && error.code === 'TLS_CERTIFICATE' ? 'TLS_CERTIFICATE' : 'NETWORK';
          attempts.push({ protocol, host, port, security, outcome: { state: 'failed', code, ...failureReason(error) } });
          return undefined;
        }
      }),
    ),
  );
  const found = (await Promise.all(probes)).filter((candidate) => candidate !== undefined);
  const certificateProblem = attempts.find((attempt) => attempt.outcome.state === 'failed' && attempt.outcome.code === 'TLS_CERTIFICATE');
  if (found.length === 0 && certificateProblem?.outcome.state === 'failed') {
    const { reason, reasonWords } = certificateProblem.outcome;
    const detailWords: ErrorWords = {
      id: 'serviceError.discovery.hostFailed',
      values: { host: `${certificateProblem.host}:${certificateProblem.port}`, reason: reasonWords ?? reason },
    };
    throw new MailbagError('TLS_CERTIFICATE', undefined, { detail: englishMessage(detailWords), detailWords });
  }
  return { incoming: found.filter((c) => c.protocol === 'pop3'), outgoing: found.filter((c) => c.protocol === 'smtp') };
}

/**
 * Finds the POP3 and SMTP settings for an address by asking every source at once — the built-in
 * provider table, the autoconfig document, DNS SRV records (RFC 6186, RFC 8314) and the MX host
 * matched against the table, and guessed host names probed with CAPA and EHLO — and reports which
 * source answered. Cancelled by `signal` (CANCELLED); bounded by {@link DISCOVERY_DEADLINE_MS}.
 */
export async function discoverSettings(network: DiscoveryNetwork, request: DiscoveryRequest): Promise<DiscoveryResult> {
  const domain = domainOf(request.address);
  const deadlineMs = request.deadlineMs ?? DISCOVERY_DEADLINE_MS;
  const outer = request.signal ?? new AbortController().signal;
  if (outer.aborted) throw new MailbagError('CANCELLED');
  const controller = new AbortController();
  const signal = AbortSignal.any([outer, controller.signal]);

  const probes: ProbeAttempt[] = [];
  const work: Record<DiscoverySource, () => Promise<SourceFindings>> = {
    'provider-table': async () => {
      const provider = findProviderByDomain(domain);
      return provider === undefined ? { incoming: [], outgoing: [] } : providerCandidates(provider, 'provider-table');
    },
    autoconfig: () => fetchAutoconfig(network.httpsGet, domain, request.address, signal),
    srv: () => lookupSrv(network.resolver, domain),
    mx: async () => {
      const match = await lookupMxProvider(network.resolver, domain);
      return match === undefined ? { incoming: [], outgoing: [] } : providerCandidates(match.provider, 'mx');
    },
    guess: () => guess(network.probe, domain, signal, probes),
  };

  const sources = {} as Record<DiscoverySource, SourceStatus>;
  const findings: SourceFindings[] = [];
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => {};
  const stopped = new Promise<'stopped'>((resolve) => {
    timer = setTimeout(() => resolve('stopped'), deadlineMs);
    onAbort = () => resolve('stopped');
    outer.addEventListener('abort', onAbort, { once: true });
  });
  const settle = (source: DiscoverySource, status: SourceStatus): void => {
    if (sources[source] !== undefined) return;
    sources[source] = status;
    request.onSource?.(source, status);
  };
  const runs = DISCOVERY_SOURCES.map(async (source) => {
    try {
      const found = await work[source]();
      if (sources[source] !== undefined) return;
      findings.push(found);
      settle(
        source,
        found.incoming.length + found.outgoing.length === 0
          ? { state: 'nothing' }
          : { state: 'answered', incoming: found.incoming.length, outgoing: found.outgoing.length },
      );
    } catch (error) {
      settle(source, { state: 'failed', ...failureReason(error) });
    }
  });
  try {
    await Promise.race([Promise.all(runs), stopped]);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onAbort);
    controller.abort();
  }
  if (outer.aborted) throw new MailbagError('CANCELLED');
  const late: ErrorWords = { id: 'serviceError.discovery.noAnswerWithin', values: { milliseconds: String(deadlineMs) } };
  for (const source of DISCOVERY_SOURCES) settle(source, { state: 'failed', reason: englishMessage(late), reasonWords: late });

  const incoming = rankCandidates(findings.flatMap((found) => found.incoming));
  const outgoing = rankCandidates(findings.flatMap((found) => found.outgoing));
  return { domain, incoming, outgoing, recommended: { incoming: incoming[0], outgoing: outgoing[0] }, sources, probes: [...probes] };
}
