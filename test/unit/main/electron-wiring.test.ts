import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Result } from '../../../shared/errors';
import type { MailbagApi } from '../../../shared/ipc/api';
import { EVENT_CHANNEL, OPERATION_NAMES, operationChannel } from '../../../shared/ipc/names';
import type * as MenuModule from '../../../electron/main/menu';
import { hidesOnClose } from '../../../electron/main/close-to-tray';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { createFakeElectron, createFakeUpdater, FakeTray, installFakeElectron, type FakeElectron, type FakeUpdater } from '../../fakes/electron';

const english = createTranslator('en').t;
const TRUSTED = { url: 'app://mailbag/index.html', parent: null };
const FIRST_LAUNCH_LINK = 'mailto:ann@example.com?subject=First%20launch';
let userData: string;
let fake: FakeElectron;
let uninstall: () => void;
let updater: FakeUpdater;

async function callHandler(operation: string, senderFrame: unknown, input?: unknown): Promise<Result<unknown>> {
  const handler = fake.ipcHandlers.get(operation);
  assert.ok(handler, `no handler for ${operation}`);
  return (await handler({ senderFrame, sender: {} }, input)) as Result<unknown>;
}

before(async () => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'mailbag-electron-'));
  fake = createFakeElectron(userData);
  // The installed app, started by the system for a mailto: link among Chromium's own switches.
  fake.electron.app.isPackaged = true;
  process.argv.push('--no-sandbox', FIRST_LAUNCH_LINK);
  updater = createFakeUpdater();
  uninstall = installFakeElectron(fake, updater);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  require('../../../electron/main/index');
  for (let attempt = 0; attempt < 200 && fake.windows.length === 0; attempt += 1) await delay(10);
  assert.equal(fake.windows.length, 1, 'the main process did not open its window');
  process.argv.splice(process.argv.indexOf(FIRST_LAUNCH_LINK) - 1, 2);
});

after(() => {
  uninstall();
  rmSync(userData, { recursive: true, force: true });
});

test('every contract operation has exactly one IPC handler', () => {
  assert.deepEqual([...fake.ipcHandlers.keys()].sort(), OPERATION_NAMES.map(operationChannel).sort());
});

test('requests from anything but the app’s own top frame are refused before any handler runs', async () => {
  const channel = operationChannel('updateSettings');
  const strangers = [
    { url: 'https://evil.example/', parent: null },
    { url: 'app://mailbag/index.html', parent: TRUSTED },
    { url: 'file:///tmp/index.html', parent: null },
    { url: 'not a url', parent: null },
    null,
  ];
  for (const frame of strangers) {
    const result = await callHandler(channel, frame, { appearance: 'dark' });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'FORBIDDEN_SENDER');
  }
  const settings = await callHandler(operationChannel('getSettings'), TRUSTED);
  assert.equal(settings.ok && (settings.value as { appearance: string }).appearance, 'system');
});

test('bad input gets a validation error as data', async () => {
  const channel = operationChannel('updateSettings');
  for (const input of [{ appearance: 'purple' }, { checkIntervalMinutes: -1 }, { unknownKey: true }, 'dark', null]) {
    const result = await callHandler(channel, TRUSTED, input);
    assert.equal(result.ok, false, JSON.stringify(input));
    assert.equal(!result.ok && result.error.code, 'VALIDATION');
  }
  const link = await callHandler(operationChannel('openExternalLink'), TRUSTED, { url: 'javascript:alert(1)' });
  assert.equal(!link.ok && link.error.code, 'VALIDATION');
  assert.deepEqual(fake.opened, []);
});

test('the profile comes from userData and the app reports itself as Electron', async () => {
  const result = await callHandler(operationChannel('getAppInfo'), TRUSTED);
  assert.ok(result.ok);
  const info = result.value as { profileDir: string; transport: string; accountCount: number };
  assert.equal(info.profileDir, userData);
  assert.equal(info.transport, 'electron');
  assert.equal(info.accountCount, 0);
});

