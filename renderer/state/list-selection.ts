/**
 * Which messages are selected in the list, as the list's keyboard and mouse rules change it (the
 * rules of Outlook and of file managers): a click selects one, Ctrl toggles, Shift extends from the
 * anchor, Ctrl+A selects the whole list, even the rows not loaded yet.
 */

/** The selection of a list. Indexes are row positions; ids are what operations act on. */
export interface ListSelection {
  /** Every row of the list (Ctrl+A), whatever `ids` holds. */
  readonly all: boolean;
  readonly ids: ReadonlySet<number>;
  /** Where a Shift-extension starts. */
  readonly anchor: number | null;
  /** The row the keyboard is on, and its message. */
  readonly focus: number | null;
  readonly focusId: number | null;
}

/** Nothing selected. */
export const EMPTY_SELECTION: ListSelection = { all: false, ids: new Set(), anchor: null, focus: null, focusId: null };

/** A plain click or arrow key: only this row. */
export function selectOnly(index: number, id: number): ListSelection {
  return { all: false, ids: new Set([id]), anchor: index, focus: index, focusId: id };
}

/** Ctrl+click: this row in or out, the rest kept; the anchor moves here. */
export function toggleRow(selection: ListSelection, index: number, id: number, allIds?: readonly number[]): ListSelection {
  const ids = new Set(selection.all && allIds !== undefined ? allIds : selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { all: false, ids, anchor: index, focus: index, focusId: id };
}

/**
 * Shift+click or Shift+arrow: the rows from the anchor to here (their ids, in any order), and with Ctrl
 * added to what was selected before.
 */
export function extendTo(selection: ListSelection, index: number, id: number, rangeIds: readonly number[], keep = false): ListSelection {
  const ids = new Set(keep ? selection.ids : []);
  for (const rangeId of rangeIds) ids.add(rangeId);
  return { all: false, ids, anchor: selection.anchor ?? index, focus: index, focusId: id };
}

/** Ctrl+A: every row, loaded or not. */
export function selectAll(selection: ListSelection): ListSelection {
  return { ...selection, all: true };
}

/** Whether a message is shown selected. */
export function isSelected(selection: ListSelection, id: number): boolean {
  return selection.all || selection.ids.has(id);
}

/** How many messages are selected. */
export function selectedCount(selection: ListSelection, total: number): number {
  return selection.all ? total : selection.ids.size;
}

/** The row a key moves to: arrows by one, Page keys by a screen, Home and End to the ends. */
export function targetRow(key: string, focus: number | null, total: number, pageRows: number): number | null {
  if (total === 0) return null;
  const current = focus ?? -1;
  const clamp = (value: number): number => Math.max(0, Math.min(total - 1, value));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(focus === null ? 0 : current - 1);
    case 'PageDown':
      return clamp(current + Math.max(1, pageRows));
    case 'PageUp':
      return clamp(current - Math.max(1, pageRows));
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}

/**
 * After the list was refreshed and rows above the focused one came or went: the selection follows its
 * message to its new row (the same selection when it is still in place or no longer listed).
 */
export function followFocus(selection: ListSelection, idAt: (index: number) => number | undefined, indexOf: (id: number) => number): ListSelection {
  const { focus, focusId } = selection;
  if (focus === null || focusId === null || idAt(focus) === focusId) return selection;
  const index = indexOf(focusId);
  if (index < 0) return selection;
  return { ...selection, focus: index, anchor: selection.anchor === focus ? index : selection.anchor };
}

/** After rows were removed (deleted or moved away): the row to select next, as Outlook does. */
export function rowAfterRemoval(focus: number | null, totalAfter: number): number | null {
  if (focus === null || totalAfter === 0) return null;
  return Math.min(focus, totalAfter - 1);
}
