import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { enabledEntries, MenuItems, onMenuKey, type MenuEntry } from './menu-items';
import './context-menu.css';

/** Space kept between a context menu and the window's edges, in CSS pixels. */
const EDGE_PX = 4;

/** Where a context menu opens: the pointer, or for the keyboard the focused item's corner. */
export interface MenuPoint {
  readonly x: number;
  readonly y: number;
}

/** The point for a menu opened from the keyboard (Shift+F10 or the context-menu key) on an element. */
export function pointOf(element: Element): MenuPoint {
  const box = element.getBoundingClientRect();
  return { x: box.left + Math.min(24, box.width / 2), y: box.bottom };
}

/** Whether a key press asks for the context menu: the context-menu key, or Shift+F10 (Windows and Outlook). */
export function isMenuKey(event: { readonly key: string; readonly shiftKey: boolean }): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

/**
 * A context menu at a point (WAI-ARIA menu): focus goes to the first item, arrows, Home and End move,
 * Enter chooses, Escape or Tab or a click elsewhere closes it, and focus returns where it was.
 */
export function ContextMenu(props: {
  readonly label: string;
  readonly point: MenuPoint;
  readonly entries: readonly MenuEntry[];
  readonly onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const previous = useRef<HTMLElement | null>(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const [active, setActive] = useState(enabledEntries(props.entries)[0] ?? 0);
  const [position, setPosition] = useState(props.point);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  const close = useCallback((restoreFocus: boolean): void => {
    onClose.current();
    if (restoreFocus) previous.current?.focus();
  }, []);

  // Kept inside the window: a menu near the right or bottom edge opens leftwards or upwards.
  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (box === undefined) return;
    const x = Math.max(EDGE_PX, Math.min(props.point.x, window.innerWidth - box.width - EDGE_PX));
    const y = props.point.y + box.height + EDGE_PX > window.innerHeight ? Math.max(EDGE_PX, props.point.y - box.height) : props.point.y;
    setPosition({ x, y });
  }, [props.point]);
  useEffect(() => {
    items.current[active]?.focus();
  }, [active]);
  useEffect(() => {
    const outside = (event: MouseEvent): void => {
      if (!(event.target instanceof Node) || menu.current?.contains(event.target) !== true) close(false);
    };
    const away = (): void => close(false);
    document.addEventListener('mousedown', outside, true);
    window.addEventListener('blur', away);
    window.addEventListener('resize', away);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      window.removeEventListener('blur', away);
      window.removeEventListener('resize', away);
    };
  }, [close]);

  return (
    <div
      ref={menu}
      className="menu context-menu"
      role="menu"
      aria-label={props.label}
      style={{ left: position.x, top: position.y }}
      onKeyDown={(event) =>
        onMenuKey(event, {
          entries: props.entries,
          active,
          setActive,
          onLeave: () => {
            close(true);
            return true;
          },
        })
      }
      onContextMenu={(event) => event.preventDefault()}
    >
      <MenuItems entries={props.entries} active={active} items={items} onClose={() => close(true)} />
    </div>
  );
}

/** An open context menu's contents, or null when none is open. */
export interface ContextMenuState {
  readonly label: string;
  readonly point: MenuPoint;
  readonly entries: readonly MenuEntry[];
}

/** One context menu for a view: `show` opens it, `element` renders it (or nothing). */
export function useContextMenu(): { readonly show: (menu: ContextMenuState) => void; readonly element: ReactNode } {
  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const element = menu === null ? null : <ContextMenu key={`${menu.point.x},${menu.point.y},${menu.label}`} {...menu} onClose={() => setMenu(null)} />;
  return { show: setMenu, element };
}