test('the window is created hardened and loads the app origin', () => {
  const [window] = fake.windows;
  assert.ok(window);
  const preferences = window.options['webPreferences'] as Record<string, unknown>;
  assert.equal(preferences['contextIsolation'], true);
  assert.equal(preferences['sandbox'], true);
  assert.equal(preferences['nodeIntegration'], false);
  assert.equal(preferences['nodeIntegrationInSubFrames'], false);
  assert.equal(preferences['webSecurity'], true);
  assert.equal(preferences['webviewTag'], false);
  assert.equal(path.basename(String(preferences['preload'])), 'preload.cjs');
  assert.equal(window.webContents.loadedUrl, 'app://mailbag/index.html');
});

test('navigation, new windows, webviews and permissions are all denied', async () => {
  const [window] = fake.windows;
  assert.ok(window);
  const contents = window.webContents;
  assert.equal(contents.emitPreventable('will-navigate', { url: 'https://example.com/' }), true);
  assert.equal(contents.emitPreventable('will-frame-navigate', { url: 'https://example.com/', isMainFrame: false }), true);
  assert.equal(contents.emitPreventable('will-frame-navigate', { url: 'app://mailbag/x', isMainFrame: true }), true);
  assert.equal(contents.emitPreventable('will-frame-navigate', { url: 'about:srcdoc', isMainFrame: false }), false);
  assert.equal(contents.emitPreventable('will-attach-webview', {}), true);

  assert.ok(contents.windowOpenHandler);
  assert.deepEqual(contents.windowOpenHandler({ url: 'https://example.com/page' }), { action: 'deny' });
  assert.deepEqual(contents.windowOpenHandler({ url: 'file:///etc/passwd' }), { action: 'deny' });
  assert.deepEqual(contents.windowOpenHandler({ url: 'javascript:alert(1)' }), { action: 'deny' });
  await delay(0);
  assert.deepEqual(fake.opened, ['https://example.com/page'], 'only the http link goes to the system browser');

  const answers: boolean[] = [];
  fake.permission.request?.({}, 'notifications', (granted: unknown) => answers.push(granted === true));
  fake.permission.request?.({}, 'media', (granted: unknown) => answers.push(granted === true));
  assert.deepEqual(answers, [false, false]);
  assert.equal(fake.permission.check?.({}, 'clipboard-read'), false);
});

test('the app scheme is privileged and serves the built renderer with the CSP', async () => {
  assert.deepEqual(
    fake.privilegedSchemes.map((scheme) => (scheme as { scheme: string }).scheme),
    ['app'],
  );
  const serve = fake.protocolHandler();
  assert.ok(serve);
  const page = await serve({ url: 'app://mailbag/index.html' });
  assert.equal(page.status, 200, 'out/renderer/index.html is missing: run `npm run build` first');
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /script-src[^;]*unsafe-inline|unsafe-eval/);
  assert.equal((await serve({ url: 'app://mailbag/../../package.json' })).status, 404);
  assert.equal((await serve({ url: 'app://mailbag/%2e%2e/%2e%2e/package.json' })).status, 404);
  assert.equal((await serve({ url: 'app://other/index.html' })).status, 404);
});

test('the preload exposes exactly the contract and reaches main through IPC', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  require('../../../electron/preload/index');
  const api = fake.exposed.get('mailbag') as MailbagApi;
  assert.ok(api, 'nothing was exposed as window.mailbag');
  assert.deepEqual(Object.keys(api).sort(), [...OPERATION_NAMES, 'on'].sort());
  assert.equal(Object.isFrozen(api), true);

  const info = await api.getAppInfo();
  assert.equal(info.ok && info.value.transport, 'electron');

  const seen: string[] = [];
  const unsubscribe = api.on('settingsChanged', (settings) => seen.push(settings.appearance));
  const [window] = fake.windows;
  assert.ok(window);
  const before = window.webContents.sent.length;
  const updated = await api.updateSettings({ appearance: 'dark' });
  assert.equal(updated.ok && updated.value.appearance, 'dark');
  const pushed = window.webContents.sent.slice(before).filter((message) => message.channel === EVENT_CHANNEL);
  assert.equal(pushed.length, 1, 'main pushes settingsChanged to the window');
  fake.deliverToRenderer(EVENT_CHANNEL, ...(pushed[0]?.args ?? []));
  assert.deepEqual(seen, ['dark']);

  unsubscribe();
  assert.equal(fake.rendererListenerCount(EVENT_CHANNEL), 0);
  assert.throws(() => api.on('noSuchEvent' as 'settingsChanged', () => {}), /Unknown event/);
});

