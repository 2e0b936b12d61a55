import path from 'node:path';
import { app, dialog, Menu, Notification, safeStorage, session, shell, webContents, type BrowserWindow } from 'electron';
import { APP_ORIGIN } from '../ipc/sender';
import { createStreamLogger, describeError } from '../services/logger';
import { resolveProfileDir } from '../services/profile';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createCore, type Core } from './core';
import { forwardEvents, registerIpcHandlers } from './ipc-electron';
import { buildApplicationMenu } from './menu';
import { startNewMailNotifier } from './notifications';
import { builtRendererDir, electronNativeDir, packageRoot } from './paths';
import { applySpellCheckSettings } from './spell-check';
import { createMainWindow, createMessageWindow, hardenWebContents, type WindowOptions } from './window';

/** File name of the better-sqlite3 addon built for Electron. */
const SQLITE_ADDON = 'better_sqlite3.node';

const logger = createStreamLogger((line) => process.stderr.write(line));
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

/**
 * The better-sqlite3 addon built for Electron's ABI: shipped in the package's resources, or prepared in
 * out/ by `npm start`. Outside Electron (Node) the regular build in node_modules is the right one.
 */
function sqliteNativeBinding(): string | undefined {
  if (process.versions.electron === undefined) return undefined;
  return app.isPackaged ? path.join(process.resourcesPath, 'native', SQLITE_ADDON) : path.join(electronNativeDir(), SQLITE_ADDON);
}

function openExternal(url: URL): void {
  shell.openExternal(url.href).catch((error: unknown) => {
    logger.warn('could not open link', { error: describeError(error) });
  });
}

/** What every Mailbag window is built from: the preload, the app page, the icon and the link rule. */
function windowOptions(): WindowOptions {
  return {
    preloadPath: path.join(__dirname, 'preload.cjs'),
    pageUrl: `${APP_ORIGIN}/index.html`,
    iconPath: path.join(packageRoot(), 'build', 'icons', '512x512.png'),
    openExternal,
  };
}

function showMainWindow(): void {
  if (mainWindow === null || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(windowOptions());
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(profileDir: string): Promise<void> {
  await app.whenReady();

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveAppScheme(builtRendererDir());

  const nativeBinding = sqliteNativeBinding();
  core = await createCore({
    profileDir,
    logger,
    ...(nativeBinding === undefined ? {} : { sqliteNativeBinding: nativeBinding }),
    electronVersions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
    openExternal: async (url) => shell.openExternal(url.href),
    openPath: (filePath) => shell.openPath(filePath),
    openMessageWindow: (messageId) => void createMessageWindow(windowOptions(), messageId),
    // The encrypted-file fallback for passwords when no keychain answers (absent under test fakes).
    ...((safeStorage as typeof safeStorage | undefined) === undefined ? {} : { safeStorage }),
  });
  registerIpcHandlers(core.registry, APP_ORIGIN);
  forwardEvents(core.events, () => webContents.getAllWebContents());
  // Automatic Send/Receive (at startup when enabled, then every N minutes) runs in the app only.
  core.startScheduler();
  const running = core;
  startNewMailNotifier({
    events: running.events,
    settings: () => running.settings.get(),
    accountName: (accountId) => running.accounts.list().find((account) => account.id === accountId)?.name ?? 'your account',
    unifiedUnread: () =>
      running.accounts
        .list()
        .flatMap((account) => running.store.listFolders(account.id))
        .filter((folder) => folder.role === 'inbox')
        .reduce((sum, folder) => sum + folder.unread, 0),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    setBadgeCount: (count) => void app.setBadgeCount(count),
    onError: (error) => logger.warn('new-mail notification or badge failed', { error: describeError(error) }),
  });

  const setMenu = (): void =>
    Menu.setApplicationMenu(
      buildApplicationMenu({
        showAbout: () => {
          const info = core?.appInfo('electron');
          void dialog.showMessageBox({
            type: 'info',
            title: 'About Mailbag',
            message: `Mailbag ${info?.version ?? ''}`,
            detail: `Profile: ${profileDir}\nElectron ${process.versions.electron ?? ''}, Node ${process.versions.node}`,
          });
        },
        openImport: () => running.events.emit('windowCommand', { command: 'import' }),
        conversations: {
          on: running.settings.get().conversations,
          toggle: () => void running.settings.update({ conversations: !running.settings.get().conversations }).catch(() => undefined),
        },
      }),
    );
  setMenu();
  const applySpelling = (): void => {
    try {
      applySpellCheckSettings(session.defaultSession, running.settings.get());
    } catch (error) {
      logger.warn('spell checker settings could not be applied', { error: describeError(error) });
    }
  };
  applySpelling();
  // The View menu's Conversations tick and the spell checker follow the settings, however they were changed.
  running.events.subscribe((name) => {
    if (name !== 'settingsChanged') return;
    setMenu();
    applySpelling();
  });
  showMainWindow();
}

// The profile decides Chromium's storage and the single-instance lock too, so it is set first.
const profileDir = resolveProfileDir({ argv: process.argv, fallback: app.getPath('userData') });
app.setPath('userData', profileDir);
registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showMainWindow());
  app.on('activate', () => showMainWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void core?.close());
  start(profileDir).catch((error: unknown) => {
    dialog.showErrorBox('Mailbag could not start', describeError(error));
    app.exit(1);
  });
}
