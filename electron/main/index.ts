import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, dialog, Menu, safeStorage, session, shell, webContents, type BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import { APP_ORIGIN } from '../ipc/sender';
import { createStreamLogger, describeError } from '../services/logger';
import { resolveProfileDir } from '../services/profile';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createCore, type Core } from './core';
import { forwardEvents, registerIpcHandlers } from './ipc-electron';
import { mailtoLinksInArgv } from './mailto-links';
import { buildApplicationMenu } from './menu';
import { mainWindowStart, startDesktopShell, type DesktopShell } from './desktop-shell';
import { builtRendererDir, electronNativeDir, packageRoot } from './paths';
import { applySpellCheckSettings } from './spell-check';
import { startUpdates } from './updates';
import { mainTranslator } from './locale';
import type { Translator } from '../../shared/i18n/catalogs';
import { MAILTO_SCHEME, offerDefaultMailHandler } from './default-mail-handler';
import { hidesOnClose, keepInTrayOnClose } from './close-to-tray';
import { createMainWindow, createMessageWindow, hardenWebContents, type WindowOptions, type WindowStart } from './window';
import { startFailureText } from './start-failure';

/** The update feed electron-builder writes into the resources when the build names one (`publish`). */
const UPDATE_CONFIG_FILE = 'app-update.yml';

/** The system's languages, most wanted first, as Electron reports them. */
function systemLanguages(): string[] {
  return [...app.getPreferredSystemLanguages(), app.getLocale()];
}

/** Main's words now: the language chosen in Settings (once the profile is open), else the system's. */
function translator(): Translator {
  return mainTranslator(core?.settings.get().language ?? null, systemLanguages());
}

/** File name of the better-sqlite3 addon built for Electron. */
const SQLITE_ADDON = 'better_sqlite3.node';

const logger = createStreamLogger((line) => process.stderr.write(line));
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let desktopShell: DesktopShell | null = null;
/** Set once the app is quitting (Quit in the tray or the menu, the system's logout), so windows really close. */
let quitting = false;
/** `mailto:` links that arrived before the core was open (the first launch's, or macOS's early open-url). */
let earlyMailtoLinks: string[] = mailtoLinksInArgv(process.argv);

/** A `mailto:` link from the system: kept for the window, which opens compose on it. */
function receiveMailtoLink(url: string): void {
  if (core === null) {
    earlyMailtoLinks = [...earlyMailtoLinks, ...mailtoLinksInArgv([url])];
    return;
  }
  if (core.mailtoLinks.add(url)) showMainWindow();
}

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
    translate: () => translator().t,
  };
}