test('a message opens in a window of its own, hardened like the main window and loading the app page for that message', async () => {
  const before = fake.windows.length;
  const result = await callHandler(operationChannel('openMessageWindow'), TRUSTED, { id: 42 });
  assert.deepEqual(result, { ok: true, value: { opened: true } });
  assert.equal(fake.windows.length, before + 1);
  const window = fake.windows[fake.windows.length - 1];
  assert.ok(window);
  const preferences = window.options['webPreferences'] as Record<string, unknown>;
  assert.equal(preferences['sandbox'], true);
  assert.equal(preferences['contextIsolation'], true);
  assert.equal(preferences['nodeIntegration'], false);
  assert.equal(window.webContents.loadedUrl, 'app://mailbag/index.html?message=42');
  assert.ok(window.webContents.windowOpenHandler, 'new windows from it are denied too');
  assert.equal(window.webContents.emitPreventable('will-navigate', { url: 'https://example.com/' }), true);
  const refused = await callHandler(operationChannel('openMessageWindow'), { url: 'about:srcdoc', parent: TRUSTED }, { id: 42 });
  assert.equal(refused.ok, false, 'a message frame cannot open windows');
  assert.equal(fake.windows.length, before + 1);
});

test('a right-clicked link in a message frame offers to open it in the browser (checked) or to copy its address', async () => {
  const [window] = fake.windows;
  assert.ok(window);
  const popupsBefore = fake.popups.length;
  window.webContents.emit('context-menu', { preventDefault: () => undefined }, { linkURL: '', x: 1, y: 1 });
  assert.equal(fake.popups.length, popupsBefore, 'no menu away from links');

  window.webContents.emit('context-menu', { preventDefault: () => undefined }, { linkURL: 'https://example.com/plans?a=1', x: 1, y: 1 });
  const menu = fake.popups.at(-1);
  assert.ok(menu);
  assert.deepEqual(
    menu.map((item) => item.label),
    ['Open link in browser', 'Copy link address'],
  );
  menu[0]?.click?.();
  menu[1]?.click?.();
  await delay(0);
  assert.equal(fake.opened.at(-1), 'https://example.com/plans?a=1');
  assert.equal(fake.copied.at(-1), 'https://example.com/plans?a=1');

  const openedBefore = fake.opened.length;
  window.webContents.emit('context-menu', { preventDefault: () => undefined }, { linkURL: 'javascript:alert(1)', x: 1, y: 1 });
  const unsafe = fake.popups.at(-1);
  assert.equal(unsafe?.[0]?.enabled, false, 'a script link cannot be opened');
  unsafe?.[0]?.click?.();
  await delay(0);
  assert.equal(fake.opened.length, openedBefore);
});

test('outside macOS, Ctrl+Q is left to the mail window (Outlook marks read with it): Quit is on Alt+F4', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  const { buildApplicationMenu } = require('../../../electron/main/menu') as typeof MenuModule;
  type Template = { template: Array<{ label?: string; submenu?: Array<{ role?: string; accelerator?: string }> }> };
  const quitOf = (platform: NodeJS.Platform) =>
    (buildApplicationMenu({ t: english, showAbout: () => undefined }, platform) as unknown as Template).template
      .find((item) => item.label === '&File')
      ?.submenu?.at(-1);
  assert.deepEqual(quitOf('linux'), { role: 'quit', label: 'Quit', accelerator: 'Alt+F4' });
  assert.deepEqual(quitOf('win32'), { role: 'quit', label: 'Quit', accelerator: 'Alt+F4' });
  assert.deepEqual(quitOf('darwin'), { role: 'close', label: 'Close window' }, 'macOS keeps its own Cmd+Q in the app menu');
});

