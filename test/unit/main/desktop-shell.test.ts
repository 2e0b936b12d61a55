/**
 * The desktop shell on the fake electron module with a real core: a real Send/Receive from the fake POP3
 * server raises the notification, whose click opens the message that arrived; the badge and the tray
 * tooltip count it; the tray icon and the login item follow the settings.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mainTranslator } from '../../../electron/main/locale';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import type * as ShellModule from '../../../electron/main/desktop-shell';
import { silentLogger } from '../../../electron/services/logger';
import type { MailCommand } from '../../../shared/window-commands';
import { createFakeElectron, FakeBrowserWindow, FakeTray, installFakeElectron, shownNotifications, type FakeElectron } from '../../fakes/electron';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { crlf, openMailFixture, startServer, type MailFixture } from './mail-fixture';

let scratch: string;
let fake: FakeElectron;
let uninstall: () => void;
let fixture: MailFixture;
let server: FakePop3Server;
const window = new FakeBrowserWindow({});
const commands: MailCommand[] = [];
const openedMessages: number[] = [];
let shown = 0;

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-shell-'));
  fake = createFakeElectron(path.join(scratch, 'userData'));
  fake.electron.app.setPath('appData', path.join(scratch, 'config'));
  uninstall = installFakeElectron(fake);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  const { startDesktopShell } = require('../../../electron/main/desktop-shell') as typeof ShellModule;
  fixture = await openMailFixture();
  server = await startServer([
    { uid: 'u1', body: crlf(['From: Bob <bob@example.com>', 'To: ann@example.com', 'Subject: =?UTF-8?B?16nXnNeV150=?= hello', '', 'Hi Ann']) },
  ]);
  startDesktopShell({
    core: fixture.core,
    logger: silentLogger,
    iconDir: '/app/build/icons',
    mainWindow: () => window as unknown as BrowserWindow,
    showMainWindow: () => (shown += 1),
    openMessageWindow: (messageId) => openedMessages.push(messageId),
    runCommand: (command) => commands.push(command),
    translate: () => mainTranslator(fixture.core.settings.get().language, ['en-US']).t,
  });
});

after(async () => {
  await fixture?.dispose();
  await server?.close();
  uninstall();
  rmSync(scratch, { recursive: true, force: true });
});

test('no tray icon and no login item until the settings ask for them', () => {
  assert.equal(FakeTray.created.length, 0);
  assert.deepEqual(fake.electron.app.loginItems, []);
  assert.equal(existsSync(path.join(scratch, 'config', 'autostart')), false);
});

test('the tray icon appears with the setting, with Send/Receive, New message and Quit', async () => {
  await fixture.value('updateSettings', { trayIcon: true });
  const [tray] = FakeTray.created;
  assert.ok(tray);
  assert.equal(tray.image.path, '/app/build/icons/32x32.png');
  assert.equal(tray.tooltip, 'Mailbag');
  assert.deepEqual(
    tray.menu.map((item) => item.label),
    ['Send/Receive', 'New message', undefined, 'Quit'],
  );
  tray.menu[0]?.click?.();
  tray.menu[1]?.click?.();
  assert.deepEqual(commands, ['send-receive', 'new']);
  let quit = false;
  fake.appEvents.once('quit', () => (quit = true));
  tray.menu[3]?.click?.();
  assert.equal(quit, true);
  tray.emit('click');
  assert.equal(shown, 1, 'a click on the icon shows the window');
});

test('new mail is notified; clicking the notification opens that message; badge and tooltip count it', async () => {
  const accountId = await fixture.addAccount(server, {});
  const before = shownNotifications.length;
  await fixture.value('startSendReceive', { accountId });
  await fixture.waitFor('newMail');
  const notification = shownNotifications.at(-1);
  assert.equal(shownNotifications.length, before + 1);
  assert.deepEqual({ title: notification?.title, body: notification?.body }, { title: 'New mail', body: '1 new message for Home.' });
  const inbox = fixture.core.store.listFolders(accountId).find((folder) => folder.role === 'inbox');
  assert.ok(inbox);
  const [message] = fixture.core.store.listMessages(inbox.id).messages;
  assert.ok(message);
  assert.deepEqual(openedMessages, []);
  notification?.click();
  assert.deepEqual(openedMessages, [message.id]);
  assert.equal(fake.electron.app.badgeCount, 1, 'the launcher badge (Linux here)');
  assert.equal(FakeTray.created[0]?.tooltip, 'Mailbag — 1 unread message');
});

test('the tray’s menu and tooltip follow the language chosen in Settings, without a restart', async () => {
  const tray = FakeTray.created[0];
  assert.ok(tray && !tray.destroyed);
  await fixture.value('updateSettings', { language: 'de' });
  assert.deepEqual(
    tray.menu.map((item) => item.label),
    ['Senden/Empfangen', 'Neue Nachricht', undefined, 'Beenden'],
  );
  assert.equal(tray.tooltip, 'Mailbag — 1 ungelesene Nachricht');
  await fixture.value('updateSettings', { language: 'ar' });
  assert.equal(tray.menu[0]?.label, 'إرسال/استلام');
  await fixture.value('updateSettings', { language: null });
  assert.equal(tray.menu[3]?.label, 'Quit');
});

test('the tray icon goes with the setting; start at login writes and removes the autostart entry', async () => {
  await fixture.value('updateSettings', { trayIcon: false });
  assert.equal(FakeTray.created[0]?.destroyed, true);
  await fixture.value('updateSettings', { startAtLogin: true });
  const file = path.join(scratch, 'config', 'autostart', 'mailbag.desktop');
  for (let attempt = 0; attempt < 100 && !existsSync(file); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.match(readFileSync(file, 'utf8'), /^Exec=".+" ".+"$/m, 'the program, and the app folder outside a package');
  await fixture.value('updateSettings', { startAtLogin: false });
  for (let attempt = 0; attempt < 100 && existsSync(file); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(existsSync(file), false);
});
