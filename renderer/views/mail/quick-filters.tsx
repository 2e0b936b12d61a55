import { QUICK_FILTERS, type QuickFilterName } from '../../../shared/mail';
import { toggleQuickFilter } from '../../state/quick-filters';
import { useT } from '../../state/locale';
import type { MessageId } from '../../../shared/i18n/messages-en';

/** The words of each quick filter's button. */
const QUICK_FILTER_LABELS: Readonly<Record<QuickFilterName, MessageId>> = {
  unread: 'quickFilter.unread',
  flagged: 'quickFilter.flagged',
  attachment: 'quickFilter.attachment',
};

/**
 * Thunderbird's quick filter bar above the list: Unread, Flagged and Has attachment, each a toggle
 * button; together they keep messages that pass all of them, in a folder and in search results alike.
 */
export function QuickFilterBar(props: { readonly filters: readonly QuickFilterName[]; readonly onChange: (filters: QuickFilterName[]) => void }) {
  const t = useT();
  return (
    <div className="quick-filters" role="group" aria-label={t('quickFilter.group')}>
      {QUICK_FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          className="quick-filter"
          aria-pressed={props.filters.includes(filter)}
          onClick={() => props.onChange(toggleQuickFilter(props.filters, filter))}
        >
          {t(QUICK_FILTER_LABELS[filter])}
        </button>
      ))}
    </div>
  );
}
