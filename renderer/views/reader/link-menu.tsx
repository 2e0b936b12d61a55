import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { isMenuKey, pointOf, useContextMenu, type MenuPoint } from '../../components/context-menu';
import { useT } from '../../state/locale';

/**
 * Copies text to the clipboard: the asynchronous Clipboard API where the page may use it, else the
 * older copy command from a hidden text field (the desktop app denies clipboard permissions).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.className = 'visually-hidden';
    document.body.append(field);
    field.select();
    const copied = document.execCommand('copy');
    field.remove();
    return copied;
  }
}

/**
 * The context menu of links in a message's text (right-click, Shift+F10 or the context-menu key on a
 * focused link): open it in the browser through the usual URL rules, or copy its address. Links inside
 * an HTML message's sandboxed frame get the app's or the browser's own menu instead (the frame is
 * closed to the page).
 */
export function useLinkMenu(openLink: (url: string) => void): {
  readonly handlers: { readonly onContextMenu: (event: MouseEvent) => void; readonly onKeyDown: (event: KeyboardEvent) => void };
  readonly element: ReactNode;
} {
  const menu = useContextMenu();
  const t = useT();
  const show = (link: HTMLAnchorElement, point: MenuPoint): void => {
    const url = link.getAttribute('href') ?? '';
    menu.show({
      label: t('menu.linkActions'),
      point,
      entries: [
        { label: t('menu.openLink'), onSelect: () => openLink(url) },
        { label: t('menu.copyLink'), onSelect: () => void copyText(url) },
      ],
    });
  };
  const linkOf = (target: EventTarget): HTMLAnchorElement | null => (target instanceof Element ? target.closest('a[href]') : null);
  return {
    handlers: {
      onContextMenu: (event) => {
        const link = linkOf(event.target);
        if (link === null) return;
        event.preventDefault();
        show(link, { x: event.clientX, y: event.clientY });
      },
      onKeyDown: (event) => {
        const link = linkOf(event.target);
        if (link === null || !isMenuKey(event)) return;
        event.preventDefault();
        show(link, pointOf(link));
      },
    },
    element: menu.element,
  };
}
