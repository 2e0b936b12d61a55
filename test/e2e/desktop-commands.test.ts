/**
 * The application menu drives the mail window: the menu main builds (on the fake electron module) is
 * clicked as a person would, its command travels as the `windowCommand` event through the browser
 * bridge, and Chromium shows the window acting on it — Send/Receive fetches a real message from
 * Dovecot, Reply opens compose on it, New message and Settings open theirs. A `mailto:` link opens
 * compose filled, and Settings → Desktop switches the tray icon and the login item of the desktop
 * shell running beside the core.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type * as MenuModule from '../../electron/main/menu';
import type * as ShellModule from '../../electron/main/desktop-shell';
import { silentLogger } from '../../electron/services/logger';
import { createFakeElectron, FakeTray, installFakeElectron } from '../fakes/electron';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, WINDOW_SIZES } from './support/mail-environment';
import { startDesktopWindow, type DesktopWindow } from './support/desktop-window';
import { ANY_TEXT, E2E_LOCALE, ui, uiPattern } from './support/words';
import { createTranslator } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';

const UI_TIMEOUT_MS = 20_000;
/** A subject mixing right-to-left and left-to-right text, as real mail does. */
const SUBJECT = 'תוכנית הרבעון — Quarterly plan';

let desktop: DesktopWindow;
let uninstall: () => void;
/** Where the fake desktop keeps its configuration (the autostart folder is under it). */
let configDir: string;
let buildApplicationMenu: typeof MenuModule.buildApplicationMenu;

type MenuEntry = { id?: string; label?: string; click?: () => void; submenu?: MenuEntry[] };

