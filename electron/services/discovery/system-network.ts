import { promises as dns } from 'node:dns';
import type { DiscoveryNetwork } from './discover';
import { createHttpsGet } from './https-get';
import { connectTcp } from './probe';

/** How long one DNS query may take before the resolver tries again. */
export const DNS_TIMEOUT_MS = 3_000;
/** How often a DNS query is tried. */
export const DNS_TRIES = 2;

/** The real network: the system's DNS servers, node:https and node:net. */
export function createSystemDiscoveryNetwork(): DiscoveryNetwork {
  return {
    resolver: new dns.Resolver({ timeout: DNS_TIMEOUT_MS, tries: DNS_TRIES }),
    httpsGet: createHttpsGet(),
    probe: { connect: connectTcp },
  };
}
