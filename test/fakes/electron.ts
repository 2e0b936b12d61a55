/**
 * A fake of the parts of the `electron` module that Mailbag's main process and preload use, so their
 * wiring runs under plain Node. `installFakeElectron()` makes every later `require('electron')` (and
 * compiled `import … from 'electron'`) return the fake.
 */
import { EventEmitter } from 'node:events';
import Module from 'node:module';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** A frame as main sees it in an IPC event. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  loadedUrl: string | undefined;
  destroyed = false;
  /** Words put in place of a misspelled one (`replaceMisspelling`), in order. */
  readonly replacedMisspellings: string[] = [];
  replaceMisspelling(word: string): void {
    this.replacedMisspellings.push(word);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits an event the way Electron does and reports whether a listener called preventDefault. */
  emitPreventable(name: string, details: Record<string, unknown> = {}): boolean {
    let prevented = false;
    const event = { ...details, preventDefault: () => (prevented = true) };
    this.emit(name, event, details['url']);
    return prevented;
  }
}

/** One item of a menu template, as the app builds it. */
export interface FakeMenuItem {
  readonly label?: string;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly click?: () => void;
}

/** A BrowserWindow that records its options and announces its web contents like Electron does. */
export class FakeBrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.onCreate?.(this);
  }
  /** Set by the fake module that owns the windows. */
  static onCreate: ((window: FakeBrowserWindow) => void) | undefined;
  loadURL(url: string): Promise<void> {
    this.webContents.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  visible = true;
  isVisible() {
    return this.visible;
  }
  restore() {}
  focus() {}
  /** How often the window was shown and minimised. */
  readonly showCalls: string[] = [];
  show() {
    this.visible = true;
    this.showCalls.push('show');
  }
  minimize() {
    this.showCalls.push('minimize');
  }
  hide() {
    this.visible = false;
    this.showCalls.push('hide');
  }
  /** Set when the window really closed (no close listener prevented it). */
  closed = false;
  /** Closes the window as its close button does: a 'close' listener may prevent it. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.closed = true;
    this.emit('closed');
  }
  /** Overlay icons set on the taskbar button, in order (null clears it). */
  readonly overlays: Array<{ image: FakeImage | null; description: string }> = [];
  setOverlayIcon(image: FakeImage | null, description: string): void {
    this.overlays.push({ image, description });
  }
}

/** A nativeImage: from a file, or from raw BGRA pixels. */
export interface FakeImage {
  readonly path?: string;
  readonly bitmap?: Buffer;
  readonly size?: { width: number; height: number };
}

/** A tray icon as the app set it up; `destroyed` once removed. */
export class FakeTray extends EventEmitter {
  static readonly created: FakeTray[] = [];
  readonly image: FakeImage;
  tooltip = '';
  menu: FakeMenuItem[] = [];
  destroyed = false;
  constructor(image: FakeImage) {
    super();
    this.image = image;
    FakeTray.created.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: FakeMenuItem[] }): void {
    this.menu = menu.template;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** Desktop notifications the app showed, in order; `click()` clicks one as the user would. */
export const shownNotifications: Array<{ title: string; body: string; click: () => void }> = [];

class FakeNotification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  private readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
  }
  show(): void {
    shownNotifications.push({ ...this.options, click: () => this.emit('click', {}) });
  }
}

