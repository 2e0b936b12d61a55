import type { DiscoverySourceName, DiscoverySourceStatus } from '../../../shared/discovery';
import { describeSourceStatus, DISCOVERY_SOURCE_LABELS, DISCOVERY_SOURCE_ORDER } from './discovery-words';

/** Each source of the settings discovery with what it did so far. */
export function DiscoveryProgress(props: {
  readonly sources: Partial<Record<DiscoverySourceName, DiscoverySourceStatus>>;
  readonly answered?: DiscoverySourceName | undefined;
}) {
  return (
    <ul className="discovery-sources" aria-label="Where Mailbag looked">
      {DISCOVERY_SOURCE_ORDER.map((source) => {
        const status = props.sources[source];
        return (
          <li key={source} className={`discovery-source discovery-${status?.state ?? 'running'}${props.answered === source ? ' discovery-used' : ''}`}>
            <span className="discovery-source-name">{DISCOVERY_SOURCE_LABELS[source]}</span>
            <span className="discovery-source-status">
              {describeSourceStatus(status)}
              {props.answered === source ? ' — used' : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
