/**
 * The optional icon in the notification area (Settings → Desktop, off by default): its tooltip says how
 * much mail is unread, a click shows the window, and its menu has Send/Receive, New message and Quit.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { unreadWords } from './unread-badge';

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
  destroy(): void;
}

/** The tooltip: the app's name, and the unread count when there is unread mail. */
export function trayTooltip(unread: number): string {
  return unread > 0 ? `Mailbag — ${unreadWords(unread)}` : 'Mailbag';
}

/** The tray icon's menu. */
export function trayMenuTemplate(actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Send/Receive', click: actions.sendReceive },
    { label: 'New message', click: actions.newMessage },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}

/** Puts the icon in the notification area. */
export function createMailTray(iconPath: string, actions: TrayActions, unread: number): MailTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip(trayTooltip(unread));
  tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(actions)));
  tray.on('click', actions.show);
  return {
    setUnread: (count) => tray.setToolTip(trayTooltip(count)),
    destroy: () => tray.destroy(),
  };
}
