import { QUICK_FILTERS, type QuickFilterName } from '../../../shared/mail';
import { toggleQuickFilter } from '../../state/quick-filters';

/** The words of each quick filter's button. */
const QUICK_FILTER_LABELS: Readonly<Record<QuickFilterName, string>> = {
  unread: 'Unread',
  flagged: 'Flagged',
  attachment: 'Has attachment',
};

/**
 * Thunderbird's quick filter bar above the list: Unread, Flagged and Has attachment, each a toggle
 * button; together they keep messages that pass all of them, in a folder and in search results alike.
 */
export function QuickFilterBar(props: { readonly filters: readonly QuickFilterName[]; readonly onChange: (filters: QuickFilterName[]) => void }) {
  return (
    <div className="quick-filters" role="group" aria-label="Quick filters">
      {QUICK_FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          className="quick-filter"
          aria-pressed={props.filters.includes(filter)}
          onClick={() => props.onChange(toggleQuickFilter(props.filters, filter))}
        >
          {QUICK_FILTER_LABELS[filter]}
        </button>
      ))}
    </div>
  );
}