/** A tall, nested message with a long header, as a list server might send it. */
function tallMessage(): string {
  const lines = Array.from({ length: 400 }, (_, index) => `Line ${index + 1} of the plan. שורה ${index + 1}.`);
  return [
    `From: Bob Example <bob@example.test>`,
    `To: Alice Example <alice@example.test>`,
    `Subject: =?UTF-8?B?${Buffer.from(SUBJECT).toString('base64')}?=`,
    `Message-ID: <plan-${Date.now()}@example.test>`,
    `Date: ${new Date().toUTCString()}`,
    `X-Long: ${'a'.repeat(900)}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...lines,
    '--inner',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `<div dir="rtl">${lines.map((line) => `<p>${line}</p>`).join('')}</div>`,
    '--inner--',
    '--outer--',
    '',
  ].join('\r\n');
}

/** Clicks an item of the application menu main would set, built for the window's settings and the tests' language. */
function clickMenu(menu: MessageId, id: string): void {
  const built = buildApplicationMenu(
    {
      t: createTranslator(E2E_LOCALE).t,
      showAbout: () => undefined,
      command: (command) => desktop.core.events.emit('windowCommand', { command }),
      keyboardPreset: 'outlook',
    },
    'linux',
  ) as unknown as { template: MenuEntry[] };
  const item = built.template.find((entry) => entry.label === ui(menu))?.submenu?.find((entry) => entry.id === id);
  assert.ok(item?.click, `${menu} has no ${id}`);
  item.click();
}

async function closeCompose(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

before(async () => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-config-'));
  const fake = createFakeElectron('/nonexistent');
  fake.electron.app.setPath('appData', configDir);
  uninstall = installFakeElectron(fake);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  ({ buildApplicationMenu } = require('../../electron/main/menu') as typeof MenuModule);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  const { startDesktopShell } = require('../../electron/main/desktop-shell') as typeof ShellModule;
  desktop = await startDesktopWindow();
  startDesktopShell({
    core: desktop.core,
    logger: silentLogger,
    iconDir: '/app/build/icons',
    mainWindow: () => null,
    showMainWindow: () => undefined,
    openMessageWindow: () => undefined,
    runCommand: (command) => desktop.core.events.emit('windowCommand', { command }),
    translate: () => createTranslator(E2E_LOCALE).t,
  });
  await desktop.addAccount('alice');
  await desktop.deliver(tallMessage(), 'alice@example.test');
});

after(async () => {
  await desktop?.stop();
  uninstall?.();
  rmSync(configDir, { recursive: true, force: true });
});

test('menu commands reach the window: Send/Receive, Reply, Mark as unread, New message and Settings', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await desktop.openPage(WINDOW_SIZES[1]);
  const list = page.getByRole('grid', { name: ui('mail.messages') });
  await list.waitFor({ timeout: UI_TIMEOUT_MS });

  clickMenu('menu.tools', 'send-receive');
  const row = list.getByRole('row', { name: /Quarterly plan/ });
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: SUBJECT })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  clickMenu('menu.message', 'reply');
  const reply = page.getByRole('dialog', { name: uiPattern('compose.heading', { title: ui('compose.title.reply'), subject: ANY_TEXT }) });
  await reply.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match(await reply.getByLabel(ui('compose.subject')).inputValue(), /^Re: תוכנית הרבעון — Quarterly plan$/);
  await reply
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('bob@example.test')
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await closeCompose(page);

  // Shown in the reader, the message was marked read; Message → Mark as unread takes that back.
  await waitUntil(() => !unreadInInbox(), 'the shown message marked read');
  clickMenu('menu.message', 'mark-unread');
  await waitUntil(unreadInInbox, 'the message marked unread again');

  clickMenu('menu.file', 'new');
  await page.getByRole('dialog', { name: uiPattern('compose.title.new') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await closeCompose(page);

  clickMenu('menu.tools', 'settings');
  await page.getByRole('heading', { name: ui('toolbar.settings'), level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'a mailto: link from the system opens compose filled, whether it came before the window or while it is open',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    // The first launch's link waits until the window has loaded and takes it.
    assert.equal(
      desktop.core.mailtoLinks.add(
        'mailto:Bob%20Example%20%3Cbob@example.test%3E?subject=%D7%A9%D7%9C%D7%95%D7%9D%20Lunch%3F&body=Noon%0D%0Aat%20the%20caf%C3%A9&attach=%2Fetc%2Fpasswd',
      ),
      true,
    );
    const { page, problems } = await desktop.openPage(WINDOW_SIZES[0]);
    const first = page.getByRole('dialog', { name: uiPattern('compose.title.new') });
    await first.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await first.getByLabel(ui('compose.subject')).inputValue(), 'שלום Lunch?');
    await first
      .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
      .getByText('bob@example.test')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await first.getByLabel(ui('compose.body')).inputValue(), /^Noon\nat the café/);
    assert.equal(await first.getByRole('list', { name: ui('attachments.label') }).count(), 0, 'attach= never attaches a file');
    await closeCompose(page);

    // A second instance's link reaches the open window.
    assert.equal(desktop.core.mailtoLinks.add('mailto:carol@example.test?cc=dave@example.test&subject=Second'), true);
    const second = page.getByRole('dialog', { name: uiPattern('compose.title.new') });
    await second.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await second.getByLabel(ui('compose.subject')).inputValue(), 'Second');
    await second
      .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
      .getByText('carol@example.test')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test(
  'Settings → Desktop switches the tray icon, starting minimised, starting at login, the default-mail check and the update address',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await desktop.openPage(WINDOW_SIZES[0]);
    await page.getByRole('grid', { name: ui('mail.messages') }).waitFor({ timeout: UI_TIMEOUT_MS });
    clickMenu('menu.tools', 'settings');
    await page.getByRole('tab', { name: ui('settings.desktop') }).click();
    const panel = page.getByRole('tabpanel', { name: ui('settings.desktop') });
    const tray = panel.getByRole('checkbox', { name: ui('desktop.trayIcon') });
    const minimised = panel.getByRole('checkbox', { name: ui('desktop.startMinimised') });
    const login = panel.getByRole('checkbox', { name: ui('desktop.startAtLogin') });
    for (const box of [tray, minimised, login]) assert.equal(await box.isChecked(), false);
    await assertAccessible(page, 'Settings → Desktop');
    // Outside the installed app Mailbag cannot become the mail program: the button says so and does nothing.
    const makeDefault = panel.getByRole('button', { name: ui('desktop.makeDefaultMail') });
    await panel.getByText(ui('desktop.defaultMailUnavailable')).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await makeDefault.isDisabled(), true);
    const checkDefault = panel.getByRole('checkbox', { name: ui('desktop.checkDefaultMail') });
    assert.equal(await checkDefault.isChecked(), true, 'on at first');
    await checkDefault.uncheck();
    await waitUntil(() => !desktop.core.settings.get().checkDefaultMailHandler, 'the startup check turned off');

    const autostart = path.join(configDir, 'autostart', 'mailbag.desktop');
    await tray.check();
    await login.check();
    await minimised.check();
    await waitUntil(() => desktop.core.settings.get().startMinimised && existsSync(autostart) && FakeTray.created.length === 1, 'the settings applied');
    assert.match(readFileSync(autostart, 'utf8'), /^Exec=/m);
    assert.equal(FakeTray.created[0]?.destroyed, false);
    assert.equal(FakeTray.created[0]?.tooltip, ui('notice.trayTooltip', { count: 1 }), 'the message received earlier is unread');

    await tray.uncheck();
    await login.uncheck();
    await waitUntil(() => FakeTray.created[0]?.destroyed === true && !existsSync(autostart), 'the tray icon and the autostart entry removed');
    // The update address takes https only; a saved one is what the desktop app checks.
    const feed = panel.getByLabel(ui('desktop.feed'));
    await feed.fill('http://updates.example.com/');
    await panel.getByRole('button', { name: ui('desktop.saveFeed') }).click();
    await panel.getByText(ui('desktop.feedInvalid')).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(desktop.core.settings.get().updateFeedUrl, null);
    await feed.fill('https://updates.example.com/mailbag/');
    await panel.getByRole('button', { name: ui('desktop.saveFeed') }).click();
    await waitUntil(() => desktop.core.settings.get().updateFeedUrl === 'https://updates.example.com/mailbag/', 'the update address saved');
    await assertAccessible(page, 'Settings → Desktop with the update address');

    await page.reload();
    await page.getByRole('grid', { name: ui('mail.messages') }).waitFor({ timeout: UI_TIMEOUT_MS });
    clickMenu('menu.tools', 'settings');
    await page.getByRole('tab', { name: ui('settings.desktop') }).click();
    assert.equal(await page.getByRole('checkbox', { name: ui('desktop.startMinimised') }).isChecked(), true, 'kept in the settings');
    assert.deepEqual(problems, []);
    await page.close();
  },
);

/** Whether Alice's Inbox has unread mail now. */
function unreadInInbox(): boolean {
  return desktop.core.accounts
    .list()
    .flatMap((account) => desktop.core.store.listFolders(account.id))
    .some((folder) => folder.role === 'inbox' && folder.unread > 0);
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
