import { QUICK_FILTERS, type QuickFilterName } from '../../shared/mail';

/** The quick filters turned on or off by one click, kept in the one order the list asks for them in. */
export function toggleQuickFilter(current: readonly QuickFilterName[], filter: QuickFilterName): QuickFilterName[] {
  const on = new Set(current);
  if (on.has(filter)) on.delete(filter);
  else on.add(filter);
  return QUICK_FILTERS.filter((name) => on.has(name));
}
