/**
 * The window's other views in the pseudo-locale and in Arabic: the first-run screen; the reader of a
 * message with an attachment, of one with blocked remote images and of one asking for a read receipt;
 * the menus of a link, a message, the reader and an account; the source; search results with a quick
 * filter and without results; the move and new-folder dialogs; a message in its own window; a folder's
 * menu, rename dialog and delete question; conversations, opened and in the reader;
 * the Contacts view with its form and group editor. In the pseudo-locale every word
 * is accented and bracketed, so text without the marks bypassed the catalogs and a cut bracket is
 * clipped text at 1024×640; in Arabic each view passes axe. Mail comes from a real Postfix and Dovecot.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import type { ContactInput } from '../../shared/contacts';
import { createTranslator, type MessageValues } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import { attachmentMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { launchChromium, watchForProblems } from './support/browser';
import { connectContract, type ContractClient } from './support/contract-client';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { clippedText, unmarkedNames, unmarkedText } from './support/visible-text';
import { startWebApp, type RunningWebApp } from './support/web-app';

const UI_TIMEOUT_MS = 20_000;
const SMALL = WINDOW_SIZES[0];
const ALICE = 'alice@example.test';
const ATTACHED_SUBJECT = 'Quarterly report';
const FOLDER_NAME = 'Projects 2026';
const THREAD_SUBJECT = 'Trip to the mountains';
const RECEIPT_SUBJECT = 'Did the minutes of Thursday’s meeting arrive?';
const REMOTE_SUBJECT = 'Photos from the long weekend by the lake, with the whole family and the neighbours';

type Words = (id: MessageId, values?: MessageValues) => string;
const PSEUDO: Words = createTranslator('en-XA').t;
const ARABIC: Words = createTranslator('ar').t;

type Language = 'ar' | 'en-XA' | null;

/**
 * A whole message of the pseudo-locale framed in its brackets: one made only of its arguments (a file's
 * type and size) has no letters of its own to accent, and the frame shows it came from the catalogs.
 */
const PSEUDO_FRAME = /^\[[^]*~+\]$/;

/** Text and control names under `root` outside the catalogs (the special folders' names excepted), and clipped text. */
async function assertFromCatalogs(page: Page, root: string, what: string): Promise<void> {
  const unmarked = (await unmarkedText(page, root)).filter((text) => !PSEUDO_FRAME.test(text));
  assert.deepEqual(unmarked, [], `${what}: text outside the catalogs`);
  assert.deepEqual(await unmarkedNames(page, root), [], `${what}: control names outside the catalogs`);
  assert.deepEqual(await clippedText(page), [], `${what}: clipped text`);
}