test('View → Conversations is ticked as the setting says and switches it', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  const { buildApplicationMenu } = require('../../../electron/main/menu') as typeof MenuModule;
  type Item = { label?: string; type?: string; checked?: boolean; click?: () => void; submenu?: Item[] };
  let toggled = 0;
  const itemOf = (on: boolean) =>
    (
      buildApplicationMenu({ t: english, showAbout: () => undefined, conversations: { on, toggle: () => (toggled += 1) } }, 'linux') as unknown as {
        template: Item[];
      }
    ).template
      .find((item) => item.label === '&View')
      ?.submenu?.find((item) => item.label === '&Conversations');
  assert.equal(itemOf(true)?.type, 'checkbox');
  assert.equal(itemOf(true)?.checked, true);
  assert.equal(itemOf(false)?.checked, false);
  itemOf(false)?.click?.();
  assert.equal(toggled, 1);
});

type MenuEntry = { id?: string; label?: string; role?: string; accelerator?: string; registerAccelerator?: boolean; click?: () => void; submenu?: MenuEntry[] };

/** The menu main set as the application menu, as its template. */
function applicationTemplate(): MenuEntry[] {
  return (fake.applicationMenu() as { template: MenuEntry[] }).template;
}

function menuOf(template: MenuEntry[], label: string): MenuEntry[] {
  const menu = template.find((item) => item.label === label)?.submenu;
  assert.ok(menu, `no ${label} menu`);
  return menu;
}

test('the application menu has File, Edit, View, Message and Tools with the mail commands and the Outlook preset’s keys', () => {
  const template = applicationTemplate();
  assert.deepEqual(
    template.map((item) => item.label ?? item.role),
    ['&File', '&Edit', '&View', '&Message', '&Tools', '&Window', '&Help'],
  );
  const commands = (label: string) =>
    menuOf(template, label)
      .filter((item) => item.id !== undefined)
      .map((item) => [item.id, item.accelerator ?? null]);
  assert.deepEqual(commands('&File'), [
    ['new', 'CmdOrCtrl+N'],
    ['import', null],
  ]);
  assert.deepEqual(commands('&Edit'), [['search', 'CmdOrCtrl+E']]);
  assert.deepEqual(commands('&Message'), [
    ['reply', 'CmdOrCtrl+R'],
    ['reply-all', 'CmdOrCtrl+Shift+R'],
    ['forward', 'CmdOrCtrl+F'],
    ['mark-read', 'CmdOrCtrl+Q'],
    ['mark-unread', 'CmdOrCtrl+U'],
    ['toggle-flag', 'Insert'],
    ['junk', null],
    ['not-junk', null],
    ['move', 'CmdOrCtrl+Shift+V'],
    ['copy', null],
    ['delete', 'Delete'],
  ]);
  assert.deepEqual(commands('&Tools'), [
    ['send-receive', 'F9'],
    ['settings', null],
  ]);
  // The window's own shortcuts run the keys: the menu only shows them, so Delete in a text field stays the field's.
  for (const item of [...menuOf(template, '&File'), ...menuOf(template, '&Message'), ...menuOf(template, '&Tools')])
    if (item.accelerator !== undefined && item.role === undefined) assert.equal(item.registerAccelerator, false, item.id);
});

test('clicking a menu command sends it to the window through the event channel', () => {
  const [window] = fake.windows;
  assert.ok(window);
  for (const [menu, id] of [
    ['&Message', 'reply'],
    ['&Tools', 'send-receive'],
    ['&File', 'import'],
    ['&Tools', 'settings'],
  ] as const) {
    const before: number = window.webContents.sent.length;
    const item = menuOf(applicationTemplate(), menu).find((entry) => entry.id === id);
    assert.ok(item?.click, `${menu} has no ${id}`);
    item.click();
    const pushed: Array<{ channel: string; args: unknown[] }> = window.webContents.sent.slice(before).filter((message) => message.channel === EVENT_CHANNEL);
    assert.deepEqual(
      pushed.map((message) => message.args),
      [['windowCommand', { command: id }]],
    );
  }
});

