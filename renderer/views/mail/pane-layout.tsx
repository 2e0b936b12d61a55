import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import type { Settings } from '../../../shared/settings';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { bridge } from '../../bridge';
import { useT } from '../../state/locale';
import { followSavedWidths, paneColumns, paneRange, widthForKey, withPaneWidth, type PaneName, type PaneWidths } from '../../state/pane-widths';

/** How long after the last key or drag the widths are saved, so holding an arrow key writes once. */
const SAVE_DELAY_MS = 400;

/** The catalog's name of each pane's resize handle. */
const LABELS = { folders: 'menu.resizeFolderPane', list: 'menu.resizeMessageList' } as const satisfies Readonly<Record<PaneName, MessageId>>;

/** The horizontal arrow keys swapped, for a right-to-left window. */
const MIRRORED_KEYS: Readonly<Record<string, string>> = { ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' };

/** The panes' rendered widths, read from the grid's children (folders first, list third). */
function measure(container: HTMLElement): PaneWidths | null {
  const [folders, , list] = Array.from(container.children);
  if (folders === undefined || list === undefined) return null;
  return { folders: Math.round(folders.getBoundingClientRect().width), list: Math.round(list.getBoundingClientRect().width) };
}

/** What the window needs to lay out its panes and draw the two separators. */
export interface PaneLayout {
  /** The grid's inline style once the user chose widths; none before (mail.css decides). */
  readonly style: CSSProperties | undefined;
  readonly separator: (name: PaneName) => SeparatorProps;
}

/**
 * The resizable panes of the mail window: the widths saved in the settings (null until the user first
 * drags), the live widths while dragging, and the props of each separator.
 */
export function usePaneLayout(saved: Settings['paneWidths'], container: RefObject<HTMLDivElement | null>): PaneLayout {
  const t = useT();
  const [live, setLive] = useState<PaneWidths | null>(saved);
  const [measured, setMeasured] = useState<{ widths: PaneWidths; container: number } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  // The widths this window chose and has not seen saved yet (see followSavedWidths).
  const unsaved = useRef<PaneWidths | null>(null);
  useEffect(() => {
    const next = followSavedWidths(saved, unsaved.current);
    unsaved.current = next.unsaved;
    if (next.show) setLive(saved);
  }, [saved?.folders, saved?.list]);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const update = (): void => {
      const widths = measure(element);
      if (widths !== null) setMeasured({ widths, container: element.clientWidth });
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [container]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const change = useCallback(
    (name: PaneName, width: number): void => {
      const element = container.current;
      if (element === null) return;
      const base = live ?? measure(element);
      if (base === null) return;
      const next = withPaneWidth(base, name, width, element.clientWidth);
      setLive(next);
      unsaved.current = next;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        void bridge.updateSettings({ paneWidths: next }).then((result) => {
          // Not saved: the saved widths lead again.
          if (!result.ok && unsaved.current === next) unsaved.current = null;
        });
      }, SAVE_DELAY_MS);
    },
    [live, container],
  );

  const current = live ?? measured?.widths ?? null;
  return {
    style: live === null ? undefined : { gridTemplateColumns: paneColumns(live) },
    separator: (name) => {
      const value = current?.[name] ?? 0;
      const range = current === null || measured === null ? { min: 0, max: 0 } : paneRange(name, current, measured.container);
      return { name, label: t(LABELS[name]), value, min: range.min, max: Math.max(range.min, range.max), onChange: (width) => change(name, width) };
    },
  };
}

/** Props of one separator. */
export interface SeparatorProps {
  readonly name: PaneName;
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly onChange: (width: number) => void;
}

/**
 * A focusable window splitter (WAI-ARIA separator): drag it with the mouse, or focus it and use Left and
 * Right (Shift for larger steps), Home and End.
 */
export function PaneSeparator(props: SeparatorProps) {
  const drag = useRef<{ x: number; width: number; direction: 1 | -1 } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    // In a right-to-left window the panes are mirrored: dragging leftwards widens the pane.
    const direction = getComputedStyle(event.currentTarget).direction === 'rtl' ? -1 : 1;
    drag.current = { x: event.clientX, width: props.value, direction };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (drag.current === null) return;
    props.onChange(drag.current.width + (event.clientX - drag.current.x) * drag.current.direction);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Mirrored like the panes in a right-to-left window: the arrow towards the pane's far side widens it.
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const key = rtl ? (MIRRORED_KEYS[event.key] ?? event.key) : event.key;
    const width = widthForKey(key, event.shiftKey, props.value, props);
    if (width === null) return;
    event.preventDefault();
    props.onChange(width);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={props.value}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      aria-valuetext={`${props.value} pixels`}
      tabIndex={0}
      className={`pane-separator separator-${props.name}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
