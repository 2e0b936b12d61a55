/**
 * Import, export and the Server mailbox in the pseudo-locale and in Arabic, against a real Dovecot
 * (mail delivered by a real Postfix, one message tall and one with a right-to-left subject). In the
 * pseudo-locale every word is accented and bracketed: a text node without the marks bypassed the
 * catalogs, and a cut bracket is clipped text, at the small window size. In Arabic the views mirror,
 * while paths, server names and the protocol transcript stay left to right, and axe finds nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { createTranslator } from '../../shared/i18n/catalogs';
import type { Locale } from '../../shared/i18n/locales';
import type { MessageId } from '../../shared/i18n/messages-en';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { clippedText, unmarkedText } from './support/visible-text';

const ALICE = 'alice@example.test';
const UI_TIMEOUT_MS = 30_000;
const SMALL = WINDOW_SIZES[0];
const RTL_SUBJECT = 'تقرير الربع الأول — Quarterly report';

let env: MailEnvironment;

function message(subject: string, from: string, body: string): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      `To: Alice Example <${ALICE}>`,
      `Subject: ${subject}`,
      'Date: 3 Mar 2026 10:00:00 +0000',
      `Message-ID: <${Buffer.from(subject).toString('hex').slice(0, 24)}@example.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

before(async () => {
  env = await startMailEnvironment();
  // Mail read elsewhere too stays on the server: it is listed there and in the Inbox both.
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(true), checkAtStartup: false } });
  const tall = Array.from({ length: 2000 }, (_, index) => `Line ${index + 1} of a long report, with some words to fill it.`).join('\n');
  await env.deliver(message('A tall message with a long subject that goes on and on past the column', 'Dora Example <dora@example.test>', tall), {
    from: 'dora@example.test',
    to: [ALICE],
  });
  await env.deliver(message(RTL_SUBJECT, '\u202Bأحمد علي\u202C <ahmad@example.test>', 'نص الرسالة'), { from: 'ahmad@example.test', to: [ALICE] });
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 50 });
    return list.ok && list.value.total >= 2 && list.value.messages.every((item) => item.indexed);
  }, 'both messages received and indexed');
});

after(async () => {
  await env?.stop();
});

async function setLanguage(language: Locale | null): Promise<void> {
  const result = await env.client.call('updateSettings', { language });
  assert.equal(result.ok, true);
}

/** The words of a locale, for finding controls in it. */
function wordsOf(locale: Locale): (id: MessageId, values?: Record<string, string | number>) => string {
  const { t } = createTranslator(locale);
  return t;
}