export function createFakeElectron(userData: string) {
  const ipcHandlers = new Map<string, Handler>();
  const rendererListeners = new Map<string, Set<Handler>>();
  const exposed = new Map<string, unknown>();
  const windows: FakeBrowserWindow[] = [];
  const allContents: FakeWebContents[] = [];
  const appEvents = new EventEmitter();
  const paths = new Map<string, string>([['userData', userData]]);
  const permission = { request: undefined as undefined | Handler, check: undefined as undefined | Handler };
  const opened: string[] = [];
  /** Context menus popped up, as their templates; and text written to the clipboard. */
  const popups: FakeMenuItem[][] = [];
  const copied: string[] = [];
  let protocolHandler: ((request: { url: string }) => Promise<Response>) | undefined;
  const privilegedSchemes: unknown[] = [];
  let applicationMenu: unknown;
  /** The default session's spell checker: what main set, and the dictionaries Chromium has. */
  const spellChecker = {
    enabled: true,
    languages: [] as string[],
    available: ['de-DE', 'en-GB', 'en-US', 'fr-FR', 'pt-BR'],
    added: [] as string[],
  };
  /** Words the fake renderer's spell checker (webFrame) marks as misspelled. */
  const misspelled = new Set<string>();
  /** The frame the fake renderer's requests appear to come from. */
  const rendererFrame: { current: FakeFrame } = { current: { url: 'app://mailbag/index.html', parent: null } };
  FakeBrowserWindow.onCreate = (window) => {
    windows.push(window);
    allContents.push(window.webContents);
    appEvents.emit('web-contents-created', {}, window.webContents);
  };

  /** Schemes the app registered itself as the handler of. */
  const protocolClients: string[] = [];
  const electron = {
    app: {
      isPackaged: false,
      setAsDefaultProtocolClient: (scheme: string) => (protocolClients.push(scheme), true),
      isDefaultProtocolClient: (scheme: string) => protocolClients.includes(scheme),
      getAppPath: () => '/nonexistent/app',
      /** The system's languages, as the fake's machine reports them. */
      systemLanguages: ['en-US'],
      getPreferredSystemLanguages() {
        return [...this.systemLanguages];
      },
      getLocale: () => 'en-US',
      loginItems: [] as Array<{ openAtLogin: boolean }>,
      setLoginItemSettings(settings: { openAtLogin: boolean }) {
        this.loginItems.push(settings);
      },
      getPath: (name: string) => paths.get(name) ?? `/nonexistent/${name}`,
      setPath: (name: string, value: string) => paths.set(name, value),
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      badgeCount: 0,
      setBadgeCount(count: number) {
        this.badgeCount = count;
        return true;
      },
      on: (name: string, listener: (...args: unknown[]) => void) => appEvents.on(name, listener),
      /** As Electron: before-quit first, then the app quits. */
      quit: () => (appEvents.emit('before-quit', {}), appEvents.emit('quit')),
      exit: (code: number) => appEvents.emit('exit', code),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        const handler = ipcHandlers.get(channel);
        if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
        return handler({ senderFrame: rendererFrame.current, sender: {} }, ...args);
      },
      on: (channel: string, listener: Handler) => {
        const set = rendererListeners.get(channel) ?? new Set<Handler>();
        set.add(listener);
        rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Handler) => rendererListeners.get(channel)?.delete(listener),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
      handle: (_scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
        protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (permission.request = handler),
        setPermissionCheckHandler: (handler: Handler) => (permission.check = handler),
        setSpellCheckerEnabled: (enabled: boolean) => void (spellChecker.enabled = enabled),
        setSpellCheckerLanguages: (languages: string[]) => {
          // As Electron: a language without a dictionary is an error.
          const unknown = languages.find((language) => !spellChecker.available.includes(language));
          if (unknown !== undefined) throw new Error(`Invalid language code provided: "${unknown}" is not a valid language code`);
          spellChecker.languages = [...languages];
        },
        get availableSpellCheckerLanguages() {
          return [...spellChecker.available];
        },
        addWordToSpellCheckerDictionary: (word: string) => (spellChecker.added.push(word), true),
      },
    },
    webFrame: { isWordMisspelled: (word: string) => misspelled.has(word) },
    shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
    clipboard: { writeText: (text: string) => void copied.push(text) },
    webContents: { getAllWebContents: () => allContents },
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template, popup: () => popups.push(template as FakeMenuItem[]) }),
      setApplicationMenu: (menu: unknown) => (applicationMenu = menu),
    },
    Notification: FakeNotification,
    Tray: FakeTray,
    nativeImage: {
      createFromPath: (file: string): FakeImage => ({ path: file }),
      createFromBitmap: (bitmap: Buffer, size: { width: number; height: number }): FakeImage => ({ bitmap, size }),
    },
    dialog: {
      /** Message boxes shown, in order; each is answered with the next of `answers`, else its first button with its checkbox as shown. */
      shown: [] as unknown[],
      answers: [] as Array<{ response: number; checkboxChecked?: boolean }>,
      showMessageBox(options: { checkboxChecked?: boolean }) {
        this.shown.push(options);
        return Promise.resolve(this.answers.shift() ?? { response: 0, checkboxChecked: options.checkboxChecked ?? false });
      },
      showErrorBox: () => {},
    },
  };

  /** Delivers a push event from main to the fake renderer's listeners. */
  function deliverToRenderer(channel: string, ...args: unknown[]): void {
    for (const listener of rendererListeners.get(channel) ?? []) listener({}, ...args);
  }

  return {
    electron,
    ipcHandlers,
    exposed,
    windows,
    appEvents,
    permission,
    opened,
    popups,
    copied,
    privilegedSchemes,
    rendererFrame,
    deliverToRenderer,
    rendererListenerCount: (channel: string) => rendererListeners.get(channel)?.size ?? 0,
    protocolHandler: () => protocolHandler,
    applicationMenu: () => applicationMenu,
    protocolClients,
    spellChecker,
    misspelled,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/**
 * A fake of electron-updater's module: `accesses` counts how often its autoUpdater was asked for (never,
 * without a feed), `calls` records what was done with it, and `emit` plays an updater event.
 */
export function createFakeUpdater() {
  const calls: Array<{ readonly method: string; readonly argument?: unknown }> = [];
  const emitter = new EventEmitter();
  let accesses = 0;
  const autoUpdater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (argument: unknown) => void calls.push({ method: 'setFeedURL', argument }),
    checkForUpdates: () => (calls.push({ method: 'checkForUpdates' }), Promise.resolve(null)),
    quitAndInstall: () => void calls.push({ method: 'quitAndInstall' }),
    // Listeners of any event's arguments (electron-updater's events differ in them).
    on(event: string, listener: (...args: never[]) => void) {
      emitter.on(event, listener as (...args: unknown[]) => void);
      return this;
    },
  };
  return {
    module: {
      get autoUpdater() {
        accesses += 1;
        return autoUpdater;
      },
    },
    autoUpdater,
    calls,
    accesses: () => accesses,
    emit: (event: string, ...args: unknown[]) => emitter.emit(event, ...args),
  };
}

/** The fake electron-updater module. */
export type FakeUpdater = ReturnType<typeof createFakeUpdater>;

/** Makes `require('electron')` (and `require('electron-updater')`) return the fakes until the returned function is called. */
export function installFakeElectron(fake: FakeElectron, updater: FakeUpdater = createFakeUpdater()): () => void {
  const moduleWithLoad = Module as unknown as { _load: Loader };
  const original = moduleWithLoad._load;
  moduleWithLoad._load = function load(request, parent, isMain) {
    if (request === 'electron') return fake.electron;
    if (request === 'electron-updater') return updater.module;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    moduleWithLoad._load = original;
  };
}
