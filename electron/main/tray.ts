/**
 * The optional icon in the notification area (Settings → Desktop, off by default): its tooltip says how
 * much mail is unread, a click shows the window, and its menu has Send/Receive, New message and Quit —
 * all in the chosen language, relabelled when it changes.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { Translate } from '../../shared/i18n/catalogs';

/** What the tray's commands do; supplied by the composition root. */
export interface TrayActions {
  readonly show: () => void;
  readonly sendReceive: () => void;
  readonly newMessage: () => void;
  readonly quit: () => void;
}

/** The tray icon while it is shown. */
export interface MailTray {
  /** Shows the unread count in the tooltip. */
  setUnread(count: number): void;
  /** Names the menu and the tooltip in another language. */
  relabel(t: Translate): void;
  destroy(): void;
}

/** The tooltip: the app's name, and the unread count when there is unread mail. */
export function trayTooltip(t: Translate, unread: number): string {
  return unread > 0 ? t('notice.trayTooltip', { count: unread }) : 'Mailbag';
}

/** The tray icon's menu. */
export function trayMenuTemplate(t: Translate, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: t('toolbar.sendReceive'), click: actions.sendReceive },
    { label: t('menu.trayNewMessage'), click: actions.newMessage },
    { type: 'separator' },
    { label: t('menu.quit'), click: actions.quit },
  ];
}

/** Puts the icon in the notification area. */
export function createMailTray(iconPath: string, actions: TrayActions, unread: number, t: Translate): MailTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  let words = t;
  let count = unread;
  const label = (): void => {
    tray.setToolTip(trayTooltip(words, count));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(words, actions)));
  };
  label();
  tray.on('click', actions.show);
  return {
    setUnread: (next) => {
      count = next;
      tray.setToolTip(trayTooltip(words, count));
    },
    relabel: (next) => {
      words = next;
      label();
    },
    destroy: () => tray.destroy(),
  };
}
