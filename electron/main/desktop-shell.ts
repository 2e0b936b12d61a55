/**
 * Mailbag as a citizen of the desktop: new-mail notifications that open the mail they announce, the
 * unread count on the dock, launcher or taskbar, the optional tray icon, and starting at login — each
 * following the settings as they change.
 */
import path from 'node:path';
import { app, nativeImage, Notification, type BrowserWindow } from 'electron';
import type { MailCommand } from '../../shared/window-commands';
import type { Translate } from '../../shared/i18n/catalogs';
import type { Settings } from '../../shared/settings';
import { describeError, type Logger } from '../services/logger';
import { newestUnreadMessage } from '../storage/message-queries';
import type { Core } from './core';
import { applyStartAtLogin } from './login-item';
import { startNewMailNotifier } from './notifications';
import { createMailTray, type MailTray } from './tray';
import { showUnreadBadge, type BadgeBitmap } from './unread-badge';
import type { WindowStart } from './window';

/** What the shell needs from the composition root. */
export interface DesktopShellOptions {
  readonly core: Core;
  readonly logger: Logger;
  /** Where the app's icons are (build/icons). */
  readonly iconDir: string;
  /** The main window now, if one is open. */
  readonly mainWindow: () => BrowserWindow | null;
  readonly showMainWindow: () => void;
  readonly openMessageWindow: (messageId: number) => void;
  /** Shows the mail window and has it run a command (the tray's Send/Receive and New message). */
  readonly runCommand: (command: MailCommand) => void;
  /** The words of the language chosen now: notifications, the tray and the badge's description follow it. */
  readonly translate: () => Translate;
}

/** The running shell. */
export interface DesktopShell {
  /** Puts the unread count on a main window that was just opened (Windows keeps it per window). */
  refreshBadge(): void;
}

/** The icon file of the tray (the notification area shows 16 to 32 pixels). */
const TRAY_ICON_FILE = '32x32.png';

/** Unread messages in every account's Inbox. */
function unifiedUnread(core: Core): number {
  return core.accounts
    .list()
    .flatMap((account) => core.store.listFolders(account.id))
    .filter((folder) => folder.role === 'inbox')
    .reduce((sum, folder) => sum + folder.unread, 0);
}

/** The command line that starts this Mailbag again: the AppImage when run from one, else the program (with the app's folder outside a package). */
function startCommand(): string[] {
  const appImage = process.env['APPIMAGE'];
  if (appImage !== undefined && appImage !== '') return [appImage];
  return app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
}

/** How the main window appears at start: minimised to the tray when its icon is on, else to the taskbar, or shown. */
export function mainWindowStart(settings: Pick<Settings, 'startMinimised' | 'trayIcon'>): WindowStart {
  if (!settings.startMinimised) return 'shown';
  return settings.trayIcon ? 'hidden' : 'minimised';
}

/** Starts notifications, the badge, the tray icon and the login item, following the settings. */
export function startDesktopShell(options: DesktopShellOptions): DesktopShell {
  const { core, logger } = options;
  let unread = 0;
  let tray: MailTray | null = null;
  /** Notifications shown and not yet clicked or closed: kept referenced so their click still arrives. */
  const shown = new Set<Notification>();

  const warn = (what: string) => (error: unknown) => logger.warn(what, { error: describeError(error) });
  const badgeTarget = {
    platform: process.platform,
    setBadgeCount: (count: number) => app.setBadgeCount(count),
    setOverlayIcon: (bitmap: BadgeBitmap | null, description: string) => {
      const window = options.mainWindow();
      if (window === null || window.isDestroyed()) return;
      window.setOverlayIcon(bitmap === null ? null : nativeImage.createFromBitmap(bitmap.bgra, { width: bitmap.width, height: bitmap.height }), description);
    },
  };

  let trayLanguage: Settings['language'] | undefined;
  const syncTray = (settings: Settings): void => {
    if (settings.trayIcon && tray === null) {
      tray = createMailTray(
        path.join(options.iconDir, TRAY_ICON_FILE),
        {
          show: options.showMainWindow,
          sendReceive: () => options.runCommand('send-receive'),
          newMessage: () => options.runCommand('new'),
          quit: () => app.quit(),
        },
        unread,
        options.translate(),
      );
    } else if (!settings.trayIcon && tray !== null) {
      tray.destroy();
      tray = null;
    } else if (tray !== null && settings.language !== trayLanguage) {
      tray.relabel(options.translate());
    }
    trayLanguage = settings.language;
  };

  // Assumed off at start, so a login item the user set up elsewhere is left alone until the setting changes.
  let loginItem = false;
  const syncLoginItem = (settings: Settings): void => {
    if (loginItem === settings.startAtLogin) return;
    loginItem = settings.startAtLogin;
    applyStartAtLogin(settings.startAtLogin, {
      platform: process.platform,
      setLoginItemSettings: (item) => app.setLoginItemSettings(item),
      autostartDir: path.join(app.getPath('appData'), 'autostart'),
      command: startCommand(),
    }).catch(warn('start at login could not be changed'));
  };

  startNewMailNotifier({
    events: core.events,
    settings: () => core.settings.get(),
    t: options.translate,
    accountName: (accountId) => core.accounts.list().find((account) => account.id === accountId)?.name ?? options.translate()('notice.yourAccount'),
    unifiedUnread: () => unifiedUnread(core),
    newestUnread: (accountId) => newestUnreadMessage(core.database, accountId),
    notify: (title, body, onClick) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      notification.on('click', () => {
        shown.delete(notification);
        onClick();
      });
      notification.on('close', () => shown.delete(notification));
      shown.add(notification);
      notification.show();
    },
    openMail: (messageId) => {
      options.showMainWindow();
      if (messageId !== null) options.openMessageWindow(messageId);
    },
    setBadgeCount: (count) => {
      unread = count;
      showUnreadBadge(count, badgeTarget, options.translate());
      tray?.setUnread(count);
    },
    onError: warn('new-mail notification or badge failed'),
  });

  const follow = (settings: Settings): void => {
    try {
      syncTray(settings);
    } catch (error) {
      warn('the tray icon could not be changed')(error);
    }
    syncLoginItem(settings);
  };
  follow(core.settings.get());
  core.events.subscribe((name) => {
    if (name === 'settingsChanged') follow(core.settings.get());
  });
  return {
    refreshBadge: () => {
      try {
        showUnreadBadge(unread, badgeTarget, options.translate());
      } catch (error) {
        warn('the unread badge could not be set')(error);
      }
    },
  };
}
