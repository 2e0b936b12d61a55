import { BrowserWindow, session, type WebContents } from 'electron';
import type { Translate } from '../../shared/i18n/catalogs';
import { parseExternalUrl } from '../../shared/urls';
import { attachLinkMenu } from './link-menu';
import { attachSpellingMenu } from './spell-check';

/** Initial and smallest sizes of the main window, in device-independent pixels. */
export const WINDOW_SIZE = { width: 1200, height: 800, minWidth: 720, minHeight: 480 } as const;

/** What the window factory needs from the rest of the app. */
export interface WindowOptions {
  readonly preloadPath: string;
  readonly pageUrl: string;
  readonly iconPath?: string;
  /** Opens a checked http, https or mailto URL in the system browser or mail handler. */
  readonly openExternal: (url: URL) => void;
  /** The words of the language chosen now, for the menus main shows on the window (links). */
  readonly translate: () => Translate;
}

/** The web preferences every Mailbag window gets: isolated, sandboxed, no Node, no webview. */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const;

/**
 * Locks down one page's web contents: window.open is denied (a checked external link goes to the
 * system browser instead), navigation of the top frame and of every subframe is blocked, and
 * webviews cannot be attached.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: URL) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = parseExternalUrl(url);
    if (external !== null) openExternal(external);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    // Message bodies are written into sandboxed frames as srcdoc; nothing else may navigate.
    if (event.isMainFrame || event.url !== 'about:srcdoc') event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Initial and smallest sizes of a window showing one message, in device-independent pixels. */
export const MESSAGE_WINDOW_SIZE = { width: 900, height: 760, minWidth: 480, minHeight: 360 } as const;

/** The app page that shows one message alone (renderer/message-window.tsx reads `message`). */
export function messagePageUrl(pageUrl: string, messageId: number): string {
  const url = new URL(pageUrl);
  url.searchParams.set('message', String(messageId));
  return url.href;
}

/** How the main window first appears: shown, minimised, or hidden (in the tray) until asked for. */
export type WindowStart = 'shown' | 'minimised' | 'hidden';

/** The main window: the one factory below with the main window's size. */
export function createMainWindow(options: WindowOptions, start: WindowStart = 'shown'): BrowserWindow {
  return createHardenedWindow(options, WINDOW_SIZE, start);
}

/** A window of its own for one message (double-click or Enter in the list), hardened like the main one. */
export function createMessageWindow(options: WindowOptions, messageId: number): BrowserWindow {
  return createHardenedWindow({ ...options, pageUrl: messagePageUrl(options.pageUrl, messageId) }, MESSAGE_WINDOW_SIZE);
}

/** The one factory for Mailbag windows, so no window can be created without the hardening above. */
function createHardenedWindow(options: WindowOptions, size: typeof WINDOW_SIZE | typeof MESSAGE_WINDOW_SIZE, start: WindowStart = 'shown'): BrowserWindow {
  const window = new BrowserWindow({
    ...size,
    show: false,
    title: 'Mailbag',
    backgroundColor: '#1e1e1e',
    ...(options.iconPath === undefined ? {} : { icon: options.iconPath }),
    webPreferences: { ...HARDENED_WEB_PREFERENCES, preload: options.preloadPath },
  });
  hardenWebContents(window.webContents, options.openExternal);
  attachLinkMenu(window.webContents, options.openExternal, options.translate);
  attachSpellingMenu(window.webContents, session.defaultSession, options.translate);
  window.once('ready-to-show', () => {
    if (start === 'shown') window.show();
    else if (start === 'minimised') window.minimize();
  });
  void window.loadURL(options.pageUrl);
  return window;
}
