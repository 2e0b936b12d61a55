import type { DiscoveryOutcome, DiscoverySourceName, DiscoverySourceStatus } from '../../../shared/discovery';

/** Every source, in the order discovery trusts them. */
export const DISCOVERY_SOURCE_ORDER: readonly DiscoverySourceName[] = ['provider-table', 'autoconfig', 'srv', 'mx', 'guess'];

/** What each source is, in plain words. */
export const DISCOVERY_SOURCE_LABELS: Readonly<Record<DiscoverySourceName, string>> = {
  'provider-table': 'Mailbag’s list of providers',
  autoconfig: 'Your provider’s setup document (autoconfig)',
  srv: 'Mail service records in DNS (SRV)',
  mx: 'The domain’s mail exchanger (MX)',
  guess: 'Trying the usual server names',
};

/** A source's state in plain words; undefined status: still running. */
export function describeSourceStatus(status: DiscoverySourceStatus | undefined): string {
  if (status === undefined) return 'Checking…';
  switch (status.state) {
    case 'answered':
      return `Found ${status.incoming} incoming and ${status.outgoing} outgoing ${status.outgoing === 1 ? 'server' : 'servers'}`;
    case 'nothing':
      return 'Nothing found';
    case 'failed':
      return `Did not answer (${status.reason})`;
  }
}

/** The source whose servers were recommended, if any. */
export function answeringSource(outcome: DiscoveryOutcome): DiscoverySourceName | undefined {
  return outcome.recommended.incoming?.source ?? outcome.recommended.outgoing?.source;
}