test('with the Thunderbird preset the menu shows Thunderbird’s keys, rebuilt when the setting changes', async () => {
  const changed = await callHandler(operationChannel('updateSettings'), TRUSTED, { keyboardPreset: 'thunderbird' });
  assert.equal(changed.ok, true);
  const keyOf = (menu: string, id: string) => menuOf(applicationTemplate(), menu).find((item) => item.id === id)?.accelerator;
  assert.equal(keyOf('&Message', 'forward'), 'CmdOrCtrl+L');
  assert.equal(keyOf('&Message', 'toggle-read'), 'M');
  assert.equal(keyOf('&Message', 'junk'), 'J');
  assert.equal(keyOf('&Message', 'mark-read'), undefined, 'one toggle instead of read and unread');
  assert.equal(keyOf('&Edit', 'search'), 'CmdOrCtrl+K');
  await callHandler(operationChannel('updateSettings'), TRUSTED, { keyboardPreset: 'outlook' });
  assert.equal(keyOf('&Message', 'forward'), 'CmdOrCtrl+F');
});

test('the menus speak the language chosen in Settings, rebuilt at once without a restart', async () => {
  const [window] = fake.windows;
  assert.ok(window);
  assert.equal((await callHandler(operationChannel('updateSettings'), TRUSTED, { language: 'de' })).ok, true);
  const template = applicationTemplate();
  assert.deepEqual(
    template.map((item) => item.label),
    ['&Datei', '&Bearbeiten', '&Ansicht', '&Nachricht', '&Extras', '&Fenster', '&Hilfe'],
  );
  const labelOf = (menu: string, id: string) => menuOf(template, menu).find((item) => item.id === id)?.label;
  assert.equal(labelOf('&Datei', 'new'), '&Neue Nachricht');
  assert.equal(labelOf('&Nachricht', 'reply-all'), 'Allen a&ntworten');
  assert.equal(labelOf('&Extras', 'send-receive'), '&Senden/Empfangen');
  // Electron names its roles in English: Mailbag names them itself.
  assert.deepEqual(
    menuOf(template, '&Bearbeiten').map((item) => item.label ?? item.role),
    ['Rückgängig', 'Wiederholen', undefined, 'Ausschneiden', 'Kopieren', 'Einfügen', 'Alles auswählen', undefined, 'E-Mails &suchen'],
  );
  assert.equal(menuOf(template, '&Datei').at(-1)?.label, 'Beenden');
  assert.equal(menuOf(template, '&Hilfe')[0]?.label, 'Über Mailbag');
  // The link menu of a message is built when it opens, in the language of that moment.
  window.webContents.emit('context-menu', { preventDefault: () => undefined }, { linkURL: 'https://example.com/', x: 1, y: 1 });
  assert.deepEqual(
    fake.popups.at(-1)?.map((item) => item.label),
    ['Link im Browser öffnen', 'Linkadresse kopieren'],
  );
  assert.equal((await callHandler(operationChannel('updateSettings'), TRUSTED, { language: 'ar' })).ok, true);
  assert.equal(applicationTemplate()[0]?.label, '&ملف');
  assert.equal((await callHandler(operationChannel('updateSettings'), TRUSTED, { language: null })).ok, true);
  assert.equal(applicationTemplate()[0]?.label, '&File', 'back to the system’s language (English here)');
});

