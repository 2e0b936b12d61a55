import { findProviderByMxHost, type Provider } from '../../../shared/providers';
import type { ConnectionSecurity, MailProtocol } from '../../../shared/server-security';
import type { DiscoverySource, ServerCandidate, SourceFindings } from './types';

/** The resolver calls discovery needs (node:dns/promises' Resolver has them); injected for tests. */
export interface DnsResolver {
  resolveSrv(name: string): Promise<readonly { name: string; port: number; priority: number; weight: number }[]>;
  resolveMx(name: string): Promise<readonly { exchange: string; priority: number }[]>;
}

/** Resolver errors that mean "no such record" rather than a failure. */
const NO_RECORD_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA', 'NOTFOUND', 'NODATA']);

/**
 * The SRV services of RFC 6186 section 3 and RFC 8314 section 5.1, with the security each implies:
 * `_pop3s` and `_submissions` are implicit TLS, `_pop3` and `_submission` use STARTTLS.
 */
export const SRV_SERVICES: readonly { readonly label: string; readonly protocol: MailProtocol; readonly security: ConnectionSecurity }[] = [
  { label: '_pop3s._tcp', protocol: 'pop3', security: 'tls' },
  { label: '_pop3._tcp', protocol: 'pop3', security: 'starttls' },
  { label: '_submissions._tcp', protocol: 'smtp', security: 'tls' },
  { label: '_submission._tcp', protocol: 'smtp', security: 'starttls' },
];

function isNoRecord(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && NO_RECORD_CODES.has(code);
}

/**
 * Looks up the four SRV services of a domain. A target of "." means the service is deliberately not
 * offered (RFC 6186 section 3.4, RFC 2782). Records are ordered by priority, then weight.
 */
export async function lookupSrv(resolver: DnsResolver, domain: string): Promise<SourceFindings> {
  const found = await Promise.all(
    SRV_SERVICES.map(async (service) => {
      let records;
      try {
        records = await resolver.resolveSrv(`${service.label}.${domain}`);
      } catch (error) {
        if (isNoRecord(error)) return [];
        throw error;
      }
      return [...records]
        .filter((record) => record.name !== '' && record.name !== '.' && record.port > 0)
        .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
        .map((record): ServerCandidate => ({
          protocol: service.protocol,
          source: 'srv',
          host: record.name.toLowerCase().replace(/\.$/, ''),
          port: record.port,
          security: service.security,
          username: 'email-address',
          needsPlaintextConsent: false,
          notes: [],
        }));
    }),
  );
  const all = found.flat();
  return { incoming: all.filter((c) => c.protocol === 'pop3'), outgoing: all.filter((c) => c.protocol === 'smtp') };
}

/** A provider's table entry as candidates from `source`. */
export function providerCandidates(provider: Provider, source: DiscoverySource): SourceFindings {
  const candidate = (protocol: MailProtocol, settings: NonNullable<Provider['incoming']>): ServerCandidate => ({
    protocol,
    source,
    ...settings,
    needsPlaintextConsent: settings.security === 'none',
    notes: provider.notes,
    ...(provider.oauth === undefined ? {} : { signInWith: provider.oauth.client }),
  });
  return {
    incoming: provider.incoming === undefined ? [] : [candidate('pop3', provider.incoming)],
    outgoing: [candidate('smtp', provider.outgoing)],
  };
}

/**
 * Finds the domain's mail exchangers and matches the most preferred one the provider table knows
 * (a custom domain hosted by Gmail, Microsoft 365, Fastmail …). Returns the provider too, for notes.
 */
export async function lookupMxProvider(resolver: DnsResolver, domain: string): Promise<{ provider: Provider; exchange: string } | undefined> {
  let records;
  try {
    records = await resolver.resolveMx(domain);
  } catch (error) {
    if (isNoRecord(error)) return undefined;
    throw error;
  }
  for (const record of [...records].sort((a, b) => a.priority - b.priority)) {
    const provider = findProviderByMxHost(record.exchange);
    if (provider !== undefined) return { provider, exchange: record.exchange };
  }
  return undefined;
}
