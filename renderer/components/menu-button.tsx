import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { enabledEntries, MenuItems, onMenuKey, type MenuEntry } from './menu-items';

/**
 * A button that opens a menu (WAI-ARIA menu button pattern): Enter, Space or ArrowDown open it with
 * focus on the first item, arrows move, Escape or Tab close it and focus returns to the button.
 */
export function MenuButton(props: {
  readonly label: string;
  readonly children: ReactNode;
  readonly entries: readonly MenuEntry[];
  readonly className?: string;
  readonly disabled?: boolean;
  /** Opens the menu from outside (a right-click or the context-menu key elsewhere). */
  readonly openSignal?: number;
  readonly title?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const menuId = useId();

  useEffect(() => {
    if (props.openSignal !== undefined && props.openSignal > 0) {
      setActive(0);
      setOpen(true);
    }
  }, [props.openSignal]);
  useEffect(() => {
    if (open) items.current[active]?.focus();
  }, [open, active]);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent): void => {
      const target = event.target as Node;
      if (!button.current?.parentElement?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const closeMenu = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  const openMenu = (): void => {
    setActive(enabledEntries(props.entries)[0] ?? 0);
    setOpen(true);
  };

  return (
    <span className="menu-anchor">
      <button
        ref={button}
        type="button"
        className={props.className}
        aria-label={props.label}
        title={props.title ?? props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={props.disabled}
        onClick={() => (open ? setOpen(false) : openMenu())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            openMenu();
          }
        }}
      >
        {props.children}
      </button>
      {open && (
        <div
          className="menu"
          role="menu"
          id={menuId}
          aria-label={props.label}
          onKeyDown={(event) =>
            onMenuKey(event, {
              entries: props.entries,
              active,
              setActive,
              onLeave: (key) => {
                if (key === 'Tab') {
                  setOpen(false);
                  return false;
                }
                closeMenu();
                return true;
              },
            })
          }
        >
          <MenuItems entries={props.entries} active={active} items={items} onClose={closeMenu} />
        </div>
      )}
    </span>
  );
}