test('the installed app asks to become the mailto: handler, registers on consent, and keeps the first launch’s link for the window', async () => {
  for (let attempt = 0; attempt < 200 && fake.protocolClients.length === 0; attempt += 1) await delay(5);
  const question = fake.electron.dialog.shown[0] as { message: string; checkboxLabel: string };
  assert.equal(question.message, 'Make Mailbag your default mail program?');
  assert.equal(question.checkboxLabel, 'Always check at startup');
  assert.deepEqual(fake.protocolClients, ['mailto'], 'registered after "Make default"');
  assert.deepEqual(await callHandler(operationChannel('getDefaultMailHandler'), TRUSTED), { ok: true, value: { available: true, isDefault: true } });
  assert.deepEqual(await callHandler(operationChannel('makeDefaultMailHandler'), TRUSTED), { ok: true, value: { available: true, isDefault: true } });
  assert.deepEqual(fake.protocolClients, ['mailto'], 'already the handler: not registered again');
  fake.protocolClients.length = 0; // another program took the links over
  assert.deepEqual(await callHandler(operationChannel('getDefaultMailHandler'), TRUSTED), { ok: true, value: { available: true, isDefault: false } });
  assert.deepEqual(await callHandler(operationChannel('makeDefaultMailHandler'), TRUSTED), { ok: true, value: { available: true, isDefault: true } });
  assert.deepEqual(fake.protocolClients, ['mailto'], 'the button registers it');
  const bad = await callHandler(operationChannel('makeDefaultMailHandler'), TRUSTED, { scheme: 'https' });
  assert.equal(!bad.ok && bad.error.code, 'VALIDATION');
  assert.deepEqual(await callHandler(operationChannel('takeMailtoLinks'), TRUSTED), { ok: true, value: { urls: [FIRST_LAUNCH_LINK] } });
  assert.deepEqual(await callHandler(operationChannel('takeMailtoLinks'), TRUSTED), { ok: true, value: { urls: [] } }, 'taken once');
  const stranger = await callHandler(operationChannel('takeMailtoLinks'), { url: 'about:srcdoc', parent: TRUSTED });
  assert.equal(!stranger.ok && stranger.error.code, 'FORBIDDEN_SENDER');
});

test('a second instance’s mailto: argument and macOS’s open-url reach the window; other arguments never do', async () => {
  const [window] = fake.windows;
  assert.ok(window);
  const before: number = window.webContents.sent.length;
  fake.appEvents.emit(
    'second-instance',
    {},
    ['/opt/Mailbag/mailbag', '--enable-features=X', 'file:///etc/passwd', 'mailto:bob@example.com?attach=/etc/passwd'],
    '/home/u',
  );
  let prevented = false;
  fake.appEvents.emit('open-url', { preventDefault: () => (prevented = true) }, 'mailto:carol@example.com');
  fake.appEvents.emit('open-url', { preventDefault: () => undefined }, 'https://example.com/');
  assert.equal(prevented, true, 'macOS is told the link was handled');
  const pushed: Array<{ channel: string; args: unknown[] }> = window.webContents.sent.slice(before).filter((message) => message.channel === EVENT_CHANNEL);
  assert.deepEqual(
    pushed.map((message) => message.args),
    [
      ['windowCommand', { command: 'mailto' }],
      ['windowCommand', { command: 'mailto' }],
    ],
  );
  assert.deepEqual(await callHandler(operationChannel('takeMailtoLinks'), TRUSTED), {
    ok: true,
    value: { urls: ['mailto:bob@example.com?attach=/etc/passwd', 'mailto:carol@example.com'] },
  });
});

test('without an update feed the updater is never touched; with one it is pointed at the feed and checks', async () => {
  assert.equal(updater.accesses(), 0, 'electron-updater is not even asked for its autoUpdater');
  assert.deepEqual(updater.calls, []);
  for (const feed of [
    'http://updates.example.com/',
    'file:///tmp/feed',
    'https://user:pw@updates.example.com/',
    'javascript:alert(1)',
    'updates.example.com',
  ]) {
    const refused = await callHandler(operationChannel('updateSettings'), TRUSTED, { updateFeedUrl: feed });
    assert.equal(!refused.ok && refused.error.code, 'VALIDATION', feed);
  }
  assert.equal(updater.accesses(), 0);

  const feed = 'https://updates.example.com/mailbag/';
  const saved = await callHandler(operationChannel('updateSettings'), TRUSTED, { updateFeedUrl: feed });
  assert.equal(saved.ok, true);
  assert.deepEqual(updater.calls, [{ method: 'setFeedURL', argument: { provider: 'generic', url: feed } }, { method: 'checkForUpdates' }]);
  assert.equal(updater.autoUpdater.autoDownload, true);
  assert.equal(updater.autoUpdater.autoInstallOnAppQuit, true, 'an update not restarted into is installed on quit');
  await callHandler(operationChannel('updateSettings'), TRUSTED, { appearance: 'light' });
  assert.equal(updater.calls.length, 2, 'other settings do not check again');
});

