/**
 * The widths of the mail window's panes as the user drags them (mouse or arrow keys on the separators),
 * as pure arithmetic: clamping to what fits, key steps, and the grid columns that show them.
 */
import { FOLDER_PANE_WIDTH, LIST_PANE_WIDTH, type Settings } from '../../shared/settings';

/** Folder pane and message list widths in CSS pixels. */
export type PaneWidths = NonNullable<Settings['paneWidths']>;

/** Which separator: between folders and list, or between list and reader. */
export type PaneName = keyof PaneWidths;

/** Pixels one arrow key moves a separator. */
export const PANE_KEY_STEP_PX = 16;
/** Pixels one arrow key moves a separator with Shift held. */
export const PANE_LARGE_STEP_PX = 80;
/** The reader never gets narrower than this by dragging. */
export const MIN_READER_PX = 280;
/** Width of a separator's grip, in CSS pixels (mail.css .pane-separator). */
export const SEPARATOR_PX = 6;

/** Smallest and largest width one pane may take, given the others and the window. */
export function paneRange(name: PaneName, widths: PaneWidths, containerWidth: number): { readonly min: number; readonly max: number } {
  const limits = name === 'folders' ? FOLDER_PANE_WIDTH : LIST_PANE_WIDTH;
  const other = name === 'folders' ? Math.max(widths.list, LIST_PANE_WIDTH.min) : widths.folders;
  const room = Math.floor(containerWidth - other - 2 * SEPARATOR_PX - MIN_READER_PX);
  return { min: limits.min, max: Math.max(limits.min, Math.min(limits.max, room)) };
}

/** The widths with one pane set to `width`, kept within its range. */
export function withPaneWidth(widths: PaneWidths, name: PaneName, width: number, containerWidth: number): PaneWidths {
  const { min, max } = paneRange(name, widths, containerWidth);
  return { ...widths, [name]: Math.round(Math.min(max, Math.max(min, width))) };
}

/**
 * The width a separator key leads to (WAI-ARIA window splitter: arrows move, Home and End go to the
 * ends), or null for other keys. Left and Up narrow the pane before the separator.
 */
export function widthForKey(key: string, shift: boolean, current: number, range: { readonly min: number; readonly max: number }): number | null {
  const step = shift ? PANE_LARGE_STEP_PX : PANE_KEY_STEP_PX;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(range.min, current - step);
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(range.max, current + step);
    case 'Home':
      return range.min;
    case 'End':
      return range.max;
    default:
      return null;
  }
}

/**
 * The grid columns for chosen widths: folders, separator, list, separator, reader. The list gives way
 * first when the window is narrower than the widths chosen, so the reader keeps its minimum.
 */
export function paneColumns(widths: PaneWidths): string {
  return `minmax(${FOLDER_PANE_WIDTH.min}px, ${widths.folders}px) ${SEPARATOR_PX}px minmax(${Math.min(LIST_PANE_WIDTH.min, widths.list)}px, ${widths.list}px) ${SEPARATOR_PX}px minmax(${MIN_READER_PX}px, 1fr)`;
}

/**
 * What the window does with the widths saved in the settings when they change, given the widths it
 * chose itself and has not seen saved yet: with none, the saved widths are shown; otherwise its own stay
 * (a save of its own from before, coming back late, must not undo a newer drag or key), and once its
 * latest widths come back saved, the saved widths lead again.
 */
export function followSavedWidths(saved: PaneWidths | null, unsaved: PaneWidths | null): { readonly show: boolean; readonly unsaved: PaneWidths | null } {
  if (unsaved === null) return { show: true, unsaved };
  const arrived = saved !== null && saved.folders === unsaved.folders && saved.list === unsaved.list;
  return { show: false, unsaved: arrived ? null : unsaved };
}