describe('the first-run screen', () => {
  let profileDir: string;
  let app: RunningWebApp;
  let browser: Browser;
  let client: ContractClient;

  before(async () => {
    profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-views-first-run-'));
    app = await startWebApp(profileDir);
    browser = await launchChromium();
    client = await connectContract(app.url);
  });
  after(async () => {
    await client?.close();
    await browser?.close();
    await app?.stop();
    rmSync(profileDir, { recursive: true, force: true });
  });

  async function open(language: Language, words: Words): Promise<{ page: Page; problems: string[] }> {
    assert.equal((await client.call('updateSettings', { language })).ok, true);
    const page = await browser.newPage({ viewport: { width: SMALL.width, height: SMALL.height }, colorScheme: 'light' });
    const problems = watchForProblems(page);
    await page.goto(app.url);
    await page.getByRole('heading', { name: words('firstRun.title') }).waitFor({ timeout: UI_TIMEOUT_MS });
    return { page, problems };
  }

  test('in the pseudo-locale every word of the first-run screen comes from the catalogs, unclipped at 1024×640', async () => {
    const { page, problems } = await open('en-XA', PSEUDO);
    await assertFromCatalogs(page, 'body', 'the first-run screen');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('in Arabic the first-run screen reads right to left and passes axe', async () => {
    const { page, problems } = await open('ar', ARABIC);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await assertAccessible(page, 'the first-run screen in Arabic');
    assert.deepEqual(problems, []);
    await page.close();
    assert.equal((await client.call('updateSettings', { language: null })).ok, true);
  });
});

describe('the mail window’s other views', () => {
  let env: MailEnvironment;

  function contact(displayName: string, address: string): ContactInput {
    return { displayName, firstName: '', lastName: '', addresses: [address], phone: '', notes: '' };
  }

  before(async () => {
    env = await startMailEnvironment();
    const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
    await env.deliver(attachmentMessage(Buffer.from('quarterly numbers\n'.repeat(400))), {
      from: 'carol@example.test',
      to: [ALICE],
    });
    // An HTML message whose remote image is blocked (nothing is fetched: the address is never asked).
    await env.deliver(
      [
        'From: =?UTF-8?B?16DXldei15Qg15zXldeZ?= <noa@example.test>',
        `To: Alice Example <${ALICE}>`,
        `Subject: ${REMOTE_SUBJECT}`,
        'Date: Tue, 3 Mar 2026 10:00:00 +0000',
        'Message-ID: <lake.weekend@example.test>',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<p>${'A long day at the lake. '.repeat(40)}</p><img src="http://127.0.0.1:9/lake.png" alt="the lake">`,
        '',
      ].join('\r\n'),
      { from: 'noa@example.test', to: [ALICE] },
    );
    // A message whose sender asks for a read receipt.
    await env.deliver(
      [
        'From: Dora Example <dora@example.test>',
        `To: Alice Example <${ALICE}>`,
        `Subject: ${RECEIPT_SUBJECT}`,
        'Date: Tue, 3 Mar 2026 11:00:00 +0000',
        'Message-ID: <receipt.views@example.test>',
        'Disposition-Notification-To: Dora Example <dora@example.test>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Did this arrive?',
        '',
      ].join('\r\n'),
      { from: 'dora@example.test', to: [ALICE] },
    );
    // A conversation: a message, its answer, and an answer to that.
    const thread = (id: string, subject: string, from: string, parent: string | null, hour: number): string =>
      [
        `From: ${from}`,
        `To: Alice Example <${ALICE}>`,
        `Subject: ${subject}`,
        `Date: Tue, 3 Mar 2026 ${hour}:00:00 +0000`,
        `Message-ID: <${id}@example.test>`,
        ...(parent === null ? [] : [`In-Reply-To: <${parent}@example.test>`, `References: <${parent}@example.test>`]),
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `${subject}: see you there.`,
        '',
      ].join('\r\n');
    await env.deliver(thread('trip.one', THREAD_SUBJECT, 'Sara Example <sara@example.test>', null, 12), { from: 'sara@example.test', to: [ALICE] });
    await env.deliver(thread('trip.two', `Re: ${THREAD_SUBJECT}`, 'أحمد علي <ahmad@example.test>', 'trip.one', 13), {
      from: 'ahmad@example.test',
      to: [ALICE],
    });
    await env.deliver(thread('trip.three', `Re: ${THREAD_SUBJECT}`, 'Dan Example <dan@example.test>', 'trip.two', 14), {
      from: 'dan@example.test',
      to: [ALICE],
    });
    const started = await env.client.call('startSendReceive', { accountId });
    assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
    await waitFor(async () => {
      const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 50 });
      return list.ok && list.value.total >= 6 && list.value.messages.every((item) => item.indexed);
    }, 'every message received and indexed');
    const projects = await env.client.call('createFolder', { accountId, name: FOLDER_NAME });
    assert.ok(projects.ok, JSON.stringify(projects));
    const people = [contact('Zoë Ünal', 'zoe@example.test'), contact('أحمد علي', 'ahmad@example.test'), contact('שרה כהן', 'sara@example.test')];
    const ids: number[] = [];
    for (const person of people) {
      const saved = await env.client.call('saveContact', { contact: person });
      assert.ok(saved.ok, JSON.stringify(saved));
      ids.push(saved.value.id);
    }
    assert.equal((await env.client.call('saveContactGroup', { name: 'Team', memberIds: ids.slice(0, 2) })).ok, true);
  });
  after(async () => {
    await env?.stop();
  });

  async function open(language: Language, words: Words): Promise<{ page: Page; problems: string[] }> {
    // Each test starts from the plain list, whatever the one before it left.
    assert.equal((await env.client.call('updateSettings', { language, conversations: false })).ok, true);
    const opened = await env.openPage(SMALL);
    await opened.page.getByRole('toolbar', { name: words('toolbar.label') }).waitFor({ timeout: UI_TIMEOUT_MS });
    return opened;
  }

  async function openContacts(page: Page, words: Words): Promise<void> {
    const toolbar = page.getByRole('toolbar', { name: words('toolbar.label') });
    await toolbar.getByRole('button', { name: words('toolbar.moreLabel') }).click();
    await page
      .getByRole('menu', { name: words('toolbar.moreLabel') })
      .getByRole('menuitem', { name: words('toolbar.contacts') })
      .click();
    await page
      .getByRole('main', { name: words('toolbar.contacts') })
      .getByRole('list', { name: words('contacts.groups') })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** Each view of the mail window this file covers, visited in order; `check` runs on each. */
  async function visitViews(page: Page, words: Words, checkOn: (target: Page, root: string, what: string) => Promise<void>): Promise<void> {
    const check = (root: string, what: string): Promise<void> => checkOn(page, root, what);
    const row = (subject: string) => page.locator('.grid-body [role="row"]', { hasText: subject }).first();
    await row(ATTACHED_SUBJECT).waitFor({ timeout: UI_TIMEOUT_MS });

    // A message with an attachment, then one whose remote images were blocked.
    await row(ATTACHED_SUBJECT).click();
    const reader = page.getByRole('region', { name: words('reader.label') });
    await reader.getByRole('heading', { name: ATTACHED_SUBJECT }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page
      .getByRole('region', { name: words('attachments.label') })
      .getByRole('button', { name: words('attachments.saveNamed', { name: 'report.bin' }) })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await check('body', 'the reader with an attachment');
    await row(REMOTE_SUBJECT).click();
    await reader.getByText(words('reader.remoteBlocked')).waitFor({ timeout: UI_TIMEOUT_MS });
    await check('body', 'the reader with remote images blocked');

    // The menu of a link in the text, and the message's own menu in the list.
    await row(ATTACHED_SUBJECT).click();
    const link = reader.getByRole('link', { name: 'https://example.test/report' });
    await link.click({ button: 'right' });
    await page.getByRole('menu', { name: words('menu.linkActions') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="menu"]', 'the link’s menu');
    await page.keyboard.press('Escape');
    await row(ATTACHED_SUBJECT).click({ button: 'right' });
    await page.getByRole('menu', { name: words('mail.messageActions') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="menu"]', 'the message’s menu');
    await page.keyboard.press('Escape');

    // A read receipt asked for.
    await row(RECEIPT_SUBJECT).click();
    await reader.getByRole('group', { name: words('requests.receiptLabel') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await check('body', 'the read-receipt question');

    // The reader's menu, then the message's source.
    await row(REMOTE_SUBJECT).click();
    await reader.getByText(words('reader.remoteBlocked')).waitFor({ timeout: UI_TIMEOUT_MS });
    await reader.getByRole('button', { name: words('readerMenu.label') }).click();
    await page.getByRole('menuitem', { name: words('readerMenu.source') }).waitFor();
    await check('[role="menu"]', 'the reader’s menu');
    await page.getByRole('menuitem', { name: words('readerMenu.source') }).click();
    const source = page.getByRole('dialog', { name: words('source.title') });
    await source.getByLabel(words('source.label')).waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="dialog"]', 'the source dialog');
    await source.getByRole('button', { name: words('common.close') }).click();
    await source.waitFor({ state: 'detached' });

    // Moving the message: the dialog that asks where to.
    await row(REMOTE_SUBJECT).click();
    await page.keyboard.press('Control+Shift+V');
    const move = page.getByRole('dialog', { name: words('move.moveTitle', { count: 1 }) });
    await move.waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="dialog"]', 'the move dialog');
    await page.keyboard.press('Escape');
    await move.waitFor({ state: 'detached' });

    // The message in a window of its own.
    const opened = page.context().waitForEvent('page');
    await row(ATTACHED_SUBJECT).dblclick();
    const own = await opened;
    await own.setViewportSize(SMALL);
    await own.getByRole('heading', { name: ATTACHED_SUBJECT }).waitFor({ timeout: UI_TIMEOUT_MS });
    await checkOn(own, 'body', 'the message in its own window');
    await own.close();

    // A folder of the user's: its menu, the rename dialog and the delete question.
    const projects = page.getByRole('tree', { name: words('folder.pane') }).getByRole('treeitem', { name: FOLDER_NAME, exact: true });
    await projects.click({ button: 'right' });
    const folderMenu = page.getByRole('menu', { name: words('mail.folderActions', { folder: FOLDER_NAME }) });
    await folderMenu.waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="menu"]', 'a folder’s menu');
    await folderMenu.getByRole('menuitem', { name: words('menu.rename') }).click();
    const rename = page.getByRole('dialog', { name: words('folder.renameTitle', { name: FOLDER_NAME }) });
    await rename.waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="dialog"]', 'the rename dialog');
    await page.keyboard.press('Escape');
    await rename.waitFor({ state: 'detached' });
    await projects.click({ button: 'right' });
    await folderMenu.getByRole('menuitem', { name: words('menu.deleteFolder') }).click();
    const question = page.getByRole('alertdialog');
    await question.waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="alertdialog"]', 'the delete question');
    await question.getByRole('button', { name: words('common.cancel') }).click();
    await question.waitFor({ state: 'detached' });

    // Search: results with the quick filters, then none.
    const search = page.getByRole('searchbox', { name: words('toolbar.search') });
    await search.fill('lake');
    await page.getByText(words('search.found', { count: 1, text: 'lake' })).waitFor({ timeout: UI_TIMEOUT_MS });
    const unread = page.getByRole('group', { name: words('quickFilter.group') }).getByRole('button', { name: words('quickFilter.unread') });
    await unread.click();
    await check('body', 'search results with a quick filter');
    await unread.click();
    await search.fill('nothing-here-at-all');
    await page.getByText(words('search.noMatch')).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await check('body', 'a search without results');
    await search.fill('');

    // A new folder, from the account's menu in the folder pane.
    await page.getByRole('button', { name: words('folder.accountActions', { account: 'Alice' }) }).click();
    await page.getByRole('menuitem', { name: words('folder.new') }).waitFor();
    await check('[role="menu"]', 'the account’s menu');
    await page.getByRole('menuitem', { name: words('folder.new') }).click();
    const folderDialog = page.getByRole('dialog', { name: words('folder.newTitle') });
    await folderDialog.getByRole('textbox', { name: words('folder.nameLabel') }).waitFor();
    await check('[role="dialog"]', 'the new-folder dialog');
    await page.keyboard.press('Escape');
    await folderDialog.waitFor({ state: 'detached' });

    // Conversations: every one opened, then one shown whole in the reader.
    const toggle = page.getByRole('button', { name: words('conversations.toggle'), exact: true });
    await toggle.click();
    const tree = page.getByRole('treegrid', { name: words('conversations.toggle') });
    await tree.waitFor({ timeout: UI_TIMEOUT_MS });
    await tree.locator('[role="row"][aria-level="1"]').first().click();
    await tree.press('*');
    await tree.locator('[role="row"][aria-level="3"]').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await check('body', 'the open conversations');
    await tree.locator('[role="row"][aria-level="1"]', { hasText: THREAD_SUBJECT }).first().click();
    await reader.getByRole('button', { name: words('conversations.show') }).click();
    await reader.getByRole('region', { name: words('conversations.title'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await check('body', 'a conversation in the reader');
    await toggle.click();
    await page.getByRole('grid', { name: words('mail.messages') }).waitFor({ timeout: UI_TIMEOUT_MS });

    // Contacts: the list with a group, the form of a new contact with a mistake, the group editor.
    await openContacts(page, words);
    const view = page.getByRole('main', { name: words('toolbar.contacts') });
    await check('main', 'the Contacts view');
    await view.getByRole('button', { name: words('contacts.newContact') }).click();
    const form = view.getByRole('form');
    await form.getByRole('textbox', { name: words('contacts.address'), exact: true }).fill('not an address');
    await form.getByRole('button', { name: words('common.cancel') }).waitFor();
    await form.getByRole('textbox', { name: words('contacts.address'), exact: true }).blur();
    await check('main', 'the new contact’s form');
    await form.getByRole('button', { name: words('common.cancel') }).click();
    await view
      .getByRole('list', { name: words('contacts.groups') })
      .getByRole('button', { name: words('contacts.editGroup', { name: 'Team' }) })
      .click();
    const editor = page.getByRole('dialog', { name: words('contacts.editGroupTitle') });
    await editor.getByRole('list', { name: words('contacts.groupMembers') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await check('[role="dialog"]', 'the group editor');
  }

  test(
    'in the pseudo-locale the reader’s notices, the menus, the source, search, the dialogs, conversations and Contacts come from the catalogs, unclipped at 1024×640',
    { timeout: MAIL_E2E_TIMEOUT_MS },
    async () => {
      const { page, problems } = await open('en-XA', PSEUDO);
      await page.waitForFunction(() => document.documentElement.lang === 'en-XA');
      await visitViews(page, PSEUDO, (target, root, what) => assertFromCatalogs(target, root, what));
      await env.screenshot(page, 'views-pseudo-locale');
      assert.deepEqual(problems, []);
      await page.close();
    },
  );

  test('in Arabic the same views read right to left and pass axe', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
    const { page, problems } = await open('ar', ARABIC);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await visitViews(page, ARABIC, (target, _root, what) => assertAccessible(target, `${what} in Arabic`));
    await env.screenshot(page, 'views-arabic');
    assert.deepEqual(problems, []);
    await page.close();
    assert.equal((await env.client.call('updateSettings', { language: null })).ok, true);
  });
});