/** Opens the Server mailbox of Alice's account and waits until the server is listed. */
async function openServerMailbox(page: Page, t: (id: MessageId, values?: Record<string, string | number>) => string): Promise<void> {
  await page.getByRole('button', { name: t('folder.accountActions', { account: 'Alice' }) }).click({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('menuitem', { name: t('folder.serverMailbox') }).click();
  await page.getByRole('heading', { name: t('server.title') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelectorAll('.server-table tbody tr').length === 2, undefined, { timeout: UI_TIMEOUT_MS });
}

/** Opens File → Import… from the toolbar's More menu. */
async function openImport(page: Page, t: (id: MessageId) => string) {
  await page
    .getByRole('toolbar', { name: t('toolbar.label') })
    .getByRole('button', { name: t('toolbar.moreLabel') })
    .click({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('menu', { name: t('toolbar.moreLabel') })
    .getByRole('menuitem', { name: t('toolbar.import') })
    .click();
  const wizard = page.getByRole('dialog', { name: t('import.title') });
  await wizard.waitFor({ timeout: UI_TIMEOUT_MS });
  return wizard;
}

test(
  'in the pseudo-locale every visible word of the import wizard, the export dialog and the Server mailbox comes from the catalogs, unclipped at 1024×640',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('en-XA');
    const t = wordsOf('en-XA');
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.lang === 'en-XA');

    const wizard = await openImport(page, t);
    await wizard.locator('.file-browser-entries li').first().waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, '.import-wizard'), [], 'the import wizard');
    assert.deepEqual(await clippedText(page, '.import-wizard'), [], 'clipped text in the import wizard');
    await wizard.getByRole('radio', { name: new RegExp(escape(t('import.kindThunderbird'))) }).check();
    await wizard.getByRole('textbox', { name: t('import.profileFolder') }).waitFor();
    assert.deepEqual(await unmarkedText(page, '.import-wizard'), [], 'the Thunderbird page of the wizard');
    assert.deepEqual(await clippedText(page, '.import-wizard'), [], 'clipped text on the Thunderbird page');
    await env.screenshot(page, 'import-wizard-pseudo-locale');
    await wizard.getByRole('button', { name: t('common.close') }).click();

    await page
      .getByRole('treeitem', { name: t('folder.special.inbox'), exact: true })
      .first()
      .click({ button: 'right' });
    await page.getByRole('menuitem', { name: t('menu.export') }).click();
    const exporting = page.getByRole('dialog', { name: t('import.exportFolder', { folder: t('folder.special.inbox') }) });
    await exporting.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, '[role="dialog"]'), [], 'the export dialog');
    assert.deepEqual(await clippedText(page, '[role="dialog"]'), [], 'clipped text in the export dialog');
    await exporting.getByRole('button', { name: t('common.close') }).click();

    await openServerMailbox(page, t);
    await page.getByRole('status').filter({ hasText: /\S/ }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, 'main.server-mailbox'), [], 'the Server mailbox');
    assert.deepEqual(await clippedText(page, 'main.server-mailbox'), [], 'clipped text in the Server mailbox');
    await env.screenshot(page, 'server-mailbox-pseudo-locale');
    await page.locator('.server-table tbody input[type="checkbox"]').first().check();
    await page.getByRole('button', { name: t('server.deleteAsk') }).click();
    const confirm = page.getByRole('alertdialog', { name: t('server.deleteTitle', { count: 1 }) });
    await confirm.waitFor();
    assert.deepEqual(await unmarkedText(page, '[role="alertdialog"]'), [], 'the delete question');
    await confirm.getByRole('button', { name: t('common.cancel') }).click();
    await page.getByRole('button', { name: t('server.showTranscript') }).click();
    const transcript = page.getByRole('dialog', { name: t('server.transcriptTitle') });
    await transcript.getByLabel(t('server.transcript')).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, '[role="dialog"]'), [], 'the transcript dialog');
    assert.deepEqual(await clippedText(page, '[role="dialog"]'), [], 'clipped text in the transcript dialog');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

test(
  'in Arabic the Server mailbox and the import wizard mirror, keep server text and paths left to right, and pass axe',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('ar');
    const t = wordsOf('ar');
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');

    await openServerMailbox(page, t);
    const back = await page.getByRole('button', { name: t('contacts.backToMail') }).boundingBox();
    const refresh = await page.getByRole('button', { name: t('server.refresh') }).boundingBox();
    assert.ok(back !== null && refresh !== null);
    assert.ok(back.x > refresh.x, `Back to mail (x=${back.x}) starts the header on the right, Refresh (x=${refresh.x}) is left of it`);
    const row = page.locator('.server-table tbody tr', { hasText: 'تقرير الربع الأول' });
    assert.match((await row.textContent()) ?? '', new RegExp(escape(t('server.stateDownloaded'))));
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.server-table') ?? document.body).direction), 'rtl');
    await assertAccessible(page, 'the Server mailbox in Arabic', { every: true });
    await env.screenshot(page, 'server-mailbox-arabic');

    await page.getByRole('button', { name: t('server.showTranscript') }).click();
    const transcript = page.getByRole('dialog', { name: t('server.transcriptTitle') }).getByLabel(t('server.transcript'));
    await transcript.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await transcript.evaluate((element) => getComputedStyle(element).direction), 'ltr', 'the protocol reads left to right');
    await assertAccessible(page, 'the transcript in Arabic');
    await page
      .getByRole('dialog', { name: t('server.transcriptTitle') })
      .getByRole('button', { name: t('common.close') })
      .click();
    await page.getByRole('button', { name: t('contacts.backToMail') }).click();

    const wizard = await openImport(page, t);
    const pathField = wizard.getByRole('textbox', { name: t('import.fileToImport') });
    await wizard.locator('.file-browser-entries li').first().waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await pathField.evaluate((element) => getComputedStyle(element).direction), 'ltr', 'a path is typed left to right');
    assert.equal(await wizard.evaluate((element) => getComputedStyle(element).direction), 'rtl');
    await assertAccessible(page, 'the import wizard in Arabic');
    await env.screenshot(page, 'import-wizard-arabic');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
