import type { KeyboardEvent, RefObject } from 'react';
import { isMenuMoveKey, nextMenuEntry } from './menu-navigation';
import './menu.css';

/** One entry of a menu. */
export interface MenuEntry {
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
}

/** The indexes of the entries that can be chosen, in order: the arrow keys move among these only. */
export function enabledEntries(entries: readonly MenuEntry[]): number[] {
  return entries.flatMap((entry, index) => (entry.disabled === true ? [] : [index]));
}

/**
 * A key press inside an open menu, as the toolbar's menu buttons and the context menus both take it:
 * arrows, Home and End move the active entry; Escape and Tab go to `onLeave`, which says whether the
 * key is used up. A key the menu uses does not reach the view beneath.
 */
export function onMenuKey(
  event: KeyboardEvent,
  menu: {
    readonly entries: readonly MenuEntry[];
    readonly active: number;
    readonly setActive: (index: number) => void;
    readonly onLeave: (key: 'Escape' | 'Tab') => boolean;
  },
): void {
  if (isMenuMoveKey(event.key)) {
    const next = nextMenuEntry(event.key, enabledEntries(menu.entries), menu.active);
    if (next !== undefined) menu.setActive(next);
  } else if (event.key !== 'Escape' && event.key !== 'Tab') {
    return;
  } else if (!menu.onLeave(event.key)) {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
}

/**
 * The entries of an open menu as WAI-ARIA menu items: only the active one is in the tab order (the
 * menu moves focus itself), and choosing one closes the menu before its action runs.
 */
export function MenuItems(props: {
  readonly entries: readonly MenuEntry[];
  readonly active: number;
  readonly items: RefObject<Array<HTMLButtonElement | null>>;
  readonly onClose: () => void;
}) {
  return props.entries.map((entry, index) => (
    <button
      key={entry.label}
      ref={(element) => {
        props.items.current[index] = element;
      }}
      type="button"
      role="menuitem"
      tabIndex={index === props.active ? 0 : -1}
      disabled={entry.disabled}
      onClick={() => {
        props.onClose();
        entry.onSelect();
      }}
    >
      {entry.label}
    </button>
  ));
}
