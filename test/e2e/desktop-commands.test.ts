/**
 * The application menu drives the mail window: the menu main builds (on the fake electron module) is
 * clicked as a person would, its command travels as the `windowCommand` event through the browser
 * bridge, and Chromium shows the window acting on it — Send/Receive fetches a real message from
 * Dovecot, Reply opens compose on it, New message and Settings open theirs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type * as MenuModule from '../../electron/main/menu';
import { createFakeElectron, installFakeElectron } from '../fakes/electron';
import { MAIL_E2E_TIMEOUT_MS, WINDOW_SIZES } from './support/mail-environment';
import { startDesktopWindow, type DesktopWindow } from './support/desktop-window';

const UI_TIMEOUT_MS = 20_000;
/** A subject mixing right-to-left and left-to-right text, as real mail does. */
const SUBJECT = 'תוכנית הרבעון — Quarterly plan';

let desktop: DesktopWindow;
let uninstall: () => void;
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

/** Clicks an item of the application menu main would set, built for the window's settings. */
function clickMenu(menu: string, id: string): void {
  const built = buildApplicationMenu(
    { showAbout: () => undefined, command: (command) => desktop.core.events.emit('windowCommand', { command }), keyboardPreset: 'outlook' },
    'linux',
  ) as unknown as { template: MenuEntry[] };
  const item = built.template.find((entry) => entry.label === menu)?.submenu?.find((entry) => entry.id === id);
  assert.ok(item?.click, `${menu} has no ${id}`);
  item.click();
}

async function closeCompose(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

before(async () => {
  const fake = createFakeElectron('/nonexistent');
  uninstall = installFakeElectron(fake);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
  ({ buildApplicationMenu } = require('../../electron/main/menu') as typeof MenuModule);
  desktop = await startDesktopWindow();
  await desktop.addAccount('alice');
  await desktop.deliver(tallMessage(), 'alice@example.test');
});

after(async () => {
  await desktop?.stop();
  uninstall?.();
});

test('menu commands reach the window: Send/Receive, Reply, New message and Settings', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await desktop.openPage(WINDOW_SIZES[1]);
  const list = page.getByRole('grid', { name: 'Messages' });
  await list.waitFor({ timeout: UI_TIMEOUT_MS });

  clickMenu('&Tools', 'send-receive');
  const row = list.getByRole('row', { name: /Quarterly plan/ });
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
  await page.getByRole('region', { name: 'Reader' }).getByRole('heading', { name: SUBJECT }).waitFor({ timeout: UI_TIMEOUT_MS });

  clickMenu('&Message', 'reply');
  const reply = page.getByRole('dialog', { name: /^Reply: / });
  await reply.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match(await reply.getByLabel('Subject').inputValue(), /^Re: תוכנית הרבעון — Quarterly plan$/);
  await reply.getByRole('list', { name: 'To recipients' }).getByText('bob@example.test').waitFor({ timeout: UI_TIMEOUT_MS });
  await closeCompose(page);

  clickMenu('&File', 'new');
  await page.getByRole('dialog', { name: /^New message/ }).waitFor({ timeout: UI_TIMEOUT_MS });
  await closeCompose(page);

  clickMenu('&Tools', 'settings');
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
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
    const first = page.getByRole('dialog', { name: /^New message/ });
    await first.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await first.getByLabel('Subject').inputValue(), 'שלום Lunch?');
    await first.getByRole('list', { name: 'To recipients' }).getByText('bob@example.test').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await first.getByLabel('Message body').inputValue(), /^Noon\nat the café/);
    assert.equal(await first.getByRole('list', { name: 'Attachments' }).count(), 0, 'attach= never attaches a file');
    await closeCompose(page);

    // A second instance's link reaches the open window.
    assert.equal(desktop.core.mailtoLinks.add('mailto:carol@example.test?cc=dave@example.test&subject=Second'), true);
    const second = page.getByRole('dialog', { name: /^New message/ });
    await second.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await second.getByLabel('Subject').inputValue(), 'Second');
    await second.getByRole('list', { name: 'To recipients' }).getByText('carol@example.test').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(problems, []);
    await page.close();
  },
);
