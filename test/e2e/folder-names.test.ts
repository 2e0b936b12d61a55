/**
 * The built-in folders in the user's language, against a real account (its password checked by a real
 * Dovecot): in German and in Arabic the folder pane names Inbox, Drafts, Outbox, Sent, Trash and Junk
 * as Thunderbird and Outlook do, by the folder's role, and so do the list's heading, the folder's menu
 * and the status line; a folder the user called "Inbox" inside another folder, and one called "Trash"
 * in Local Folders, keep the names they were given.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { createTranslator, type Translate } from '../../shared/i18n/catalogs';
import { pickLocale, type Locale } from '../../shared/i18n/locales';
import type { MessageId } from '../../shared/i18n/messages-en';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { clippedText, unmarkedText } from './support/visible-text';

/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
/** The built-in folders' catalog messages, in the pane's order. */
const SPECIAL: readonly MessageId[] = [
  'folder.special.inbox',
  'folder.special.drafts',
  'folder.special.outbox',
  'folder.special.sent',
  'folder.special.trash',
  'folder.special.junk',
];
/** The names the store keeps for them, which a window in another language must not show. */
const STORED_NAMES = ['Inbox', 'Drafts', 'Outbox', 'Sent', 'Trash', 'Junk'];

let env: MailEnvironment;

before(async () => {
  env = await startMailEnvironment();
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const projects = await env.client.call('createFolder', { accountId, parentId: null, name: 'Projects' });
  assert.ok(projects.ok);
  const nested = await env.client.call('createFolder', { accountId, parentId: projects.value.id, name: 'Inbox' });
  assert.ok(nested.ok, 'a user folder may be called Inbox inside another folder');
  const local = await env.client.call('createFolder', { accountId: null, parentId: null, name: 'Trash' });
  assert.ok(local.ok, 'a Local Folder may be called Trash');
});

after(async () => {
  await env?.stop();
});

async function setLanguage(language: Locale | null): Promise<void> {
  const result = await env.client.call('updateSettings', { language });
  assert.equal(result.ok, true);
}

/** The names of the folder pane's rows at a level, top to bottom. */
async function namesAtLevel(page: Page, level: number): Promise<string[]> {
  return page.getByRole('tree').locator(`[role="treeitem"][aria-level="${level}"] .tree-name`).allInnerTexts();
}

/** How far a folder's name may sit from its icon: the pane's spacing, not the width of the row. */
const MAX_NAME_GAP_PX = 24;

/** Opens the window in a browser speaking `browserLocale` and checks the pane, the heading, the menu and the status line in its words. */
async function checkLanguage(browserLocale: string, direction: 'ltr' | 'rtl'): Promise<void> {
  const t: Translate = createTranslator(pickLocale([browserLocale])).t;
  const { page, problems } = await env.openPage({ width: 1280, height: 800 }, 'light', browserLocale);
  const tree = page.getByRole('tree', { name: t('folder.pane') });
  await tree.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.evaluate(() => document.documentElement.dir), direction);
  const inbox = tree.getByRole('treeitem', { name: t('folder.special.inbox'), exact: true });
  await inbox.waitFor({ timeout: UI_TIMEOUT_MS });

  // Alice's folders: the six built-in ones by their role in this language, then hers by the names she
  // gave; then Local Folders' own "Trash", the user's folder, with its name as given.
  const top = await namesAtLevel(page, 2);
  assert.deepEqual(top, [...SPECIAL.map((id) => t(id)), 'Projects', 'Trash']);
  for (const stored of STORED_NAMES) assert.ok(!top.slice(0, SPECIAL.length).includes(stored), `${stored} is shown in the window's words, not as stored`);
  // Under Projects, the folder called Inbox is not the Inbox.
  assert.deepEqual(await namesAtLevel(page, 3), ['Inbox']);
  const nested = tree.getByRole('treeitem', { name: 'Inbox', exact: true });
  assert.equal(await nested.count(), 1);
  assert.equal(await nested.getAttribute('aria-level'), '3');
  // A Latin name sits beside its icon, at the row's start, in a right-to-left window too.
  const gap = await nested.evaluate((row) => {
    const name = row.querySelector('.tree-name');
    const icon = row.querySelector('.folder-icon');
    if (name === null || icon === null) return Number.NaN;
    const range = document.createRange();
    range.selectNodeContents(name);
    const text = range.getBoundingClientRect();
    const mark = icon.getBoundingClientRect();
    return document.documentElement.dir === 'rtl' ? mark.left - text.right : text.left - mark.right;
  });
  assert.ok(gap >= 0 && gap < MAX_NAME_GAP_PX, `the name is ${gap}px from its icon`);

  // Chosen, the Inbox names the list; its menu and the refusal to delete it say its name in this language.
  await inbox.click();
  await page
    .locator('.list-title')
    .filter({ hasText: t('mail.folderOfAccount', { folder: t('folder.special.inbox'), account: 'Alice' }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await inbox.click({ button: 'right' });
  await page.getByRole('menu', { name: t('mail.folderActions', { folder: t('folder.special.inbox') }) }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Escape');
  await inbox.focus();
  await page.keyboard.press('Delete');
  await page
    .getByRole('status')
    .filter({ hasText: t('folder.builtInDelete', { name: t('folder.special.inbox') }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // The user's Inbox is an ordinary folder: its list is headed by its own name.
  await nested.click();
  await page
    .locator('.list-title')
    .filter({ hasText: t('mail.folderOfAccount', { folder: 'Inbox', account: 'Alice' }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await assertAccessible(page, `the folder pane in ${browserLocale}`);
  await env.screenshot(page, `folder-names-${browserLocale}`);
  assert.deepEqual(problems, []);
  await page.close();
}

test(
  'in German the built-in folders are Posteingang, Entwürfe, …, by their role; a user folder called Inbox stays Inbox',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  () => checkLanguage('de-DE', 'ltr'),
);

test(
  'in Arabic the built-in folders are named in Arabic, right to left, by their role; a user folder called Inbox stays Inbox',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  () => checkLanguage('ar', 'rtl'),
);

test(
  'in the pseudo-locale the built-in folders’ names come from the catalogs, and no folder’s name is cut at 1024×640',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('en-XA');
    try {
      const t = createTranslator('en-XA').t;
      const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
      await page.waitForFunction(() => document.documentElement.lang === 'en-XA', undefined, { timeout: UI_TIMEOUT_MS });
      const tree = page.getByRole('tree', { name: t('folder.pane') });
      await tree.getByRole('treeitem', { name: t('folder.special.inbox'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
      assert.deepEqual(await namesAtLevel(page, 2), [...SPECIAL.map((id) => t(id)), 'Projects', 'Trash']);
      assert.deepEqual(await unmarkedText(page, '.folder-pane'), [], 'the folder pane');
      assert.deepEqual(await clippedText(page, '.folder-pane'), [], 'clipped text in the folder pane');
      // The names sit in <bdi> (a user's folder name is data), which the general check leaves out: none is cut by its row.
      const cut = await page
        .locator('.folder-pane .tree-folder .tree-name')
        .evaluateAll((names) => names.filter((name) => name.scrollWidth > name.clientWidth + 1).map((name) => name.textContent ?? ''));
      assert.deepEqual(cut, [], 'folder names cut at 1024×640');
      await env.screenshot(page, 'folder-names-pseudo-locale');
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await setLanguage(null);
    }
  },
);