test('a downloaded update is announced and, when the user chooses Restart now, installed', async () => {
  const dialogs = fake.electron.dialog.shown.length;
  updater.emit('update-downloaded', { version: '9.9.9' });
  for (let attempt = 0; attempt < 100 && !updater.calls.some((call) => call.method === 'quitAndInstall'); attempt += 1) await delay(5);
  const box = fake.electron.dialog.shown[dialogs] as { message: string; buttons: string[] };
  assert.match(box.message, /Mailbag 9\.9\.9 has been downloaded/);
  assert.deepEqual(box.buttons, ['Restart now', 'Later']);
  assert.deepEqual(updater.calls.at(-1), { method: 'quitAndInstall' });
  await callHandler(operationChannel('updateSettings'), TRUSTED, { updateFeedUrl: null });
});

test('a downloaded update is asked about in the chosen language', async () => {
  assert.equal((await callHandler(operationChannel('updateSettings'), TRUSTED, { language: 'fr' })).ok, true);
  const dialogs = fake.electron.dialog.shown.length;
  const quits = updater.calls.filter((call) => call.method === 'quitAndInstall').length;
  updater.emit('update-downloaded', { version: '9.9.8' });
  for (let attempt = 0; attempt < 100 && fake.electron.dialog.shown.length === dialogs; attempt += 1) await delay(5);
  const box = fake.electron.dialog.shown[dialogs] as { title: string; message: string; buttons: string[] };
  assert.equal(box.title, 'Mise à jour prête');
  assert.equal(box.message, 'Mailbag 9.9.8 a été téléchargé.');
  assert.deepEqual(box.buttons, ['Redémarrer maintenant', 'Plus tard']);
  for (let attempt = 0; attempt < 100 && updater.calls.filter((call) => call.method === 'quitAndInstall').length === quits; attempt += 1) await delay(5);
  assert.equal((await callHandler(operationChannel('updateSettings'), TRUSTED, { language: null })).ok, true);
});

test('with the tray icon on, closing the window hides it in the tray; the tray’s click shows it; Quit really quits', async () => {
  const window = fake.windows[0];
  assert.ok(window);
  const tray = async (on: boolean) => assert.equal((await callHandler(operationChannel('updateSettings'), TRUSTED, { trayIcon: on })).ok, true);
  await tray(true);
  const icon = FakeTray.created.at(-1);
  assert.ok(icon && !icon.destroyed, 'the tray icon is shown');
  window.close();
  assert.equal(window.closed, false, 'the window is not closed');
  assert.equal(window.isVisible(), false, 'it is hidden');
  assert.equal(window.showCalls.at(-1), 'hide');
  icon.emit('click');
  assert.equal(window.isVisible(), true, 'the tray’s click shows it again');
  assert.equal(hidesOnClose({ trayIcon: true }, 'darwin', false), false, 'macOS keeps its own rule');
  assert.equal(hidesOnClose({ trayIcon: false }, 'win32', false), false, 'without the tray icon the window closes');

  let quit = false;
  fake.appEvents.once('quit', () => (quit = true));
  const quitItem = icon.menu.find((item) => item.label === 'Quit');
  quitItem?.click?.();
  assert.equal(quit, true, 'Quit in the tray quits');
  window.close();
  assert.equal(window.closed, true, 'once quitting, the window really closes');
  await tray(false);
});