function showMainWindow(start: WindowStart = 'shown'): void {
  if (mainWindow === null || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(windowOptions(), start);
    keepInTrayOnClose(mainWindow, () => core !== null && hidesOnClose(core.settings.get(), process.platform, quitting));
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    desktopShell?.refreshBadge();
    return;
  }
  if (!mainWindow.isVisible()) mainWindow.show();
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
    // A build run from the source tree leaves the user's mail program alone.
    ...(app.isPackaged
      ? {
          defaultMailHandler: {
            isDefault: () => app.isDefaultProtocolClient(MAILTO_SCHEME),
            makeDefault: () => app.setAsDefaultProtocolClient(MAILTO_SCHEME),
          },
        }
      : {}),
    // The encrypted-file fallback for passwords when no keychain answers (absent under test fakes).
    ...((safeStorage as typeof safeStorage | undefined) === undefined ? {} : { safeStorage }),
  });
  for (const url of earlyMailtoLinks.splice(0)) core.mailtoLinks.add(url);
  registerIpcHandlers(core.registry, APP_ORIGIN);
  forwardEvents(core.events, () => webContents.getAllWebContents());
  // Automatic Send/Receive (at startup when enabled, then every N minutes) runs in the app only.
  core.startScheduler();
  const running = core;
  desktopShell = startDesktopShell({
    core: running,
    logger,
    iconDir: path.join(packageRoot(), 'build', 'icons'),
    mainWindow: () => mainWindow,
    showMainWindow: () => showMainWindow(),
    openMessageWindow: (messageId) => void createMessageWindow(windowOptions(), messageId),
    runCommand: (command) => {
      showMainWindow();
      running.events.emit('windowCommand', { command });
    },
    translate: () => translator().t,
  });

  // Updates are off until a feed is known: the setting's, or the one the build configured (app-update.yml).
  startUpdates({
    updater: () => autoUpdater,
    settings: () => running.settings.get(),
    events: running.events,
    buildFeed: app.isPackaged && typeof process.resourcesPath === 'string' && existsSync(path.join(process.resourcesPath, UPDATE_CONFIG_FILE)),
    askRestart: async (version) => {
      const { t } = translator();
      const answer = await dialog.showMessageBox({
        type: 'info',
        title: t('dialog.updateTitle'),
        message: t('dialog.updateMessage', { version }),
        detail: t('dialog.updateDetail'),
        buttons: [t('dialog.restartNow'), t('dialog.later')],
        defaultId: 0,
        cancelId: 1,
      });
      return answer.response === 0;
    },
    logger,
  });

  const setMenu = (): void =>
    Menu.setApplicationMenu(
      buildApplicationMenu({
        t: translator().t,
        showAbout: () => {
          const info = core?.appInfo('electron');
          const { t } = translator();
          void dialog.showMessageBox({
            type: 'info',
            title: t('main.aboutTitle'),
            message: `Mailbag ${info?.version ?? ''}`,
            detail: t('main.aboutDetail', { profile: profileDir, electron: process.versions.electron ?? '', node: process.versions.node }),
          });
        },
        command: (command) => {
          showMainWindow();
          running.events.emit('windowCommand', { command });
        },
        keyboardPreset: running.settings.get().keyboardPreset,
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
  // The menu's language, the View menu's Conversations tick, the keys beside the commands and the spell checker follow the settings, however they were changed.
  running.events.subscribe((name) => {
    if (name !== 'settingsChanged') return;
    setMenu();
    applySpelling();
  });
  showMainWindow(mainWindowStart(running.settings.get()));
  // The installed app asks before it takes over mailto: links (the Linux packages' .desktop file offers
  // it too); a build run from the source tree leaves the user's mail program alone.
  void offerDefaultMailHandler({
    isPackaged: app.isPackaged,
    checkAtStartup: running.settings.get().checkDefaultMailHandler,
    isDefault: () => app.isDefaultProtocolClient(MAILTO_SCHEME),
    setDefault: () => app.setAsDefaultProtocolClient(MAILTO_SCHEME),
    ask: (question) => dialog.showMessageBox(question),
    setCheckAtStartup: async (check) => void (await running.settings.update({ checkDefaultMailHandler: check })),
    t: translator().t,
  }).catch((error: unknown) => logger.warn('could not offer to become the default mail program', { error: describeError(error) }));
}

// The profile decides Chromium's storage and the single-instance lock too, so it is set first.
const profileDir = resolveProfileDir({ argv: process.argv, fallback: app.getPath('userData') });
app.setPath('userData', profileDir);
registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS hands links over as open-url, also while the app starts; Windows and Linux start a second
  // instance with the link as an argument, which the first instance receives here.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveMailtoLink(url);
  });
  app.on('second-instance', (_event, argv) => {
    const links = mailtoLinksInArgv(argv);
    if (links.length === 0 || core === null) showMainWindow();
    for (const url of links) receiveMailtoLink(url);
  });
  app.on('activate', () => showMainWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => void core?.close());
  start(profileDir).catch((error: unknown) => {
    const { t } = mainTranslator(null, systemLanguages());
    dialog.showErrorBox(t('app.cannotStart'), startFailureText(t, error));
    app.exit(1);
  });
}
