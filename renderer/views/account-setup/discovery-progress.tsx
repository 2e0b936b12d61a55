import type { DiscoverySourceName, DiscoverySourceStatus } from '../../../shared/discovery';
import { useT } from '../../state/locale';
import { describeSourceStatus, DISCOVERY_SOURCE_LABELS, DISCOVERY_SOURCE_ORDER } from './discovery-words';

/** Each source of the settings discovery with what it did so far. */
export function DiscoveryProgress(props: {
  readonly sources: Partial<Record<DiscoverySourceName, DiscoverySourceStatus>>;
  readonly answered?: DiscoverySourceName | undefined;
}) {
  const t = useT();
  return (
    <ul className="discovery-sources" aria-label={t('setup.whereLooked')}>
      {DISCOVERY_SOURCE_ORDER.map((source) => {
        const status = props.sources[source];
        const words = describeSourceStatus(t, status);
        return (
          <li key={source} className={`discovery-source discovery-${status?.state ?? 'running'}${props.answered === source ? ' discovery-used' : ''}`}>
            <span className="discovery-source-name">{t(DISCOVERY_SOURCE_LABELS[source])}</span>
            <span className="discovery-source-status">{props.answered === source ? t('setup.sourceUsed', { status: words }) : words}</span>
          </li>
        );
      })}
    </ul>
  );
}
