import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { isMenuMoveKey, nextMenuEntry } from '../../components/menu-navigation';

/** One entry of a menu. */
export interface MenuEntry {
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
}

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
  const enabled = props.entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.disabled !== true);

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
  const onMenuKey = (event: KeyboardEvent): void => {
    if (isMenuMoveKey(event.key)) {
      const next = nextMenuEntry(event.key, enabled.map(({ index }) => index), active);
      if (next !== undefined) setActive(next);
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    switch (event.key) {
      case 'Escape':
        closeMenu();
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
  const openMenu = (): void => {
    setActive(enabled[0]?.index ?? 0);
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
        <div className="menu" role="menu" id={menuId} aria-label={props.label} onKeyDown={onMenuKey}>
          {props.entries.map((entry, index) => (
            <button
              key={entry.label}
              ref={(element) => {
                items.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={index === active ? 0 : -1}
              disabled={entry.disabled}
              onClick={() => {
                closeMenu();
                entry.onSelect();
              }}
            >
              {entry.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
