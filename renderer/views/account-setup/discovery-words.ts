import type { DiscoveryOutcome, DiscoverySourceName, DiscoverySourceStatus } from '../../../shared/discovery';
import { sayWords } from '../../../shared/error-words';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';

/** Every source, in the order discovery trusts them. */
export const DISCOVERY_SOURCE_ORDER: readonly DiscoverySourceName[] = ['provider-table', 'autoconfig', 'srv', 'mx', 'guess'];

/** The message that says what each source is, in plain words. */
export const DISCOVERY_SOURCE_LABELS: Readonly<Record<DiscoverySourceName, MessageId>> = {
  'provider-table': 'setup.source.providerTable',
  autoconfig: 'setup.source.autoconfig',
  srv: 'setup.source.srv',
  mx: 'setup.source.mx',
  guess: 'setup.source.guess',
};

/** Each source as the `source` argument of "Found by …" (ICU select keys cannot hold a dash). */
export const DISCOVERY_SOURCE_KEYS: Readonly<Record<DiscoverySourceName, string>> = {
  'provider-table': 'providerTable',
  autoconfig: 'autoconfig',
  srv: 'srv',
  mx: 'mx',
  guess: 'guess',
};

/** A source's state in plain words, in the language of `t`; undefined status: still running. */
export function describeSourceStatus(t: Translate, status: DiscoverySourceStatus | undefined): string {
  if (status === undefined) return t('setup.sourceChecking');
  switch (status.state) {
    case 'answered':
      return t('setup.sourceFound', { incoming: status.incoming, outgoing: status.outgoing });
    case 'nothing':
      return t('setup.sourceNothing');
    case 'failed':
      return t('setup.sourceFailed', { reason: status.reasonWords === undefined ? status.reason : sayWords(t, status.reasonWords) });
  }
}

/** The source whose servers were recommended, if any. */
export function answeringSource(outcome: DiscoveryOutcome): DiscoverySourceName | undefined {
  return outcome.recommended.incoming?.source ?? outcome.recommended.outgoing?.source;
}
