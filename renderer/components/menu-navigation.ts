/**
 * Arrow-key movement in a menu (WAI-ARIA menu pattern): Down and Up wrap around the enabled entries,
 * Home and End go to the first and last. Shared by the toolbar's menu buttons and the context menus.
 */

/** The keys {@link nextMenuEntry} moves on. */
export type MenuMoveKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

/** Whether `key` moves the active entry of a menu. */
export function isMenuMoveKey(key: string): key is MenuMoveKey {
  return key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End';
}

/**
 * The entry index that `key` makes active, from the indexes of the enabled entries in order and the
 * active one; undefined when no entry is enabled.
 */
export function nextMenuEntry(key: MenuMoveKey, enabled: readonly number[], active: number): number | undefined {
  const at = enabled.indexOf(active);
  const to = key === 'ArrowDown' ? at + 1 : key === 'ArrowUp' ? at - 1 : key === 'Home' ? 0 : enabled.length - 1;
  return enabled[(to + enabled.length) % enabled.length];
}
